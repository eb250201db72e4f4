import GRDB

/// One named, append-only schema change that a domain owns. The name is stored in the database once
/// applied, so it must never change; the body must never be edited after it has shipped.
public struct Migration: Sendable {
    public let name: String
    let body: @Sendable (Database) throws -> Void

    /// A migration written in SQL terms (string table and column names), so that it keeps meaning the
    /// same thing whatever the record types look like later.
    public init(_ name: String, _ body: @escaping @Sendable (Database) throws -> Void) {
        self.name = name
        self.body = body
    }
}

/// Every domain's migrations in the one order they are applied. Appending is the only change allowed:
/// a database made by an older release has applied a prefix of this list and upgrades in place.
public struct MigrationPlan: Sendable {
    public let migrations: [Migration]

    /// Fails at start, not on some later write, when two migrations share a name.
    public init(_ migrations: [Migration]) {
        var seen = Set<String>()
        for migration in migrations {
            precondition(seen.insert(migration.name).inserted, "two migrations are named \(migration.name)")
        }
        self.migrations = migrations
    }

    public var names: [String] { migrations.map(\.name) }

    var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name, migrate: migration.body)
        }
        return migrator
    }
}
