import Accounts
import Classroom
import Storage

/// The one ordered list of every domain's migrations. Only ever append (a domain's new migration goes
/// at the end, whichever domain it belongs to): a database made by an earlier release has applied a
/// prefix of this list, keeps its rows and upgrades in place (`UpgradeTests` opens one made at 405de33).
public enum ManabiSchema {
    public static let plan = MigrationPlan(
        [ClassroomSchema.createV1] + AuditLog.migrations + [ClassroomSchema.listingsV2] + [AccountSchema.createV1, AccountSchema.mailOnceV2, ClassroomSchema.reportsV3, AccountSchema.apiTokensV3]
    )

    /// Opens (creating and migrating) Manabi's database file.
    public static func open(path: String) throws -> AppDatabase {
        try AppDatabase.open(path: path, plan: plan)
    }
}
