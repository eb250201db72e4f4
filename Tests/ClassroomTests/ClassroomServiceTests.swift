import Classroom
import Foundation
import Storage
import Synchronization
import Testing
import TestSupport

@Suite("Classroom service: the one write path")
struct ClassroomServiceTests {
    /// Holds a follower until the test lets it go, and says when it has started.
    actor Gate {
        private var entered = false
        private var release: CheckedContinuation<Void, Never>?
        private var opened = false

        func pass() async {
            entered = true
            guard !opened else { return }
            await withCheckedContinuation { release = $0 }
        }
        func open() {
            opened = true
            release?.resume()
            release = nil
        }
        var hasEntered: Bool { entered }
    }

    @Test func aSaveIsSearchableWhenItReturns() async throws {
        let test = try await TestDatabase.seeded()
        let service = test.classrooms
        let directory = try await ClassroomDirectory(following: service)
        var query = ClassroomQuery()
        query.text = "あさがお教室"
        #expect(try directory.search(query).total == 0)
        let generation = directory.generation
        try await service.importCSV(Data(Fixtures.csv([Fixtures.row(id: 9500, ["name": "あさがお教室", "name_kana": "あさがおきょうしつ"])]).utf8), by: .commandLine)
        #expect(try directory.search(query).items.map(\.classroom.id) == [Classroom.ID(9500)])
        #expect(directory.generation > generation)
    }

    @Test func searchesKeepAnsweringFromTheOldSnapshotWhileANewOneIsBuilt() async throws {
        // Given a directory whose rebuild is held back by a follower that runs first
        let test = try await TestDatabase.seeded()
        let service = test.classrooms
        let gate = Gate()
        service.changes.follow("gate") { await gate.pass() }
        let directory = try await ClassroomDirectory(following: service)
        var query = ClassroomQuery()
        query.text = "ひるがお教室"
        // When a save has committed and its rebuild round is under way
        let save = Task { try await service.importCSV(Data(Fixtures.csv([Fixtures.row(id: 9501, ["name": "ひるがお教室", "name_kana": "ひるがおきょうしつ"])]).utf8), by: .commandLine) }
        while !(await gate.hasEntered) { try await Task.sleep(for: .milliseconds(5)) }
        // Then searches answer at once, from the snapshot they had
        #expect(try directory.search(query).total == 0)
        #expect(try directory.search(ClassroomQuery()).total > 0)
        // And once the round finishes the save returns and the new classroom is found
        await gate.open()
        try await save.value
        #expect(try directory.search(query).total == 1)
    }

    @Test func aRejectedImportStoresNothingAndChangesNothing() async throws {
        let test = try await TestDatabase.seeded()
        let service = test.classrooms
        let directory = try await ClassroomDirectory(following: service)
        let before = try await service.storedCount()
        let generation = directory.generation
        let bad = Fixtures.csv([Fixtures.row(id: 9502), Fixtures.row(id: 9503, ["municipality_code": "139999"])])
        await #expect(throws: ClassroomError.self) { try await service.importCSV(Data(bad.utf8), by: .commandLine) }
        #expect(try await service.storedCount() == before)
        #expect(directory.generation == generation)
    }

    @Test func importingBeforeSeedingSaysSo() async throws {
        let test = try TestDatabase()
        await #expect(throws: ClassroomError.noMunicipalities) {
            try await test.classrooms.importCSV(Data(Fixtures.csv([Fixtures.row(id: 1)]).utf8), by: .commandLine)
        }
    }

    @Test func aMissingSeedFileIsNamedWithTheFolderLookedIn() async throws {
        let test = try TestDatabase()
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("no-seed-\(UUID().uuidString)")
        await #expect(throws: SeedFileMissing(file: "municipalities.csv", folder: nowhere.standardizedFileURL.path)) {
            try await test.classrooms.seed(from: nowhere, by: .commandLine)
        }
    }

    @Test func aSnapshotRebuiltWithCachedKeysAnswersAsAFreshOneDoes() async throws {
        // Given a directory that has followed several saves (renames, a new organiser, a new class)
        let test = try await TestDatabase.seeded()
        let service = test.classrooms
        let followed = try await ClassroomDirectory(following: service)
        let rows = [
            Fixtures.row(id: 10, ["name": "改名した教室", "name_kana": "かいめいしたきょうしつ", "organiser": "新しい会（サンプル）"]),
            Fixtures.row(id: 9504, ["name": "よるの日本語", "name_kana": "よるのにほんご", "venue": "港区の集会所"]),
        ]
        try await service.importCSV(Data(Fixtures.csv(rows).utf8), by: .commandLine)
        try await service.importCSV(Data(Fixtures.csv([Fixtures.row(id: 11, ["name": "もう一つの教室", "name_kana": "もうひとつのきょうしつ"])]).utf8), by: .commandLine)
        // When a directory is built afresh over the same data
        let fresh = try await ClassroomDirectory(following: ClassroomService(database: test.database))
        // Then every query answers the same, and the old names are gone
        for text in ["改名", "かいめい", "kaimei", "新しい会", "よるの", "yoru", "港区", "もう一つ", "日本語", "教室", "shinjuku", "ボランティア"] {
            var query = ClassroomQuery()
            query.text = text
            query.limit = ClassroomQuery.maxLimit
            let a = try followed.search(query), b = try fresh.search(query)
            #expect(a.total == b.total, "\(text)")
            #expect(a.items.map(\.classroom.id) == b.items.map(\.classroom.id), "\(text)")
        }
        #expect(try followed.suggestions(for: "かいめい").map(\.id) == fresh.suggestions(for: "かいめい").map(\.id))
        #expect(followed.knownReadings() == fresh.knownReadings())
    }

    @Test func everyChangeIsAuditedWithWhoWhenAndWhichFields() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let service = test.classrooms
        let id = Classroom.ID(9505)
        // A new classroom: one entry, every field it has, from nothing
        try await service.importCSV(Data(Fixtures.csv([Fixtures.row(id: 9505)]).utf8), by: .commandLine)
        var history = try await service.history(of: id)
        #expect(history.map(\.action) == ["classroom.create"])
        #expect(history.first?.author == .commandLine)
        #expect(history.first?.municipalityCode == "131041")
        #expect(history.first?.changes.contains(FieldChange(field: "fee_yen", before: nil, after: "0")) == true)
        // A change of fee and schedule: one more entry, with exactly those fields before and after
        try await service.importCSV(
            Data(Fixtures.csv([Fixtures.row(id: 9505, ["fee_yen": "300", "slots": "sun 13:00-15:00"])]).utf8), by: .account(3)
        )
        history = try await service.history(of: id)
        #expect(history.map(\.action) == ["classroom.update", "classroom.create"])
        #expect(history.first?.author == .account(3))
        #expect(history.first?.changes == [
            FieldChange(field: "fee_yen", before: "0", after: "300"), FieldChange(field: "slots", before: "sat 10:00-12:00", after: "sun 13:00-15:00"),
        ])
        // Saving the same again changes nothing and records nothing; a rejected import records nothing either
        try await service.importCSV(
            Data(Fixtures.csv([Fixtures.row(id: 9505, ["fee_yen": "300", "slots": "sun 13:00-15:00"])]).utf8), by: .commandLine
        )
        await #expect(throws: ClassroomError.self) {
            try await service.importCSV(Data(Fixtures.csv([Fixtures.row(id: 9505, ["fee_yen": "-1"])]).utf8), by: .commandLine)
        }
        #expect(try await service.history(of: id).count == 2)
    }
}
