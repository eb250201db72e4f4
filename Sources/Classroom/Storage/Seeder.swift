import Foundation
import Storage

/// Loads the data Manabi starts with from `seed/`: the 62 municipalities (always brought up to date)
/// and the sample classrooms (only into an empty directory, so edits made since are never overwritten).
struct Seeder: Sendable {
    static let municipalitiesFile = "municipalities.csv"
    static let samplesFile = "classrooms.sample.csv"

    let folder: URL

    func seed(into store: ClassroomStore, includeSamples: Bool, by author: ChangeAuthor) async throws -> SeedOutcome {
        let municipalities = try MunicipalityCSV.decode(try read(Self.municipalitiesFile))
        try await store.saveMunicipalities(municipalities)
        var samples = 0
        if includeSamples, try await store.count() == 0 {
            let classrooms = try ClassroomCSV.decode(try read(Self.samplesFile), knownMunicipalities: Set(municipalities.map(\.code)))
            samples = try await store.save(classrooms, by: author).inserted
        }
        return SeedOutcome(municipalities: municipalities.count, sampleClassrooms: samples)
    }

    private func read(_ name: String) throws -> Data {
        let file = folder.appendingPathComponent(name)
        guard FileManager.default.isReadableFile(atPath: file.path) else { throw SeedFileMissing(file: name, folder: folder.standardizedFileURL.path) }
        return try Data(contentsOf: file)
    }
}

/// What a seeding run did.
public struct SeedOutcome: Sendable, Equatable {
    public var municipalities: Int
    public var sampleClassrooms: Int
}

/// A seed file that is needed and not there; says which file and where it was looked for, so the
/// command line can add the flag that helps.
public struct SeedFileMissing: Error, Equatable, CustomStringConvertible {
    public var file: String
    /// The folder looked in, as an absolute path.
    public var folder: String

    public init(file: String, folder: String) {
        self.file = file
        self.folder = folder
    }

    public var description: String { "\(file) was not found in \(folder)" }
}
