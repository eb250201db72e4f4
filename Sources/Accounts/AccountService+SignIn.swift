import Foundation
import GRDB
import Storage

/// Signing in, with exponential back-off per address typed and per source address, and one answer for
/// every kind of failure, so that no response says whether an address has an account.
extension AccountService {
    /// How a sign-in ended.
    public enum SignInOutcome: Sendable, Equatable {
        case signedIn(Account)
        /// Wrong address, wrong password, missing or wrong code: deliberately the same.
        case refused
        /// Too many recent failures for this address or this source; try again after the date.
        case throttled(until: Date)
    }

    /// Failures allowed before back-off starts: per address typed, and per source address (higher, since
    /// a ward office's staff may share one).
    public static let freeFailuresPerAccount = 5
    public static let freeFailuresPerSource = 20
    /// Back-off doubles from 2 seconds after the free failures, up to 15 minutes; failures older than a day are forgotten.
    public static let maximumBackOff: TimeInterval = 15 * 60

    static func backOff(failures: Int, free: Int) -> TimeInterval {
        guard failures >= free else { return 0 }
        return min(maximumBackOff, pow(2, Double(failures - free + 1)))
    }

    public func signIn(email rawEmail: String, password: String, code: String?, source: String) async throws -> SignInOutcome {
        let now = clock()
        let email = EmailAddress.normalise(rawEmail) ?? rawEmail.lowercased()
        let keys = ["email:" + email, "source:" + source]
        let blockedUntil = try await database.writer.read { db in
            try Date.fetchAll(db, sql: "SELECT blockedUntil FROM signInThrottle WHERE key IN (?, ?) AND blockedUntil > ?", arguments: [keys[0], keys[1], now]).max()
        }
        if let blockedUntil { return .throttled(until: blockedUntil) }

        let stored = try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, passwordHash, totpSecret, totpLastStep FROM account WHERE email = ?", arguments: [email])
        }
        let hash: String? = stored?["passwordHash"]
        // Always one bcrypt verification, so an unknown address answers as slowly as a known one.
        let passwordMatches = PasswordPolicy.verify(password, hash: hash ?? decoyHash) && hash != nil
        var accepted = passwordMatches
        var step: Int64?
        if accepted, let secret: String = stored?["totpSecret"] {
            step = code.flatMap { TwoFactor.matchingStep($0, secret: secret, at: now) }
            // A code already used cannot be used again (RFC 6238 §5.2).
            let last: Int64? = stored?["totpLastStep"]
            if step == nil || (last != nil && step! <= last!) { accepted = false }
        }
        guard accepted, let id: Int64 = stored?["id"] else {
            try await recordFailure(keys: keys, at: now)
            return .refused
        }
        let usedStep = step
        let fresh = try await database.writer.write { db in
            if let usedStep {
                // Conditional, so two sign-ins racing with one code cannot both pass.
                try db.execute(
                    sql: "UPDATE account SET totpLastStep = ? WHERE id = ? AND (totpLastStep IS NULL OR totpLastStep < ?)", arguments: [usedStep, id, usedStep]
                )
                guard db.changesCount == 1 else { return false }
            }
            try db.execute(sql: "DELETE FROM signInThrottle WHERE key = ?", arguments: [keys[0]])
            return true
        }
        guard fresh else {
            try await recordFailure(keys: keys, at: now)
            return .refused
        }
        guard let account = try await account(Account.ID(id)) else { return .refused }
        return .signedIn(account)
    }

    private func recordFailure(keys: [String], at now: Date) async throws {
        try await database.writer.write { db in
            for (key, free) in zip(keys, [Self.freeFailuresPerAccount, Self.freeFailuresPerSource]) {
                let row = try Row.fetchOne(db, sql: "SELECT failures, lastFailureAt FROM signInThrottle WHERE key = ?", arguments: [key])
                var failures: Int = row?["failures"] ?? 0
                if let last: Date = row?["lastFailureAt"], now.timeIntervalSince(last) > 24 * 3600 { failures = 0 }
                failures += 1
                let delay = Self.backOff(failures: failures, free: free)
                try db.execute(
                    sql: """
                        INSERT INTO signInThrottle (key, failures, lastFailureAt, blockedUntil) VALUES (?, ?, ?, ?)
                        ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, lastFailureAt = excluded.lastFailureAt, blockedUntil = excluded.blockedUntil
                        """,
                    arguments: [key, failures, now, delay > 0 ? now.addingTimeInterval(delay) : nil]
                )
            }
        }
    }
}
