import Accounts
import Classroom
import Foundation
import JapaneseText
import Storage
import Synchronization

/// Everything the routes need, built once per process over one database.
///
/// Writes go through each domain's service; after every change the service rebuilds, in this order,
/// the classroom directory's search snapshot (with its suggest index) and then the furigana gazetteer
/// of place and classroom names. Page caches key on the directory's generation and the gazetteer's
/// version, so nothing derived from the data outlives a change.
public struct AppServices: Sendable {
    public let database: AppDatabase
    /// The one write path for classrooms.
    public let classrooms: ClassroomService
    /// What searches read; follows `classrooms`.
    public let directory: ClassroomDirectory
    public let furigana: FuriganaEngine
    /// Problems with listings reported by the public.
    public let reports: ReportService
    /// Teachers', staff and admin accounts, and the mail they are sent.
    public let accounts: AccountService
    /// Links in mail, cookie flags and session timeouts.
    public var work: WorkSettings
    /// How many search responses to keep (0: none); env `MANABI_SEARCH_CACHE`.
    public var searchCacheCapacity = Int(ProcessInfo.processInfo.environment["MANABI_SEARCH_CACHE"] ?? "") ?? 1024

    /// Opens the directory over `database` and builds the furigana engine with the directory's place and classroom names.
    /// - Parameters:
    ///   - mail: how mail leaves (the host's sendmail, or the outbox admin reads).
    ///   - bcryptCost: bcrypt's work factor (`MANABI_BCRYPT_COST`, default 12).
    ///   - freshness: when listings get the "may be out of date" note and leave search.
    public init(database: AppDatabase, mail: MailDelivery = .fromEnvironment(), work: WorkSettings = WorkSettings(publicURL: "http://127.0.0.1:8080"),
                bcryptCost: UInt8 = UInt8(ProcessInfo.processInfo.environment["MANABI_BCRYPT_COST"] ?? "") ?? 12,
                freshness: FreshnessPolicy = .standard) async throws {
        self.database = database
        accounts = AccountService(database: database, mailer: Mailer(delivery: mail, database: database), bcryptCost: bcryptCost)
        self.work = work
        classrooms = ClassroomService(database: database)
        reports = ReportService(database: database)
        let directory = try await ClassroomDirectory(following: classrooms, freshness: freshness)
        let readings = Mutex(directory.knownReadings())
        let furigana = try FuriganaEngine(gazetteer: Self.gazetteer(readings.withLock { $0 }))
        // After the directory (added first, by its initialiser): a new name's reading is known as soon as the name is.
        // Most saves change a schedule, not a name: then the gazetteer (a third of a second at 10,000 names) stays.
        classrooms.changes.follow("furigana gazetteer") {
            let fresh = directory.knownReadings()
            let changed = readings.withLock { last in
                guard last != fresh else { return false }
                last = fresh
                return true
            }
            if changed { furigana.replaceGazetteer(Self.gazetteer(fresh)) }
        }
        self.directory = directory
        self.furigana = furigana
    }

    static func gazetteer(_ readings: [KnownReading]) -> Gazetteer {
        Gazetteer(entries: readings.map { ($0.surface, $0.reading) })
    }

    /// Serves writes made by other processes (`manabi import` while the server runs): checks SQLite's
    /// data version every `interval` and, when another connection has committed, rebuilds what follows
    /// the data. Runs until the task is cancelled.
    public func followExternalChanges(
        every interval: Duration = .milliseconds(500), onReload: @Sendable (ChangeFeed.Timings) -> Void = { _ in },
        onError: @Sendable (any Error) -> Void = { _ in }
    ) async {
        await database.watchExternalChanges(every: interval) {
            do {
                onReload(try await classrooms.refreshAfterExternalChange())
            } catch {
                onError(error)
            }
        }
    }
}
