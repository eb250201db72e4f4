import Classroom
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Search responses stay fresh")
struct SearchCacheTests {
    @Test func aSavedClassroomShowsUpInARepeatedSearch() async throws {
        // Given a search that has been answered (and cached) once
        let app = try await TestApp.seeded()
        let uri = "/api/v1/classrooms?q=\(enc("ゆうやけ教室"))"
        let before = try await app.json(uri)
        #expect(before["total"] as? Int == 0)
        // When a volunteer saves a matching classroom
        let csv = Fixtures.csv([Fixtures.row(id: 9001, ["name": "ゆうやけ教室", "name_kana": "ゆうやけきょうしつ"])])
        try await app.services.classrooms.importCSV(Data(csv.utf8), by: .commandLine)
        // Then the same search finds it at once
        let after = try await app.json(uri)
        #expect(after["total"] as? Int == 1)
        #expect(after.items.first?["id"] as? Int == 9001)
    }
}
