import Accounts
import Foundation
import Testing

@Suite("Changing a password, and the sessions table")
struct PasswordChangeAndSessionTests {
    static let source = "198.51.100.7"

    func storeSessions(_ f: AccountsFixture, _ names: [String], for account: Account?, lifetime: TimeInterval = 3600) async throws {
        for name in names {
            try await f.accounts.storeSession(
                keyHash: Secret.digest(name), accountId: account?.id.rawValue, data: Data(name.utf8), expiresAt: f.clock.now.addingTimeInterval(lifetime)
            )
        }
    }

    @Test func changingThePasswordEndsEverySessionOfTheAccount() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        let other = try await f.staff()
        try await storeSessions(f, ["phone", "laptop"], for: teacher)
        try await storeSessions(f, ["staff-desk"], for: other)
        try await storeSessions(f, ["anonymous"], for: nil)
        #expect(try await f.accounts.sessionCount(of: teacher.id) == 2)

        try await f.accounts.changePassword(teacher.id, current: AccountsFixture.password, new: "a-brand-new-passphrase")

        #expect(try await f.accounts.sessionCount(of: teacher.id) == 0)
        #expect(try await f.accounts.session(keyHash: Secret.digest("phone")) == nil)
        // Nobody else's sessions end
        #expect(try await f.accounts.sessionCount(of: other.id) == 1)
        #expect(try await f.accounts.session(keyHash: Secret.digest("anonymous"))?.data == Data("anonymous".utf8))
        // And only the new password signs in
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: nil, source: Self.source) == .refused)
        #expect(try await f.accounts.signIn(email: teacher.email, password: "a-brand-new-passphrase", code: nil, source: Self.source).signedInAccount?.id == teacher.id)
    }

    @Test func theCurrentPasswordMustBeRight() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        try await storeSessions(f, ["phone"], for: teacher)
        await #expect(throws: AccountService.Failure.wrongPassword) {
            try await f.accounts.changePassword(teacher.id, current: "not-the-password", new: "a-brand-new-passphrase")
        }
        #expect(try await f.accounts.sessionCount(of: teacher.id) == 1)
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: nil, source: Self.source).signedInAccount != nil)
    }

    @Test func theNewPasswordFollowsThePolicy() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        await #expect(throws: AccountService.Failure.password(.tooShort)) {
            try await f.accounts.changePassword(teacher.id, current: AccountsFixture.password, new: "short")
        }
        await #expect(throws: AccountService.Failure.password(.common)) {
            try await f.accounts.changePassword(teacher.id, current: AccountsFixture.password, new: "QWERTYQWERTY")
        }
        await #expect(throws: AccountService.Failure.password(.sameAsEmail)) {
            try await f.accounts.changePassword(teacher.id, current: AccountsFixture.password, new: teacher.email)
        }
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: nil, source: Self.source).signedInAccount != nil)
    }

    @Test func anUnknownAccountCannotChangeItsPassword() async throws {
        let f = try await AccountsFixture()
        await #expect(throws: AccountService.Failure.notFound) {
            try await f.accounts.changePassword(Account.ID(999), current: AccountsFixture.password, new: "a-brand-new-passphrase")
        }
    }

    @Test func anInvitedAccountWithoutAPasswordCannotChangeIt() async throws {
        let f = try await AccountsFixture()
        let (account, _) = try await f.invitedTeacher()
        await #expect(throws: AccountService.Failure.wrongPassword) {
            try await f.accounts.changePassword(account.id, current: "", new: "a-brand-new-passphrase")
        }
    }

    @Test func aSessionIsReadUntilItExpires() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        try await storeSessions(f, ["phone"], for: teacher, lifetime: 600)
        let stored = try #require(try await f.accounts.session(keyHash: Secret.digest("phone")))
        #expect(stored.data == Data("phone".utf8))
        #expect(stored.expiresAt == f.clock.now.addingTimeInterval(600))
        f.clock.advance(by: 599)
        #expect(try await f.accounts.session(keyHash: Secret.digest("phone")) != nil)
        f.clock.advance(by: 1)
        #expect(try await f.accounts.session(keyHash: Secret.digest("phone")) == nil)
    }

    @Test func storingASessionAgainReplacesItsDataAndExpiry() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        let key = Secret.digest("phone")
        try await f.accounts.storeSession(keyHash: key, accountId: teacher.id.rawValue, data: Data("one".utf8), expiresAt: f.clock.now.addingTimeInterval(60))
        try await f.accounts.storeSession(keyHash: key, accountId: teacher.id.rawValue, data: Data("two".utf8), expiresAt: f.clock.now.addingTimeInterval(120))
        let stored = try #require(try await f.accounts.session(keyHash: key))
        #expect(stored.data == Data("two".utf8))
        #expect(stored.expiresAt == f.clock.now.addingTimeInterval(120))
        #expect(try await f.accounts.sessionCount(of: teacher.id) == 1)
    }

    @Test func sessionsCanBeRemovedOneByOneOrAllForAnAccount() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        try await storeSessions(f, ["a", "b", "c"], for: teacher)
        try await f.accounts.removeSession(keyHash: Secret.digest("a"))
        #expect(try await f.accounts.sessionCount(of: teacher.id) == 2)
        try await f.accounts.endSessions(of: teacher.id)
        #expect(try await f.accounts.sessionCount(of: teacher.id) == 0)
    }

    @Test func purgingDeletesExpiredSessionsOnly() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        try await storeSessions(f, ["short"], for: teacher, lifetime: 60)
        try await storeSessions(f, ["long"], for: teacher, lifetime: 3600)
        f.clock.advance(by: 120)
        try await f.accounts.purgeExpired()
        #expect(try await f.accounts.sessionCount(of: teacher.id) == 1)
        #expect(try await f.accounts.session(keyHash: Secret.digest("long")) != nil)
    }

    @Test func tokensAreRandomUrlSafeAndDigestsAreStable() {
        let a = Secret.token(), b = Secret.token()
        #expect(a != b)
        #expect(a.count == 43)
        #expect(a.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(Secret.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secret.equal("same", "same"))
        #expect(!Secret.equal("same", "sane"))
        #expect(!Secret.equal("same", "same "))
    }
}
