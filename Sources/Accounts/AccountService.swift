import Foundation
import GRDB
import Storage

/// The one write path for accounts: invitations and one-time links, passwords, second factors, sign-in with
/// throttling, join requests and the sessions table. Every change to an account or a role is in the audit log.
public final class AccountService: Sendable {
    let database: AppDatabase
    public let mailer: Mailer
    /// bcrypt's work factor; 12 in production (`MANABI_BCRYPT_COST`), lower only in tests.
    public let bcryptCost: UInt8
    let clock: @Sendable () -> Date
    /// Checked against when an address has no account, so a wrong address takes as long as a wrong password.
    let decoyHash: String

    /// How long one-time links stay valid.
    public static let setupLinkLifetime: TimeInterval = 7 * 24 * 3600
    public static let resetLinkLifetime: TimeInterval = 3600

    public init(database: AppDatabase, mailer: Mailer, bcryptCost: UInt8 = 12, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.mailer = mailer
        self.bcryptCost = bcryptCost
        self.clock = clock
        decoyHash = PasswordPolicy.hash(Secret.token(), cost: bcryptCost)
    }

    /// What can go wrong, in terms a form can show.
    public enum Failure: Error, Equatable, Sendable {
        case invalidEmail
        case emailTaken
        case password(PasswordPolicy.Problem)
        case linkInvalid
        case wrongPassword
        case wrongCode
        case notFound
        case missingScope
    }

    // MARK: - Reading accounts

    public func account(_ id: Account.ID) async throws -> Account? {
        try await database.writer.read { db in try Self.account(db, id: id.rawValue) }
    }

