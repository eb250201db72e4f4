import Accounts
import Foundation
import Storage
import Testing

@Suite("Invitations and one-time links: invite → accountForLink → redeem")
struct InvitationTests {
    @Test func anInvitedTeacherHasNoPasswordUntilTheLinkIsRedeemed() async throws {
        let f = try await AccountsFixture()
        let organiser = try await f.organiser()
        let (account, token) = try await f.accounts.invite(email: " Tanaka@Example.org ", role: .teacher, organiserId: organiser, by: .commandLine)
        #expect(account.email == "tanaka@example.org")
        #expect(account.role == .teacher)
        #expect(account.organiserId == organiser)
        #expect(account.municipalities.isEmpty)
        #expect(!account.hasPassword)
        #expect(!account.twoFactorEnabled)
        #expect(account.createdAt == f.clock.now)
        #expect(!token.isEmpty)

        // The link shows whose password form it is
        #expect(try await f.accounts.accountForLink(token, purpose: .setup)?.id == account.id)
        // Redeeming it sets the password
        let redeemed = try await f.accounts.redeem(token, purpose: .setup, newPassword: AccountsFixture.password)
        #expect(redeemed.id == account.id)
        #expect(try await f.accounts.account(account.id)?.hasPassword == true)
        let outcome = try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: "192.0.2.1")
        #expect(outcome.signedInAccount?.id == account.id)
    }

    @Test func redeemReturnsTheAccountWithItsPasswordSet() async throws {
        let f = try await AccountsFixture()
        let (invited, token) = try await f.invitedTeacher()
        #expect(!invited.hasPassword)
        let redeemed = try await f.accounts.redeem(token, purpose: .setup, newPassword: AccountsFixture.password)
        // What the caller signs the person in with should be the account as it now is
        #expect(redeemed.hasPassword, "redeem returned the account as it was before the password was set")
        #expect(try await f.accounts.account(invited.id) == redeemed)
    }

    @Test func theLinkIsSpentOnceRedeemed() async throws {
        let f = try await AccountsFixture()
        let (_, token) = try await f.invitedTeacher()
        _ = try await f.accounts.redeem(token, purpose: .setup, newPassword: AccountsFixture.password)
        #expect(try await f.accounts.accountForLink(token, purpose: .setup) == nil)
        await #expect(throws: AccountService.Failure.linkInvalid) {
            try await f.accounts.redeem(token, purpose: .setup, newPassword: "another-long-passphrase")
        }
        // The first password still stands
        let outcome = try await f.accounts.signIn(email: "tanaka@example.org", password: AccountsFixture.password, code: nil, source: "192.0.2.1")
        #expect(outcome.signedInAccount != nil)
    }

    @Test func anUnknownTokenOrTheWrongPurposeFindsNothing() async throws {
        let f = try await AccountsFixture()
        let (_, token) = try await f.invitedTeacher()
        #expect(try await f.accounts.accountForLink("not-a-token", purpose: .setup) == nil)
        #expect(try await f.accounts.accountForLink(token, purpose: .reset) == nil)
        await #expect(throws: AccountService.Failure.linkInvalid) {
            try await f.accounts.redeem(token, purpose: .reset, newPassword: AccountsFixture.password)
        }
        // The setup link itself is untouched by the wrong-purpose attempt
        #expect(try await f.accounts.accountForLink(token, purpose: .setup) != nil)
    }

    @Test func theDatabaseHoldsOnlyADigestOfTheToken() async throws {
        let f = try await AccountsFixture()
        let (_, token) = try await f.invitedTeacher()
        let stored = try await f.database.writer.read { db in try String.fetchAll(db, sql: "SELECT tokenHash FROM oneTimeLink") }
        #expect(stored == [Secret.digest(token)])
        #expect(!stored.contains(token))
        #expect(Secret.digest(token).count == 64)
    }

    @Test func aSetupLinkExpiresAfterSevenDays() async throws {
        let f = try await AccountsFixture()
        let (account, token) = try await f.invitedTeacher()
        f.clock.advance(by: AccountService.setupLinkLifetime - 1)
        #expect(try await f.accounts.accountForLink(token, purpose: .setup)?.id == account.id)
        f.clock.advance(by: 1)
        #expect(try await f.accounts.accountForLink(token, purpose: .setup) == nil)
        await #expect(throws: AccountService.Failure.linkInvalid) {
            try await f.accounts.redeem(token, purpose: .setup, newPassword: AccountsFixture.password)
        }
        #expect(try await f.accounts.account(account.id)?.hasPassword == false)
    }

    @Test func anExpiredSetupLinkCanBeReissued() async throws {
        let f = try await AccountsFixture()
        let (account, old) = try await f.invitedTeacher()
        f.clock.advance(by: 8 * 24 * 3600)
        let fresh = try await f.accounts.reissueSetupLink(for: account.id, by: .commandLine)
        #expect(fresh != old)
        #expect(try await f.accounts.accountForLink(old, purpose: .setup) == nil)
        #expect(try await f.accounts.accountForLink(fresh, purpose: .setup)?.id == account.id)
        _ = try await f.accounts.redeem(fresh, purpose: .setup, newPassword: AccountsFixture.password)
        #expect(try await f.accounts.account(account.id)?.hasPassword == true)
    }

    @Test func aTeacherNeedsAnOrganiser() async throws {
        let f = try await AccountsFixture()
        await #expect(throws: AccountService.Failure.missingScope) {
            try await f.accounts.invite(email: "tanaka@example.org", role: .teacher, by: .commandLine)
        }
        #expect(try await f.accounts.count() == 0)
    }

    @Test func staffNeedAMunicipality() async throws {
        let f = try await AccountsFixture()
        await #expect(throws: AccountService.Failure.missingScope) {
            try await f.accounts.invite(email: "suzuki@example.org", role: .staff, by: .commandLine)
        }
        await #expect(throws: AccountService.Failure.missingScope) {
            try await f.accounts.invite(email: "suzuki@example.org", role: .staff, organiserId: try await f.organiser(), by: .commandLine)
        }
        #expect(try await f.accounts.count() == 0)
    }

    @Test func staffKeepTheirMunicipalitiesAndNoOrganiser() async throws {
        let f = try await AccountsFixture()
        let organiser = try await f.organiser()
        let (staff, _) = try await f.accounts.invite(
            email: "suzuki@example.org", role: .staff, organiserId: organiser, municipalities: [AccountsFixture.shinjuku, AccountsFixture.shibuya], by: .commandLine
        )
        #expect(staff.role == .staff)
        #expect(staff.municipalities == [AccountsFixture.shinjuku, AccountsFixture.shibuya])
        #expect(staff.organiserId == nil)
        // A teacher's municipalities are not stored: their scope is the organiser
        let (teacher, _) = try await f.accounts.invite(
            email: "tanaka@example.org", role: .teacher, organiserId: organiser, municipalities: [AccountsFixture.shinjuku], by: .commandLine
        )
        #expect(teacher.municipalities.isEmpty)
        #expect(teacher.organiserId == organiser)
    }

    @Test func anAdminNeedsNoScope() async throws {
        let f = try await AccountsFixture()
        let (admin, _) = try await f.accounts.invite(email: "admin@example.org", role: .admin, by: .commandLine)
        #expect(admin.role == .admin)
        #expect(admin.mustSetUpTwoFactor)
    }

    @Test func aStaffMunicipalityMustExist() async throws {
        let f = try await AccountsFixture()
        await #expect(throws: (any Error).self) {
            try await f.accounts.invite(email: "suzuki@example.org", role: .staff, municipalities: ["139999"], by: .commandLine)
        }
        #expect(try await f.accounts.count() == 0)
    }

    @Test(arguments: ["tanaka@example.org", "TANAKA@EXAMPLE.ORG", " Tanaka@Example.Org "])
    func anAddressCanHaveOneAccountWhateverItsCase(_ second: String) async throws {
        let f = try await AccountsFixture()
        _ = try await f.invitedTeacher("tanaka@example.org")
        await #expect(throws: AccountService.Failure.emailTaken) {
            try await f.accounts.invite(email: second, role: .admin, by: .commandLine)
        }
        #expect(try await f.accounts.count() == 1)
    }

    @Test func anInvalidAddressIsRefused() async throws {
        let f = try await AccountsFixture()
        await #expect(throws: AccountService.Failure.invalidEmail) {
            try await f.accounts.invite(email: "not an address", role: .admin, by: .commandLine)
        }
    }

    @Test func aWeakPasswordLeavesTheLinkUsable() async throws {
        let f = try await AccountsFixture()
        let (_, token) = try await f.invitedTeacher("tanaka.hanako@example.org")
        await #expect(throws: AccountService.Failure.password(.tooShort)) {
            try await f.accounts.redeem(token, purpose: .setup, newPassword: "short")
        }
        await #expect(throws: AccountService.Failure.password(.common)) {
            try await f.accounts.redeem(token, purpose: .setup, newPassword: "Qwerty123456")
        }
        await #expect(throws: AccountService.Failure.password(.sameAsEmail)) {
            try await f.accounts.redeem(token, purpose: .setup, newPassword: "Tanaka.Hanako@example.org")
        }
        #expect(try await f.accounts.accountForLink(token, purpose: .setup) != nil)
        _ = try await f.accounts.redeem(token, purpose: .setup, newPassword: AccountsFixture.password)
    }

    @Test func aResetLinkIsOnlyForAccountsWithAPassword() async throws {
        let f = try await AccountsFixture()
        #expect(try await f.accounts.resetLink(for: "nobody@example.org") == nil)
        let (invited, _) = try await f.invitedTeacher("invited@example.org")
        #expect(try await f.accounts.resetLink(for: invited.email) == nil)
        let teacher = try await f.teacher("tanaka@example.org")
        let reset = try #require(try await f.accounts.resetLink(for: "Tanaka@Example.org"))
        #expect(reset.account.id == teacher.id)
        #expect(try await f.accounts.accountForLink(reset.token, purpose: .reset)?.id == teacher.id)
        #expect(try await f.accounts.accountForLink(reset.token, purpose: .setup) == nil)
    }

    @Test func aResetLinkExpiresAfterAnHour() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        let reset = try #require(try await f.accounts.resetLink(for: "tanaka@example.org"))
        f.clock.advance(by: AccountService.resetLinkLifetime)
        await #expect(throws: AccountService.Failure.linkInvalid) {
            try await f.accounts.redeem(reset.token, purpose: .reset, newPassword: "a-brand-new-passphrase")
        }
    }

    @Test func redeemingAResetLinkChangesThePasswordAndEndsEverySession() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        let later = f.clock.now.addingTimeInterval(3600 * 24)
        try await f.accounts.storeSession(keyHash: Secret.digest("phone"), accountId: teacher.id.rawValue, data: Data("a".utf8), expiresAt: later)
        try await f.accounts.storeSession(keyHash: Secret.digest("laptop"), accountId: teacher.id.rawValue, data: Data("b".utf8), expiresAt: later)
        #expect(try await f.accounts.sessionCount(of: teacher.id) == 2)

        let reset = try #require(try await f.accounts.resetLink(for: teacher.email))
        _ = try await f.accounts.redeem(reset.token, purpose: .reset, newPassword: "a-brand-new-passphrase")

        #expect(try await f.accounts.sessionCount(of: teacher.id) == 0)
        #expect(try await f.accounts.session(keyHash: Secret.digest("phone")) == nil)
        let old = try await f.accounts.signIn(email: teacher.email, password: AccountsFixture.password, code: nil, source: "192.0.2.1")
        #expect(old == .refused)
        let new = try await f.accounts.signIn(email: teacher.email, password: "a-brand-new-passphrase", code: nil, source: "192.0.2.1")
        #expect(new.signedInAccount?.id == teacher.id)
    }

    @Test func accountsAreListedByRoleAndOrganiser() async throws {
        let f = try await AccountsFixture()
        let a = try await f.organiser("あの会"), b = try await f.organiser("べつの会")
        _ = try await f.accounts.invite(email: "zed@example.org", role: .teacher, organiserId: a, by: .commandLine)
        _ = try await f.accounts.invite(email: "amy@example.org", role: .teacher, organiserId: a, by: .commandLine)
        _ = try await f.accounts.invite(email: "bob@example.org", role: .teacher, organiserId: b, by: .commandLine)
        _ = try await f.accounts.invite(email: "suzuki@example.org", role: .staff, municipalities: [AccountsFixture.shinjuku], by: .commandLine)
        #expect(try await f.accounts.count() == 4)
        #expect(try await f.accounts.accounts().map(\.email) == ["amy@example.org", "bob@example.org", "suzuki@example.org", "zed@example.org"])
        #expect(try await f.accounts.accounts(organiserId: a).map(\.email) == ["amy@example.org", "zed@example.org"])
        #expect(try await f.accounts.accounts(role: .staff).map(\.email) == ["suzuki@example.org"])
        #expect(try await f.accounts.account(email: "BOB@example.org")?.organiserId == b)
        #expect(try await f.accounts.account(email: "nobody@example.org") == nil)
    }
}
