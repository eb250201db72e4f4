import Classroom
import Foundation
import Storage
import Testing
import TestSupport

/// A save in this process re-reads only the listing it changed; what search serves must be what a full rebuild
/// from the file would serve, also when many saves run at once.
@Suite("Search snapshot after a save: only the saved rows are read again")
struct IncrementalSnapshotTests {
    /// Everything search can tell about the directory: each published listing as stored, and the default order.
    static func view(_ directory: ClassroomDirectory) throws -> [Classroom] {
        var query = ClassroomQuery()
        query.limit = ClassroomQuery.maxLimit
        var all: [Classroom] = []
        while true {
            let page = try directory.search(query, now: TokyoDateTime(date: LocalDate("2026-12-05")!, time: TimeOfDay("09:00")!))
            all += page.items.map(\.classroom)
            guard all.count < page.total, !page.items.isEmpty else { return all }
            query.offset += query.limit
        }
    }

    @Test func concurrentSavesAllShowAndMatchAFullRebuild() async throws {
        let test = try await TestDatabase.seeded()
        let service = test.classrooms
        let directory = try await ClassroomDirectory(following: service)
        let stored = try await service.storedClassrooms().filter { $0.status == .published }.prefix(24)

        // When 24 listings are saved at once, each with a new fee and name, and one is archived
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, classroom) in stored.enumerated() {
                group.addTask {
                    var edited = classroom
                    edited.feeYen = 1_000 + index
                    edited.name = "並行保存教室 \(index)"
                    _ = try await service.update(edited, by: .system)
                }
            }
            try await group.waitForAll()
        }
        _ = try await service.apply(.archive, to: stored.last!.id, by: .system)

        // Then search shows every save and not the archived listing
        let served = try Self.view(directory)
        for (index, classroom) in stored.dropLast().enumerated() {
            let found = served.first { $0.id == classroom.id }
            #expect(found?.feeYen == 1_000 + index && found?.name == "並行保存教室 \(index)", "\(classroom.id)")
        }
        #expect(!served.contains { $0.id == stored.last!.id })
        var byName = ClassroomQuery()
        byName.text = "並行保存教室 3"
        #expect(try directory.search(byName).items.first?.classroom.id == stored[stored.startIndex + 3].id)

        // And it is exactly what a rebuild from the whole file serves
        try await service.refreshAfterExternalChange()
        #expect(try Self.view(directory) == served)
    }

    @Test func aNewListingJoinsSearchOnlyWhenPublished() async throws {
        let test = try await TestDatabase.seeded()
        let service = test.classrooms
        let directory = try await ClassroomDirectory(following: service)
        let before = try Self.view(directory).count
        var draft = try #require(try await service.storedClassrooms().first)
        draft.name = "追加教室"
        draft.organiserId = try await service.createOrganiser(named: "追加の会", by: .system).id
        let created = try await service.create(draft, by: .system)
        #expect(try Self.view(directory).count == before)
        _ = try await service.apply(.submit, to: created.id, by: .system)
        _ = try await service.apply(.approve, to: created.id, by: .system)
        #expect(try Self.view(directory).count == before + 1)
        #expect(try directory.classroom(created.id).classroom.name == "追加教室")
    }
}
