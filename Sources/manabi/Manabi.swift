import Accounts
import ArgumentParser
import Classroom
import Foundation
import Logging
import Storage
import Web

/// The `manabi` command: serve the site, or manage its database.
@main
struct Manabi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find a local Japanese class in Tokyo.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Import.self, Export.self, Backup.self, User.self, Token.self],
        defaultSubcommand: Serve.self
    )
}

/// Options every subcommand shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (env MANABI_DB).")
    var db: String = ProcessInfo.processInfo.environment["MANABI_DB"] ?? "data/manabi.sqlite"

    func open() throws -> AppDatabase { try ManabiSchema.open(path: db) }

    /// The classroom directory's one write path over this database.
    func classrooms() throws -> ClassroomService { ClassroomService(database: try open()) }
}

struct Serve: AsyncParsableCommand, AppArguments {
    static let configuration = CommandConfiguration(abstract: "Migrate, seed on first start, and serve HTTP.")

    @OptionGroup var database: DatabaseOptions
    @Option(name: .long, help: "Address to listen on (env HOST).")
    var host: String = ProcessInfo.processInfo.environment["HOST"] ?? "127.0.0.1"
    @Option(name: .long, help: "Port (env PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080
    @Option(name: .long, help: "Folder with municipalities.csv and classrooms.sample.csv (default: seed, skipped when absent and the database is seeded).")
    var seedDir: String?
    @Flag(name: .long, help: "Do not seed the database.")
    var noSeed = false

    var hostname: String { host }
    var databasePath: String { database.db }
    var logLevel: Logger.Level? { ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) }

    func run() async throws {
        let seed = noSeed ? nil : SeedSource(folder: URL(fileURLWithPath: seedDir ?? "seed"), explicit: seedDir != nil)
        do {
            try await buildApplication(self, seed: seed).runService()
        } catch let error as StartupError {
            fail(error.description)
        }
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
        do {
            let outcome = try await database.classrooms().seed(from: URL(fileURLWithPath: seedDir), includeSamples: !municipalitiesOnly, by: .commandLine)
            print("municipalities: \(outcome.municipalities), sample classrooms added: \(outcome.sampleClassrooms)")
        } catch let missing as SeedFileMissing {
            fail("\(missing). Pass --seed-dir with the folder that holds it (the repository's seed/).")
        }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import classrooms from a CSV file: all rows or none. A server running on the same database serves them within a second or so."
    )
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "CSV file in the format of docs/classroom-csv.md.")
    var file: String

    func run() async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { fail("Cannot read \(file).") }
        do {
            let summary = try await database.classrooms().importCSV(data, by: .commandLine)
            print("imported \(summary.inserted + summary.updated) classrooms: \(summary.inserted) new, \(summary.updated) updated")
        } catch ClassroomError.noMunicipalities {
            fail("The database has no municipalities yet: run `manabi seed` first.")
        } catch ClassroomError.invalidImport(let issues) {
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
        let csv = try await database.classrooms().exportCSV()
        if let output {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(Data(csv.utf8))
        }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the live database to a new file with SQLite's online backup, while a server keeps serving.",
        discussion: "The copy holds every write committed before it started and passes PRAGMA integrity_check. See README.md (Backups) to restore."
    )
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The new file to write (never overwritten).")
    var file: String

    func run() async throws {
        guard FileManager.default.fileExists(atPath: database.db) else { fail("There is no database at \(database.db).") }
        do {
            // Opened without migrating: a backup copies the file as it is.
            let pages = try AppDatabase.open(path: database.db, plan: MigrationPlan([])).backup(to: file)
            print("backed up \(database.db) to \(file) (\(pages) pages, integrity ok)")
        } catch let error as BackupError {
            fail(error.description)
        } catch {
            fail("could not back up \(database.db) to \(file): \(error)")
        }
    }
}

/// Accounts from the command line: the first admin, and any account when the browser is not at hand.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage teacher, staff and admin accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account and print its one-time setup link (valid 7 days).",
            discussion: "Links point at MANABI_PUBLIC_URL (default http://127.0.0.1:8080). The link is also mailed through MANABI_SENDMAIL when set."
        )
        @OptionGroup var database: DatabaseOptions
        @Option(name: .long, help: "admin, staff or teacher.")
        var role: String
        @Option(name: .long, help: "The person's e-mail address.")
        var email: String
        @Option(name: .long, parsing: .upToNextOption, help: "Staff only: municipality codes they look after, e.g. 131041.")
        var municipality: [String] = []
        @Option(name: .long, help: "Teacher only: the organiser's name (created when new).")
        var organiser: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else { fail("--role must be admin, staff or teacher, not '\(role)'.") }
            let db = try database.open()
            let classrooms = ClassroomService(database: db)
            let accounts = AccountService(database: db, mailer: Mailer(delivery: .fromEnvironment(), database: db))
            var organiserId: Int64?
            if role == .teacher {
                guard let name = organiser?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { fail("A teacher needs --organiser NAME.") }
                let existing = try await classrooms.organisers().first { $0.name == name }
                if let existing { organiserId = existing.id.rawValue } else { organiserId = try await classrooms.createOrganiser(named: name, by: .commandLine).id.rawValue }
            }
            if role == .staff {
                let known = Set(try await classrooms.municipalities().map(\.code.rawValue))
                guard !municipality.isEmpty else { fail("Staff need at least one --municipality CODE.") }
                for code in municipality where !known.contains(code) { fail("\(code) is not the code of a Tokyo municipality in this database.") }
            }
            do {
                let (account, token) = try await accounts.invite(
                    email: email, role: role, organiserId: organiserId, municipalities: Set(municipality), by: .commandLine
                )
                let base = WorkSettings.fromEnvironment(host: "127.0.0.1", port: 8080).publicURL
                let link = base + "/welcome/" + token
                try? await accounts.mailer.send(MailMessage(to: account.email, subject: "Manabi: your account", body: "Choose your password here (valid 7 days):\n\(link)"))
                print("created \(role.rawValue) \(account.email)")
                print("one-time setup link (valid 7 days): \(link)")
            } catch AccountService.Failure.invalidEmail {
                fail("'\(email)' is not an e-mail address.")
            } catch AccountService.Failure.emailTaken {
                fail("\(email) already has an account.")
            }
        }
    }
}

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage personal API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a personal API token for an account and print it (once: only its SHA-256 is kept).",
            discussion: "The token acts with the account's role and scope. Its owner sees it on their account page and can revoke it there."
        )
        @OptionGroup var database: DatabaseOptions
        @Option(name: .long, help: "The account's e-mail address.")
        var email: String
        @Option(name: .long, help: "What the token is for (1–100 characters).")
        var label: String

        func run() async throws {
            let db = try database.open()
            let accounts = AccountService(database: db, mailer: Mailer(delivery: .fromEnvironment(), database: db))
            guard let account = try await accounts.account(email: email) else { fail("No account has the address \(email).") }
            do {
                let made = try await accounts.createToken(for: account.id, label: label, by: .commandLine)
                print(made.secret)
            } catch AccountService.TokenProblem.invalidLabel {
                fail("--label must be 1 to 100 characters without control characters.")
            } catch AccountService.TokenProblem.tooMany {
                fail("\(account.email) has \(APIToken.perAccountLimit) live tokens already; revoke one on the account page first.")
            }
        }
    }
}

/// Prints `message` on standard error and exits with status 1 (no usage text: the input was understood).
func fail(_ message: String) -> Never {
    var standardError = FileHandle.standardError
    print("manabi: \(message)", to: &standardError)
    Foundation.exit(1)
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}
