import Foundation

/// Loads the data Manabi starts with from `seed/`: the 62 municipalities (always brought up to date)
/// and the sample classrooms (only into an empty directory, so edits made since are never overwritten).
public struct Seeder: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// What a seeding run did.
    public struct Outcome: Sendable, Equatable {
        public var municipalities: Int
        public var sampleClassrooms: Int
    }

    public func seed(into store: ClassroomStore, includeSamples: Bool = true) async throws -> Outcome {
        let municipalities = try MunicipalityCSV.decode(try Data(contentsOf: directory.appendingPathComponent("municipalities.csv")))
        try await store.saveMunicipalities(municipalities)
        var samples = 0
        if includeSamples, try await store.count() == 0 {
            let file = directory.appendingPathComponent("classrooms.sample.csv")
            let classrooms = try ClassroomCSV.decode(try Data(contentsOf: file), knownMunicipalities: Set(municipalities.map(\.code)))
            samples = try await store.save(classrooms).inserted
        }
        return Outcome(municipalities: municipalities.count, sampleClassrooms: samples)
    }
}
