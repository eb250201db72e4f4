import Classroom
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Export and import round trip")
struct RoundTripTests {
    @Test func exportThenImportIsLossless() async throws {
        // Given the seeded sample directory
        let source = try await TestDatabase.seeded()
        let original = try await source.classrooms.storedClassrooms()
        #expect(original.count > 100)
        // When it is exported and imported into a fresh database
        let csv = ClassroomCSV.encode(original)
        let target = try await TestDatabase.seeded(includeSamples: false)
        let decoded = try ClassroomCSV.decode(Data(csv.utf8), knownMunicipalities: Set(try await target.classrooms.municipalities().map(\.code)))
        try await target.classrooms.save(decoded, by: .commandLine)
        // Then every field, timestamps included, is the same, and a second export is byte-identical
        let reimported = try await target.classrooms.storedClassrooms()
        #expect(reimported == original)
        #expect(ClassroomCSV.encode(reimported) == csv)
    }

    @Test func reimportUpdatesInPlaceAndKeepsCreatedAt() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let known = Set(try await test.classrooms.municipalities().map(\.code))
        let first = try ClassroomCSV.decode(Data(Fixtures.csv([Fixtures.row(id: 1)]).utf8), knownMunicipalities: known)
        let firstSave = try await test.classrooms.save(first, by: .commandLine)
        #expect(firstSave == .init(inserted: 1, updated: 0))
        let created = try #require(try await test.classrooms.storedClassroom(Classroom.ID(1))?.createdAt)
        let second = try ClassroomCSV.decode(Data(Fixtures.csv([Fixtures.row(id: 1, ["levels": "b1", "slots": "mon 19:00-21:00"])]).utf8), knownMunicipalities: known)
        let secondSave = try await test.classrooms.save(second, by: .commandLine)
        #expect(secondSave == .init(inserted: 0, updated: 1))
        let stored = try #require(try await test.classrooms.storedClassroom(Classroom.ID(1)))
        #expect(stored.levels == [.b1])
        #expect(stored.schedule.weekly.map(\.weekday) == [.mon])
        #expect(stored.createdAt == created)
    }
}