    public func account(email: String) async throws -> Account? {
        guard let email = EmailAddress.normalise(email) else { return nil }
        return try await database.writer.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE email = ?", arguments: [email]) else { return nil }
            return try Self.account(db, id: id)
        }
    }

    /// Accounts, optionally only those of one organiser or one role, by address.
    public func accounts(role: Role? = nil, organiserId: Int64? = nil) async throws -> [Account] {
        try await database.writer.read { db in
            var sql = "SELECT id FROM account WHERE 1"
            var arguments: StatementArguments = []
            if let role { sql += " AND role = ?"; arguments += [role.rawValue] }
            if let organiserId { sql += " AND organiserId = ?"; arguments += [organiserId] }
            return try Int64.fetchAll(db, sql: sql + " ORDER BY email", arguments: arguments).compactMap { try Self.account(db, id: $0) }
        }
    }

    public func count() async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") ?? 0 }
    }

    static func account(_ db: Database, id: Int64) throws -> Account? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]),
            let role = Role(rawValue: row["role"])
        else { return nil }
        let municipalities = try String.fetchAll(db, sql: "SELECT municipalityCode FROM accountMunicipality WHERE accountId = ?", arguments: [id])
        return Account(
            id: Account.ID(id), email: row["email"], role: role, organiserId: row["organiserId"], municipalities: Set(municipalities),
            hasPassword: (row["passwordHash"] as String?) != nil, twoFactorEnabled: (row["totpSecret"] as String?) != nil, createdAt: row["createdAt"]
        )
    }

    // MARK: - Invitations

    /// A new account without a password and a setup link valid for 7 days; returns the account and the link's token.
    /// Staff need at least one municipality, teachers an organiser.
    public func invite(
        email rawEmail: String, role: Role, organiserId: Int64? = nil, municipalities: Set<String> = [], auditMunicipality: String? = nil,
        by author: ChangeAuthor
    ) async throws -> (account: Account, token: String) {
        guard let email = EmailAddress.normalise(rawEmail) else { throw Failure.invalidEmail }
        if role == .staff && municipalities.isEmpty { throw Failure.missingScope }
        if role == .teacher && organiserId == nil { throw Failure.missingScope }
        let now = clock()
        let token = Secret.token()
        let id: Int64 = try await database.writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM account WHERE email = ?", arguments: [email]) != nil { throw Failure.emailTaken }
            try db.execute(
                sql: "INSERT INTO account (email, role, organiserId, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [email, role.rawValue, role == .teacher ? organiserId : nil, now]
            )
            let id = db.lastInsertedRowID
            for code in municipalities.sorted() where role == .staff {
                try db.execute(sql: "INSERT INTO accountMunicipality (accountId, municipalityCode) VALUES (?, ?)", arguments: [id, code])
            }
            try Self.insertLink(db, token: token, purpose: "setup", accountId: id, now: now, lifetime: Self.setupLinkLifetime)
            var changes = [FieldChange(field: "email", before: nil, after: email), FieldChange(field: "role", before: nil, after: role.rawValue)]
            if role == .teacher, let organiserId { changes.append(FieldChange(field: "organiser_id", before: nil, after: String(organiserId))) }
            if role == .staff { changes.append(FieldChange(field: "municipalities", before: nil, after: municipalities.sorted().joined(separator: " "))) }
            try AuditLog.append(
                AuditEntry(at: now, author: author, action: "account.invite", subjectKind: "account", subjectId: String(id),
                           municipalityCode: role == .staff ? municipalities.sorted().first : auditMunicipality, changes: changes),
                in: db
            )
            return id
        }
        guard let account = try await account(Account.ID(id)) else { throw Failure.notFound }
        return (account, token)
    }

    static func insertLink(_ db: Database, token: String, purpose: String, accountId: Int64, now: Date, lifetime: TimeInterval) throws {
        try db.execute(
            sql: "INSERT INTO oneTimeLink (tokenHash, purpose, accountId, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [Secret.digest(token), purpose, accountId, now, now.addingTimeInterval(lifetime)]
        )
    }

    /// The account a one-time link is for, if the link is unused and unexpired (to show the password form).
    public func accountForLink(_ token: String, purpose: LinkPurpose) async throws -> Account? {
        let now = clock()
        return try await database.writer.read { db in
            guard let id = try Int64.fetchOne(
                db, sql: "SELECT accountId FROM oneTimeLink WHERE tokenHash = ? AND purpose = ? AND usedAt IS NULL AND expiresAt > ?",
                arguments: [Secret.digest(token), purpose.rawValue, now]
            ) else { return nil }
            return try Self.account(db, id: id)
        }
    }

    public enum LinkPurpose: String, Sendable {
        case setup
        case reset
    }

    /// Sets the password through a one-time link; the link is spent, and every session of the account ends.
    public func redeem(_ token: String, purpose: LinkPurpose, newPassword: String) async throws -> Account {
        guard let account = try await accountForLink(token, purpose: purpose) else { throw Failure.linkInvalid }
        if let problem = PasswordPolicy.check(newPassword, email: account.email) { throw Failure.password(problem) }
        let hash = PasswordPolicy.hash(newPassword, cost: bcryptCost)
        let now = clock()
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE oneTimeLink SET usedAt = ? WHERE tokenHash = ? AND usedAt IS NULL AND expiresAt > ?",
                arguments: [now, Secret.digest(token), now]
            )
            guard db.changesCount == 1 else { throw Failure.linkInvalid }
            try Self.setPassword(db, account: account.id.rawValue, hash: hash, now: now, author: .account(account.id.rawValue), action: "account.password_\(purpose.rawValue)")
        }
        return try await self.account(account.id) ?? account
    }

    static func setPassword(_ db: Database, account: Int64, hash: String, now: Date, author: ChangeAuthor, action: String) throws {
        try db.execute(sql: "UPDATE account SET passwordHash = ? WHERE id = ?", arguments: [hash, account])
        try db.execute(sql: "DELETE FROM session WHERE accountId = ?", arguments: [account])
        try AuditLog.append(
            AuditEntry(at: now, author: author, action: action, subjectKind: "account", subjectId: String(account), municipalityCode: nil,
                       changes: [FieldChange(field: "password", before: nil, after: "changed")]),
            in: db
        )
    }

    /// A fresh setup link for an account that has not chosen a password yet (the first one expired or was lost).
    public func reissueSetupLink(for id: Account.ID, by author: ChangeAuthor) async throws -> String {
        let token = Secret.token()
        let now = clock()
        try await database.writer.write { db in
            try Self.insertLink(db, token: token, purpose: "setup", accountId: id.rawValue, now: now, lifetime: Self.setupLinkLifetime)
        }
        return token
    }

    // MARK: - Password reset and change

    /// A reset link for `email` when it has an account, else nothing: the caller shows the same page either way.
    public func resetLink(for rawEmail: String) async throws -> (account: Account, token: String)? {
        guard let account = try await account(email: rawEmail), account.hasPassword else { return nil }
        let token = Secret.token()
        let now = clock()
        try await database.writer.write { db in
            try Self.insertLink(db, token: token, purpose: "reset", accountId: account.id.rawValue, now: now, lifetime: Self.resetLinkLifetime)
        }
        return (account, token)
    }

    /// Changes the password after checking the current one; every session of the account ends (the caller
    /// starts a new one for the person who changed it).
    public func changePassword(_ id: Account.ID, current: String, new: String) async throws {
        guard let account = try await account(id) else { throw Failure.notFound }
        let stored = try await database.writer.read { db in try String.fetchOne(db, sql: "SELECT passwordHash FROM account WHERE id = ?", arguments: [id.rawValue]) }
        guard let stored, PasswordPolicy.verify(current, hash: stored) else { throw Failure.wrongPassword }
        if let problem = PasswordPolicy.check(new, email: account.email) { throw Failure.password(problem) }
        let hash = PasswordPolicy.hash(new, cost: bcryptCost)
        let now = clock()
        try await database.writer.write { db in
            try Self.setPassword(db, account: id.rawValue, hash: hash, now: now, author: .account(id.rawValue), action: "account.password_change")
        }
    }

    // MARK: - Second factor

    /// Turns on TOTP with `secret` (shown to the person by ``TwoFactor/enrolment(secret:account:)``) once they
    /// prove their app has it by typing a current code.
    public func enableTwoFactor(_ id: Account.ID, secret: String, code: String) async throws {
        let now = clock()
        guard let step = TwoFactor.matchingStep(code, secret: secret, at: now) else { throw Failure.wrongCode }
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE account SET totpSecret = ?, totpLastStep = ? WHERE id = ?", arguments: [secret, step, id.rawValue])
            try AuditLog.append(
                AuditEntry(at: now, author: .account(id.rawValue), action: "account.two_factor", subjectKind: "account", subjectId: String(id.rawValue),
                           municipalityCode: nil, changes: [FieldChange(field: "two_factor", before: "off", after: "on")]),
                in: db
            )
        }
    }

    // MARK: - Sessions table (for the Web target's session store)

    /// Stores a session; `keepExpiry` updates the data of an existing session without extending it.
    public func storeSession(keyHash: String, accountId: Int64?, data: Data, expiresAt: Date, keepExpiry: Bool = false) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO session (keyHash, accountId, data, expiresAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(keyHash) DO UPDATE SET data = excluded.data, accountId = excluded.accountId,
                        expiresAt = CASE WHEN ? THEN session.expiresAt ELSE excluded.expiresAt END
                    """,
                arguments: [keyHash, accountId, data, expiresAt, keepExpiry]
            )
        }
    }

    /// Only sessions whose account still exists and that have not expired.
    public func session(keyHash: String) async throws -> (data: Data, expiresAt: Date)? {
        let now = clock()
        return try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT data, expiresAt FROM session WHERE keyHash = ? AND expiresAt > ?", arguments: [keyHash, now])
                .map { (data: $0["data"], expiresAt: $0["expiresAt"]) }
        }
    }

    public func removeSession(keyHash: String) async throws {
        try await database.writer.write { db in try db.execute(sql: "DELETE FROM session WHERE keyHash = ?", arguments: [keyHash]) }
    }

    /// Ends every session of an account.
    public func endSessions(of id: Account.ID) async throws {
        try await database.writer.write { db in try db.execute(sql: "DELETE FROM session WHERE accountId = ?", arguments: [id.rawValue]) }
    }

    public func sessionCount(of id: Account.ID) async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session WHERE accountId = ?", arguments: [id.rawValue]) ?? 0 }
    }

    /// Deletes expired sessions and spent or expired links; run now and then.
    public func purgeExpired() async throws {
        let now = clock()
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE expiresAt <= ?", arguments: [now])
            try db.execute(sql: "DELETE FROM oneTimeLink WHERE expiresAt <= ?", arguments: [now.addingTimeInterval(-30 * 24 * 3600)])
        }
    }
}
