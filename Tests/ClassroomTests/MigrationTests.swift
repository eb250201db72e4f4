import Classroom
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Migrations on a fresh database")
struct MigrationTests {
    @Test func freshDatabaseHasEveryMigration() async throws {
        // Given a new database file
        let test = try TestDatabase()
        // When it is opened (which migrates)
        let applied = try await test.database.appliedMigrations()
        // Then the schema is complete and empty
        #expect(applied == ["classroom-v1-create", "classroom-v2-listings", "classroom-v3-reports", "audit-v1-create"])
        let count = try await test.classrooms.storedCount()
        #expect(count == 0)
        #expect(FileManager.default.fileExists(atPath: test.path))
    }

    @Test func reopeningIsIdempotent() async throws {
        let test = try await TestDatabase.seeded()
        let again = try test.openAgain()
        let applied = try await again.appliedMigrations()
        #expect(applied == ["classroom-v1-create", "classroom-v2-listings", "classroom-v3-reports", "audit-v1-create"])
        let reopened = try await ClassroomService(database: again).storedCount()
        let original = try await test.classrooms.storedCount()
        #expect(reopened == original && original > 0)
    }

    @Test func schemaRejectsAClassroomInAnUnknownMunicipality() async throws {
        // Given a seeded database
        let test = try await TestDatabase.seeded(includeSamples: false)
        // When a classroom refers to a code that is not in the municipality table
        var classroom = try #require(try ClassroomCSV.decode(Data(Fixtures.csv([Fixtures.row(id: 1)]).utf8), knownMunicipalities: [Municipality.Code("131041")!]).first)
        classroom.municipalityCode = Municipality.Code("139999")!
        // Then the foreign key refuses it and nothing is stored
        await #expect(throws: (any Error).self) { try await test.classrooms.save([classroom], by: .commandLine) }
        let count = try await test.classrooms.storedCount()
        #expect(count == 0)
    }

    @Test func aFailingSaveStoresNothingAtAll() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let rows = try ClassroomCSV.decode(
            Data(Fixtures.csv([Fixtures.row(id: 1), Fixtures.row(id: 2)]).utf8), knownMunicipalities: [Municipality.Code("131041")!]
        )
        var broken = rows
        broken[1].municipalityCode = Municipality.Code("139999")!
        await #expect(throws: (any Error).self) { try await test.classrooms.save(broken, by: .commandLine) }
        // The first, valid classroom was rolled back with the second.
        let count = try await test.classrooms.storedCount()
        #expect(count == 0)
    }
}
