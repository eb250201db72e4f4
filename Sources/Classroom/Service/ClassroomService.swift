import Foundation
import Storage

/// The one way to change the classroom directory: the command line's seed and import, and (to come)
/// teachers' edits and the write API all call this type. After each committed change it runs its
/// ``changes`` feed, so the search snapshot and every cache built on the data are current before the
/// call returns. Reads of what is stored (drafts and archived classrooms too) are here as well;
/// searches go to the ``ClassroomDirectory`` that follows this service.
public final class ClassroomService: Sendable {
    let store: ClassroomStore
    /// Followers rebuilt after every change: the directory first, then what the composition root adds.
    public let changes = ChangeFeed()

    /// What a save changed.
    public struct SaveSummary: Sendable, Equatable {
        public var inserted: Int
        public var updated: Int

        public init(inserted: Int, updated: Int) {
            self.inserted = inserted
            self.updated = updated
        }
    }

    public init(database: AppDatabase) {
        store = ClassroomStore(database: database)
    }

    // MARK: - Changes

    /// Inserts new classrooms and replaces existing ones (by id), all in one transaction, with an audit
    /// entry for each classroom that changed, naming `author`.
    @discardableResult
    public func save(_ classrooms: [Classroom], by author: ChangeAuthor) async throws -> SaveSummary {
        let summary = try await store.save(classrooms, by: author)
        try await changes.publish()
        return summary
    }

    /// Validates a CSV file in the import format (every problem reported, with line and column) and
    /// saves all its rows, or none: throws ``ClassroomError/invalidImport(_:)`` with the problems.
    @discardableResult
    public func importCSV(_ data: Data, by author: ChangeAuthor) async throws -> SaveSummary {
        let known = Set(try await store.municipalities().map(\.code))
        guard !known.isEmpty else { throw ClassroomError.noMunicipalities }
        return try await save(try ClassroomCSV.decode(data, knownMunicipalities: known), by: author)
    }

    /// Brings the municipalities up to date from `folder` and, into an empty directory, adds the sample
    /// classrooms. Throws ``SeedFileMissing`` when a file it needs is not there.
    @discardableResult
    public func seed(from folder: URL, includeSamples: Bool = true, by author: ChangeAuthor) async throws -> SeedOutcome {
        let outcome = try await Seeder(folder: folder).seed(into: store, includeSamples: includeSamples, by: author)
        try await changes.publish()
        return outcome
    }

    /// Rebuilds what follows the data after another process (or another pool on the same file) wrote to
    /// it; returns how long each follower took.
    @discardableResult
    public func refreshAfterExternalChange() async throws -> ChangeFeed.Timings {
        try await changes.publish()
    }

    // MARK: - What is stored

    /// Every classroom whatever its status, by id.
    public func storedClassrooms() async throws -> [Classroom] { try await store.allClassrooms() }

    /// One stored classroom whatever its status, or nil.
    public func storedClassroom(_ id: Classroom.ID) async throws -> Classroom? { try await store.classroom(id) }

    /// Number of classrooms stored, whatever their status.
    public func storedCount() async throws -> Int { try await store.count() }

    /// All municipalities, in code order.
    public func municipalities() async throws -> [Municipality] { try await store.municipalities() }

    /// The audit entries of one classroom, newest first: who changed which fields, and how.
    public func history(of id: Classroom.ID, limit: Int = 100) async throws -> [AuditEntry] {
        try await AuditLog.entries(about: "classroom", String(id.rawValue), in: store.database, limit: limit)
    }

    /// Every stored classroom in the import format; export → import is lossless.
    public func exportCSV() async throws -> String { ClassroomCSV.encode(try await store.allClassrooms()) }
}
