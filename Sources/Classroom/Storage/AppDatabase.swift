import Foundation
import GRDB

/// The one connection pool to Manabi's SQLite file, shared by every store. Opening it runs the
/// append-only migrations, so a database is always at the schema the code expects.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database file at `path` in WAL mode and migrates it.
    public static func open(path: String) throws -> AppDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        let pool = try DatabasePool(path: path, configuration: configuration)
        return try AppDatabase(writer: pool)
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Names of the migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// Whether the database answers a trivial query (for health checks).
    public func isReachable() async -> Bool {
        (try? await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        ClassroomSchema.register(in: &migrator)
        return migrator
    }
}
