import ArgumentParser
import Classroom
import Foundation
import Logging
import Web

/// The `manabi` command: serve the site, or manage its database.
@main
struct Manabi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find a local Japanese class in Tokyo.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Import.self, Export.self],
        defaultSubcommand: Serve.self
    )
}

/// Options every subcommand shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (env MANABI_DB).")
    var db: String = ProcessInfo.processInfo.environment["MANABI_DB"] ?? "data/manabi.sqlite"

    func open() throws -> AppDatabase { try AppDatabase.open(path: db) }
}

struct Serve: AsyncParsableCommand, AppArguments {
    static let configuration = CommandConfiguration(abstract: "Migrate, seed on first start, and serve HTTP.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .long, help: "Address to listen on (env HOST).")
    var host: String = ProcessInfo.processInfo.environment["HOST"] ?? "127.0.0.1"
    @Option(name: .long, help: "Port (env PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080
    @Option(name: .long, help: "Folder with municipalities.csv and classrooms.sample.csv.")
    var seedDir: String = "seed"
    @Flag(name: .long, help: "Do not seed the database.")
    var noSeed = false

    var hostname: String { host }
    var databasePath: String { database.db }
    var logLevel: Logger.Level? { ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) }

    func run() async throws {
        let app = try await buildApplication(self, seedDirectory: noSeed ? nil : URL(fileURLWithPath: seedDir))
        try await app.runService()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let applied = try await database.open().appliedMigrations()
        print("migrations applied: \(applied.joined(separator: ", "))")
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the municipalities and, into an empty directory, the sample classrooms.")
    @OptionGroup var database: DatabaseOptions
    @Option(name: .long, help: "Folder with the seed files.")
    var seedDir: String = "seed"
    @Flag(name: .long, help: "Load only the municipalities.")
    var municipalitiesOnly = false

    func run() async throws {
        let store = ClassroomStore(database: try database.open())
        let outcome = try await Seeder(directory: URL(fileURLWithPath: seedDir)).seed(into: store, includeSamples: !municipalitiesOnly)
        print("municipalities: \(outcome.municipalities), sample classrooms added: \(outcome.sampleClassrooms)")
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import classrooms from a CSV file: all rows or none.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "CSV file in the format of docs/classroom-csv.md.")
    var file: String

    func run() async throws {
        let store = ClassroomStore(database: try database.open())
        let known = Set(try await store.municipalities().map(\.code))
        guard !known.isEmpty else { throw ValidationError("The database has no municipalities yet: run `manabi seed` first.") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw ValidationError("Cannot read \(file).") }
        do {
            let classrooms = try ClassroomCSV.decode(data, knownMunicipalities: known)
            let summary = try await store.save(classrooms)
            print("imported \(classrooms.count) classrooms: \(summary.inserted) new, \(summary.updated) updated")
        } catch let error as ClassroomError {
            guard case .invalidImport(let issues) = error else { throw error }
            var standardError = FileHandle.standardError
            print("\(file): \(issues.count) problem(s); nothing was imported.", to: &standardError)
            for issue in issues { print("  \(issue)", to: &standardError) }
            throw ExitCode(1)
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write every classroom as CSV (the import format).")
    @OptionGroup var database: DatabaseOptions
    @Option(name: .shortAndLong, help: "Output file (default: standard output).")
    var output: String?

    func run() async throws {
        let csv = ClassroomCSV.encode(try await ClassroomStore(database: try database.open()).allClassrooms())
        if let output {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(Data(csv.utf8))
        }
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}
