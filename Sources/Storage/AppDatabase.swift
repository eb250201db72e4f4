import Foundation
import GRDB

/// The one connection pool to Manabi's SQLite file, shared by every domain's store. Opening it applies
/// the migration plan, so a database is always at the schema the code expects.
///
/// Domains keep their stores internal and reach SQLite only through `writer`; nothing outside a
/// domain's service writes with it.
public struct AppDatabase: Sendable {
    /// The pool (WAL, foreign keys on). Readers never block the writer, and one write runs at a time.
    public let writer: any DatabaseWriter
    public let plan: MigrationPlan
    /// The file, or nil for an in-memory database.
    public let path: String?

    /// Opens (creating it and its folder if needed) the database file at `path` in WAL mode and migrates it.
    public static func open(path: String, plan: MigrationPlan) throws -> AppDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path, configuration: configuration)
        return try AppDatabase(writer: pool, plan: plan, path: path)
    }

    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process (`manabi import`, `manabi backup`) may hold the write lock for a moment.
        configuration.busyMode = .timeout(5)
        return configuration
    }

    init(writer: any DatabaseWriter, plan: MigrationPlan, path: String?) throws {
        self.writer = writer
        self.plan = plan
        self.path = path
        try plan.migrator.migrate(writer)
    }

    /// Names of the migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try plan.migrator.appliedMigrations(db) }
    }

    /// Whether the database answers a trivial query (for health checks).
    public func isReachable() async -> Bool {
        (try? await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }
}
