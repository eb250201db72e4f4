import Accounts
import Foundation
import HummingbirdOTP
import Testing

@Suite("Second factor: TOTP enrolment, sign-in with a code, no replays")
struct TwoFactorTests {
    static let source = "198.51.100.7"
    static let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

    /// A teacher with TOTP on, enabled at the clock's start with that step's code.
    func enrolled(_ f: AccountsFixture) async throws -> Account {
        let teacher = try await f.teacher()
        try await f.accounts.enableTwoFactor(teacher.id, secret: Self.secret, code: totpCode(Self.secret, at: f.clock.now))
        return teacher
    }

    @Test func aWrongCodeDoesNotTurnItOn() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        let right = totpCode(Self.secret, at: f.clock.now)
        let wrong = String(format: "%06d", (Int(right)! + 1) % 1_000_000)
        await #expect(throws: AccountService.Failure.wrongCode) {
            try await f.accounts.enableTwoFactor(teacher.id, secret: Self.secret, code: wrong)
        }
        await #expect(throws: AccountService.Failure.wrongCode) {
            try await f.accounts.enableTwoFactor(teacher.id, secret: Self.secret, code: "12345")
        }
        await #expect(throws: AccountService.Failure.wrongCode) {
            try await f.accounts.enableTwoFactor(teacher.id, secret: Self.secret, code: "abcdef")
        }
        #expect(try await f.accounts.account(teacher.id)?.twoFactorEnabled == false)
        // Without a second factor a password alone still signs in
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: nil, source: Self.source).signedInAccount != nil)
    }

    @Test func theRightCodeTurnsItOn() async throws {
        let f = try await AccountsFixture()
        let teacher = try await enrolled(f)
        #expect(try await f.accounts.account(teacher.id)?.twoFactorEnabled == true)
    }

    @Test func signingInThenNeedsTheCode() async throws {
        let f = try await AccountsFixture()
        let teacher = try await enrolled(f)
        f.clock.advance(by: 30)
        let code = totpCode(Self.secret, at: f.clock.now)

        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: nil, source: Self.source) == .refused)
        #expect(try await f.accounts.signIn(email: teacher.email, password: "not-the-password", code: code, source: Self.source) == .refused)
        let signedIn = try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: code, source: Self.source)
        #expect(signedIn.signedInAccount?.id == teacher.id)
        #expect(signedIn.signedInAccount?.twoFactorEnabled == true)
    }

    @Test func aCodeCannotBeUsedTwice() async throws {
        let f = try await AccountsFixture()
        let teacher = try await enrolled(f)
        f.clock.advance(by: 30)
        let code = totpCode(Self.secret, at: f.clock.now)
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: code, source: Self.source).signedInAccount != nil)
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: code, source: Self.source) == .refused)
        // Still refused a few seconds later, within the same step
        f.clock.advance(by: 10)
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: code, source: Self.source) == .refused)
        // The next step's code works
        f.clock.advance(by: 30)
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: totpCode(Self.secret, at: f.clock.now), source: Self.source).signedInAccount != nil)
    }

    @Test func theCodeThatTurnedItOnCannotSignIn() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        let code = totpCode(Self.secret, at: f.clock.now)
        try await f.accounts.enableTwoFactor(teacher.id, secret: Self.secret, code: code)
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: code, source: Self.source) == .refused)
    }

    @Test func anOlderStepsCodeCannotSignInAfterANewerOneWasUsed() async throws {
        let f = try await AccountsFixture()
        let teacher = try await enrolled(f)
        f.clock.advance(by: 60)
        let previous = totpCode(Self.secret, at: f.clock.now.addingTimeInterval(-30))
        let current = totpCode(Self.secret, at: f.clock.now)
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: current, source: Self.source).signedInAccount != nil)
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: previous, source: Self.source) == .refused)
    }

    @Test func aPhoneClockOneStepOffIsAccepted() async throws {
        let f = try await AccountsFixture()
        let teacher = try await enrolled(f)
        f.clock.advance(by: 120)
        let behind = totpCode(Self.secret, at: f.clock.now.addingTimeInterval(-30))
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: behind, source: Self.source).signedInAccount != nil)
        f.clock.advance(by: 120)
        let ahead = totpCode(Self.secret, at: f.clock.now.addingTimeInterval(30))
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: ahead, source: Self.source).signedInAccount != nil)
    }

    @Test func aCodeTwoStepsOffIsRefused() async throws {
        let f = try await AccountsFixture()
        let teacher = try await enrolled(f)
        f.clock.advance(by: 300)
        let stale = totpCode(Self.secret, at: f.clock.now.addingTimeInterval(-60))
        // (Skip the one-in-a-million case where the stale code equals a nearby step's.)
        let nearby = [-30.0, 0, 30].map { totpCode(Self.secret, at: f.clock.now.addingTimeInterval($0)) }
        if !nearby.contains(stale) {
            #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: stale, source: Self.source) == .refused)
        }
    }

    @Test func spacesInTheCodeAreIgnored() async throws {
        let f = try await AccountsFixture()
        let teacher = try await enrolled(f)
        f.clock.advance(by: 30)
        let code = totpCode(Self.secret, at: f.clock.now)
        let spaced = "\(code.prefix(3)) \(code.suffix(3))"
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: spaced, source: Self.source).signedInAccount != nil)
    }

    @Test func wrongCodesCountTowardsTheBackOff() async throws {
        let f = try await AccountsFixture()
        let teacher = try await enrolled(f)
        f.clock.advance(by: 30)
        let right = totpCode(Self.secret, at: f.clock.now)
        let wrong = String(format: "%06d", (Int(right)! + 500_000) % 1_000_000)
        for _ in 1...5 {
            #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: wrong, source: Self.source) == .refused)
        }
        #expect(try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: right, source: Self.source).throttledUntil != nil)
    }

    @Test func adminsMustSetUpASecondFactorUntilTheyHaveOne() async throws {
        let f = try await AccountsFixture()
        let (admin, token) = try await f.accounts.invite(email: "admin@example.org", role: .admin, by: .commandLine)
        #expect(admin.mustSetUpTwoFactor)
        _ = try await f.accounts.redeem(token, purpose: .setup, newPassword: AccountsFixture.password)
        try await f.accounts.enableTwoFactor(admin.id, secret: Self.secret, code: totpCode(Self.secret, at: f.clock.now))
        #expect(try await f.accounts.account(admin.id)?.mustSetUpTwoFactor == false)
        // Teachers and staff are never forced
        let teacher = try await f.teacher()
        #expect(!teacher.mustSetUpTwoFactor)
    }

    @Test func aNewSecretIs32Base32Characters() {
        let a = TwoFactor.newSecret(), b = TwoFactor.newSecret()
        #expect(a.count == 32)
        #expect(a.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
        #expect(a != b)
    }

    @Test func theEnrolmentLinkNamesTheAccountAndIssuer() {
        let secret = TwoFactor.newSecret()
        let enrolment = TwoFactor.enrolment(secret: secret, account: "tanaka@example.org")
        #expect(enrolment.url.hasPrefix("otpauth://totp/"))
        #expect(enrolment.url.contains("issuer=Manabi"))
        #expect(!enrolment.key.isEmpty)
        #expect(enrolment.url.contains("secret=\(enrolment.key)"))
    }

    @Test func matchingStepFindsTheStepOfACode() {
        let date = TestClock.start
        let step = Int64(date.timeIntervalSince1970 / 30)
        #expect(TwoFactor.matchingStep(totpCode(Self.secret, at: date), secret: Self.secret, at: date) == step)
        #expect(TwoFactor.matchingStep(totpCode(Self.secret, at: date.addingTimeInterval(30)), secret: Self.secret, at: date) == step + 1)
        #expect(TwoFactor.matchingStep(totpCode(Self.secret, at: date.addingTimeInterval(-30)), secret: Self.secret, at: date) == step - 1)
        #expect(TwoFactor.matchingStep("", secret: Self.secret, at: date) == nil)
        #expect(TwoFactor.matchingStep("1234567", secret: Self.secret, at: date) == nil)
    }
}
