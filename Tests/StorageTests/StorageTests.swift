import Foundation
import GRDB
import Storage
import Synchronization
import Testing

/// A fresh folder per test, removed afterwards.
final class TempFolder: @unchecked Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("manabi-storage-\(UUID().uuidString)")
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

let createNote = Migration("test-v1-note") { db in
    try db.execute(sql: "CREATE TABLE note (id INTEGER PRIMARY KEY NOT NULL, body TEXT NOT NULL)")
}
let addTag = Migration("test-v2-tag") { db in
    try db.execute(sql: "CREATE TABLE tag (noteId INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE, name TEXT NOT NULL)")
}

func insertNote(_ database: AppDatabase, _ id: Int) async throws {
    try await database.writer.write { db in try db.execute(sql: "INSERT INTO note (id, body) VALUES (?, ?)", arguments: [id, "note \(id)"]) }
}

@Suite("Migration plan")
struct MigrationPlanTests {
    @Test func anOlderDatabaseUpgradesInPlaceAndKeepsItsRows() async throws {
        // Given a database made with the first migration only, holding a row
        let folder = TempFolder()
        let old = try AppDatabase.open(path: folder.path("db.sqlite"), plan: MigrationPlan([createNote]))
        try await insertNote(old, 1)
        // When it is opened with the plan that appends a second migration
        let new = try AppDatabase.open(path: folder.path("db.sqlite"), plan: MigrationPlan([createNote, addTag]))
        // Then both are applied, in order, and the row is still there
        #expect(try await new.appliedMigrations() == ["test-v1-note", "test-v2-tag"])
        #expect(try await new.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM note") } == 1)
    }
}

@Suite("Other connections' writes")
struct ExternalChangeTests {
    @Test func dataVersionMovesOnlyWhenAnotherConnectionCommits() async throws {
        let folder = TempFolder()
        let server = try AppDatabase.open(path: folder.path("db.sqlite"), plan: MigrationPlan([createNote]))
        let start = try await server.externalDataVersion()
        // A write through the server's own pool is its own: no change.
        try await insertNote(server, 1)
        #expect(try await server.externalDataVersion() == start)
        // A write through another pool on the same file (as `manabi import` from another process) is seen.
        let other = try AppDatabase.open(path: folder.path("db.sqlite"), plan: MigrationPlan([createNote]))
        try await insertNote(other, 2)
        #expect(try await server.externalDataVersion() != start)
    }

    @Test func theWatcherCallsBackAfterAnotherConnectionsCommit() async throws {
        let folder = TempFolder()
        let server = try AppDatabase.open(path: folder.path("db.sqlite"), plan: MigrationPlan([createNote]))
        let other = try AppDatabase.open(path: folder.path("db.sqlite"), plan: MigrationPlan([createNote]))
        let calls = Atomic<Int>(0)
        let watcher = Task { await server.watchExternalChanges(every: .milliseconds(20)) { calls.add(1, ordering: .relaxed) } }
        defer { watcher.cancel() }
        try await Task.sleep(for: .milliseconds(100))
        try await insertNote(server, 1)
        try await Task.sleep(for: .milliseconds(200))
        #expect(calls.load(ordering: .relaxed) == 0, "the server's own write is not an external change")
        try await insertNote(other, 2)
        // Waits for the callback without a time assertion: the deadline only stops a broken watcher hanging the suite.
        let deadline = ContinuousClock.now + .seconds(30)
        while calls.load(ordering: .relaxed) == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(calls.load(ordering: .relaxed) == 1)
    }
}

