import Foundation
import GRDB
import Storage
import Testing
import TestSupport
import Web

@Suite("Upgrading a database made by an earlier release")
struct UpgradeTests {
    /// A database made by `manabi seed` at commit 405de33 (62 municipalities, 149 sample classrooms),
    /// kept as it was; tests work on a copy.
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/manabi-405de33.sqlite")
    static let tables = ["municipality", "classroom", "classroomLevel", "classroomLanguage", "weeklySlot", "oneOffSession", "cancellation"]

    /// Every row of every table, in a stable order, as text.
    static func dump(_ path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        defer { try? queue.close() }
        return try queue.read { db in
            var result: [String: [String]] = [:]
            for table in tables {
                // The columns the fixture's release had: later migrations may add columns, never change these.
                let columns = try Row.fetchAll(db, sql: "SELECT * FROM \(table) LIMIT 1").first?.columnNames.filter { !Self.addedLater.contains($0) } ?? []
                let list = columns.isEmpty ? "*" : columns.joined(separator: ", ")
                result[table] = try Row.fetchAll(db, sql: "SELECT \(list) FROM \(table)").map(\.description).sorted()
            }
            return result
        }
    }

    /// Columns added by migrations after the fixture's release (classroom-v2-listings).
    static let addedLater: Set<String> = ["organiserId", "version", "awaitingApproval", "reviewNote", "reason"]

    @Test func itMigratesInPlaceAndKeepsEveryRow() async throws {
        // Given a copy of the old database
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manabi-upgrade-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("old.sqlite").path
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: copy)
        let before = try Self.dump(copy)
        #expect(before["classroom"]?.count == 149)
        #expect(before["municipality"]?.count == 62)
        // When today's code opens it
        let database = try ManabiSchema.open(path: copy)
        // Then every migration of the plan is applied, the old identifiers first, and no row changed
        let applied = try await database.appliedMigrations()
        #expect(applied == ManabiSchema.plan.names)
        #expect(applied.first == "classroom-v1-create")
        let after = try Self.dump(copy)
        for table in Self.tables { #expect(after[table] == before[table], "\(table) changed") }
        // And the server serves the old data
        let services = try await AppServices(database: database)
        let published = try await services.classrooms.storedClassrooms().filter { $0.status == .published }.count
        #expect(try services.directory.search(.init()).total == published)
    }
}
