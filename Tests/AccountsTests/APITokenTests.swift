import Accounts
import Foundation
import GRDB
import Storage
import Testing

@Suite("Personal API tokens: shown once, stored as a digest, revocable, acting as their owner")
struct APITokenTests {
    @Test func aTokenAuthenticatesItsOwnerUntilRevoked() async throws {
        let fixture = try await AccountsFixture()
        let (teacher, _) = try await fixture.invitedTeacher()

        let made = try await fixture.accounts.createToken(for: teacher.id, label: "  時間割スクリプト ", by: .account(teacher.id.rawValue))
        #expect(made.secret.hasPrefix(APIToken.prefix))
        #expect(made.token.label == "時間割スクリプト")
        #expect(try await fixture.accounts.account(bearer: made.secret)?.id == teacher.id)

        // Only the digest is stored: no column of the table holds the secret.
        let rows = try await fixture.database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM apiToken") }
        #expect(rows.count == 1)
        #expect(rows[0]["tokenHash"] as String? == Secret.digest(made.secret))
        for value in rows[0].databaseValues {
            if case .string(let text) = value.storage { #expect(!text.contains(made.secret)) }
        }

        // A near miss, another prefix or an empty token authenticates nobody.
        #expect(try await fixture.accounts.account(bearer: made.secret + "x") == nil)
        #expect(try await fixture.accounts.account(bearer: String(made.secret.dropFirst(APIToken.prefix.count))) == nil)
        #expect(try await fixture.accounts.account(bearer: "") == nil)

        try await fixture.accounts.revokeToken(made.token.id, of: teacher.id, by: .account(teacher.id.rawValue))
        #expect(try await fixture.accounts.account(bearer: made.secret) == nil)
        #expect(try await fixture.accounts.tokens(of: teacher.id).isEmpty)
        // Revoking twice, or someone else's token, is "not found".
        await #expect(throws: AccountService.Failure.notFound) {
            try await fixture.accounts.revokeToken(made.token.id, of: teacher.id, by: .account(teacher.id.rawValue))
        }

        let actions = try await AuditLog.entries(about: "account", String(teacher.id.rawValue), in: fixture.database, limit: 10).map(\.action)
        #expect(actions.contains("token.create") && actions.contains("token.revoke"))
    }

    @Test func onlyTheOwnerRevokesAndLabelsAndCountAreLimited() async throws {
        let fixture = try await AccountsFixture()
        let (a, _) = try await fixture.invitedTeacher("a@example.org")
        let (b, _) = try await fixture.accounts.invite(email: "b@example.org", role: .teacher, organiserId: try await fixture.organiser("Bの会"), by: .commandLine)
        let token = try await fixture.accounts.createToken(for: a.id, label: "a", by: .commandLine)
        await #expect(throws: AccountService.Failure.notFound) { try await fixture.accounts.revokeToken(token.token.id, of: b.id, by: .commandLine) }
        #expect(try await fixture.accounts.account(bearer: token.secret)?.id == a.id)

        for label in ["", "   ", String(repeating: "x", count: 101), "tab\there"] {
            await #expect(throws: AccountService.TokenProblem.invalidLabel) { try await fixture.accounts.createToken(for: a.id, label: label, by: .commandLine) }
        }
        for n in 2...APIToken.perAccountLimit { _ = try await fixture.accounts.createToken(for: a.id, label: "t\(n)", by: .commandLine) }
        await #expect(throws: AccountService.TokenProblem.tooMany) { try await fixture.accounts.createToken(for: a.id, label: "one more", by: .commandLine) }
        #expect(try await fixture.accounts.tokens(of: a.id).count == APIToken.perAccountLimit)
        #expect(try await fixture.accounts.tokens(of: b.id).isEmpty)
    }

    @Test func lastUseIsRecordedToTheMinute() async throws {
        let fixture = try await AccountsFixture()
        let (teacher, _) = try await fixture.invitedTeacher()
        let made = try await fixture.accounts.createToken(for: teacher.id, label: "script", by: .commandLine)
        #expect(try await fixture.accounts.tokens(of: teacher.id).first?.lastUsedAt == nil)
        _ = try await fixture.accounts.account(bearer: made.secret)
        #expect(try await fixture.accounts.tokens(of: teacher.id).first?.lastUsedAt == fixture.clock.now)
        fixture.clock.advance(by: 30)
        _ = try await fixture.accounts.account(bearer: made.secret)
        #expect(try await fixture.accounts.tokens(of: teacher.id).first?.lastUsedAt == TestClock.start)
        fixture.clock.advance(by: 31)
        _ = try await fixture.accounts.account(bearer: made.secret)
        #expect(try await fixture.accounts.tokens(of: teacher.id).first?.lastUsedAt == fixture.clock.now)
    }
}