@Suite("Online backup")
struct BackupTests {
    @Test func aBackupTakenDuringWritesHoldsEveryWriteAcknowledgedBeforeIt() async throws {
        // Given a database that another connection keeps writing to
        let folder = TempFolder()
        let live = try AppDatabase.open(path: folder.path("live.sqlite"), plan: MigrationPlan([createNote]))
        let writer = try AppDatabase.open(path: folder.path("live.sqlite"), plan: MigrationPlan([createNote]))
        let acknowledged = Atomic<Int>(0)
        let stream = Task {
            for id in 1...3000 {
                if Task.isCancelled { break }
                try await insertNote(writer, id)
                acknowledged.store(id, ordering: .sequentiallyConsistent)
            }
        }
        while acknowledged.load(ordering: .sequentiallyConsistent) < 200 { try await Task.sleep(for: .milliseconds(5)) }
        // When a backup starts while writes go on
        let ackedBefore = acknowledged.load(ordering: .sequentiallyConsistent)
        try live.backup(to: folder.path("backup.sqlite"))
        let ackedAfter = acknowledged.load(ordering: .sequentiallyConsistent)
        stream.cancel()
        _ = await stream.result
        // Then the copy opens, passes integrity_check, and holds every write acknowledged before it began, in full
        let copy = try DatabaseQueue(path: folder.path("backup.sqlite"))
        let (check, count, maxId) = try await copy.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try Int.fetchOne(db, sql: "SELECT count(*) FROM note") ?? 0,
             try Int.fetchOne(db, sql: "SELECT max(id) FROM note") ?? 0)
        }
        #expect(check == ["ok"])
        #expect(maxId >= ackedBefore)
        #expect(count == maxId, "the copy is a prefix of the writes, with no gap")
        #expect(maxId <= ackedAfter + 1, "nothing later than the writes under way when it finished")
    }

    @Test func aBackupNeverOverwritesAFileNorCopiesOntoItself() async throws {
        let folder = TempFolder()
        let live = try AppDatabase.open(path: folder.path("live.sqlite"), plan: MigrationPlan([createNote]))
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: folder.path("taken.sqlite")))
        #expect(throws: BackupError.destinationExists(folder.path("taken.sqlite"))) { try live.backup(to: folder.path("taken.sqlite")) }
        #expect(try String(contentsOfFile: folder.path("taken.sqlite"), encoding: .utf8) == "keep me")
        #expect(throws: BackupError.self) { try live.backup(to: folder.path("live.sqlite")) }
        // No half-written file is left beside the destination.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }
}

@Suite("Change feed")
struct ChangeFeedTests {
    actor Log {
        var lines: [String] = []
        func add(_ line: String) { lines.append(line) }
    }

    @Test func followersRunInOrderAndRoundsNeverInterleave() async throws {
        let feed = ChangeFeed()
        let log = Log()
        feed.follow("snapshot") {
            await log.add("snapshot start")
            try await Task.sleep(for: .milliseconds(30))
            await log.add("snapshot end")
        }
        feed.follow("cache") { await log.add("cache") }
        // When three writers publish at once
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { try await feed.publish() } }
            try await group.waitForAll()
        }
        // Then each round ran whole, the snapshot before the cache
        let lines = await log.lines
        #expect(lines == Array(repeating: ["snapshot start", "snapshot end", "cache"], count: 3).flatMap { $0 })
    }

    @Test func aFailingFollowerDoesNotStopTheOthers() async throws {
        struct Boom: Error {}
        let feed = ChangeFeed()
        let log = Log()
        feed.follow("boom") { throw Boom() }
        feed.follow("cache") { await log.add("cache") }
        await #expect(throws: Boom.self) { try await feed.publish() }
        #expect(await log.lines == ["cache"])
    }
}

@Suite("Audit log")
struct AuditLogTests {
    @Test func theSchemaRefusesToChangeOrDeleteAnEntry() async throws {
        // Given a log with one entry
        let folder = TempFolder()
        let database = try AppDatabase.open(path: folder.path("db.sqlite"), plan: MigrationPlan(AuditLog.migrations))
        let entry = AuditEntry(
            author: .account(7), action: "classroom.update", subjectKind: "classroom", subjectId: "42", municipalityCode: "131041",
            changes: [FieldChange(field: "fee_yen", before: "0", after: "300")]
        )
        try await database.writer.write { db in try AuditLog.append(entry, in: db) }
        // When anything tries to rewrite or remove it, even with raw SQL
        for sql in ["UPDATE auditEntry SET action = 'nothing'", "DELETE FROM auditEntry", "UPDATE auditEntry SET changes = '[]' WHERE id = 1"] {
            await #expect(throws: DatabaseError.self) { try await database.writer.write { db in try db.execute(sql: sql) } }
        }
        // Then it is still there, unchanged
        let entries = try await AuditLog.entries(about: "classroom", "42", in: database)
        #expect(entries.count == 1)
        #expect(entries.first?.author == .account(7))
        #expect(entries.first?.changes == entry.changes)
        #expect(entries.first?.municipalityCode == "131041")
    }

    @Test func fieldChangesListOnlyWhatDiffers() {
        let before = [("name", "A"), ("fee_yen", "0"), ("address", "")]
        let after = [("name", "A"), ("fee_yen", "300"), ("address", "新宿")]
        #expect(FieldChange.between(before, after) == [
            FieldChange(field: "fee_yen", before: "0", after: "300"), FieldChange(field: "address", before: nil, after: "新宿"),
        ])
        #expect(FieldChange.between(nil, [("name", "A"), ("address", "")]) == [FieldChange(field: "name", before: nil, after: "A")])
        #expect(FieldChange.between(after, after).isEmpty)
    }
}
