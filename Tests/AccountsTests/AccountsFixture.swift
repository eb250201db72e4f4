import Accounts
import Classroom
import Foundation
import GRDB
import HummingbirdOTP
import Storage
import Synchronization
import TestSupport

/// A clock the tests move by hand, so expiry and back-off are tested without sleeping.
final class TestClock: Sendable {
    /// 2027-01-15 08:00:00 UTC: a whole second, and the start of a 30-second TOTP step.
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    private let current: Mutex<Date>

    init(_ start: Date = TestClock.start) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    func set(_ date: Date) { current.withLock { $0 = date } }

    /// The closure `AccountService` reads.
    var function: @Sendable () -> Date { { [self] in now } }
}

/// A fresh database with the classroom, audit and accounts migrations in the production order, the 62
/// Tokyo municipalities seeded (no sample classrooms), and an account service over it with bcrypt cost 4.
struct AccountsFixture {
    static let plan = MigrationPlan([ClassroomSchema.createV1] + AuditLog.migrations + [ClassroomSchema.listingsV2] + AccountSchema.migrations)
    static let shinjuku = "131041"
    static let shibuya = "131130"
    static let password = "purple-otter-lantern-42"

    let test: TestDatabase
    let clock: TestClock
    let accounts: AccountService

    var database: AppDatabase { test.database }
    var classrooms: ClassroomService { test.classrooms }

    init(seeded: Bool = true, delivery: MailDelivery = .outbox) async throws {
        test = seeded ? try await TestDatabase.seeded(includeSamples: false, plan: Self.plan) : try TestDatabase(plan: Self.plan)
        clock = TestClock()
        accounts = AccountService(
            database: test.database, mailer: Mailer(delivery: delivery, database: test.database), bcryptCost: 4, clock: clock.function
        )
    }

    /// A new organiser's id.
    func organiser(_ name: String = "ひまわりの会") async throws -> Int64 {
        try await classrooms.createOrganiser(named: name, by: .commandLine).id.rawValue
    }

    /// An invited teacher, who has not chosen a password yet, and the setup link's token.
    func invitedTeacher(_ email: String = "tanaka@example.org") async throws -> (account: Account, token: String) {
        try await accounts.invite(email: email, role: .teacher, organiserId: try await organiser(), by: .commandLine)
    }

    /// A teacher who has set `password` through the setup link.
    @discardableResult
    func teacher(_ email: String = "tanaka@example.org", password: String = AccountsFixture.password) async throws -> Account {
        let (_, token) = try await invitedTeacher(email)
        return try await accounts.redeem(token, purpose: .setup, newPassword: password)
    }

    /// A staff member of `municipalities` who has set `password`.
    @discardableResult
    func staff(_ email: String = "suzuki@example.org", of municipalities: Set<String> = [shinjuku], password: String = AccountsFixture.password) async throws -> Account {
        let (_, token) = try await accounts.invite(email: email, role: .staff, municipalities: municipalities, by: .commandLine)
        return try await accounts.redeem(token, purpose: .setup, newPassword: password)
    }

    /// Every audit entry, oldest first, as the table holds it.
    func auditRows() async throws -> [(action: String, authorKind: String, authorId: Int64?, subjectKind: String, subjectId: String, municipality: String?, changes: String)] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM auditEntry ORDER BY id").map {
                (action: $0["action"], authorKind: $0["authorKind"], authorId: $0["authorId"], subjectKind: $0["subjectKind"],
                 subjectId: $0["subjectId"], municipality: $0["municipalityCode"], changes: $0["changes"])
            }
        }
    }

    /// Audit rows about one account.
    func auditRows(about account: Account) async throws -> [(action: String, authorKind: String, authorId: Int64?, subjectKind: String, subjectId: String, municipality: String?, changes: String)] {
        try await auditRows().filter { $0.subjectKind == "account" && $0.subjectId == String(account.id.rawValue) }
    }
}

/// The six-digit code an authenticator app shows at `date` for `secret`, with leading zeros.
func totpCode(_ secret: String, at date: Date) -> String {
    String(format: "%06d", TOTP(secret: secret).compute(date: date))
}

extension AccountService.SignInOutcome {
    var signedInAccount: Account? {
        if case .signedIn(let account) = self { account } else { nil }
    }

    var throttledUntil: Date? {
        if case .throttled(let until) = self { until } else { nil }
    }
}
