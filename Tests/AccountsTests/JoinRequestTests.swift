import Accounts
import Foundation
import GRDB
import Storage
import Testing

@Suite("Join requests: teachers who were not invited ask, ward staff decide")
struct JoinRequestTests {
    @Test func anOpenRequestIsListedForItsMunicipalityOnly() async throws {
        let f = try await AccountsFixture()
        try await f.accounts.requestToJoin(
            email: " Yamada@Example.org", organiserName: "やまだ日本語の会", municipalityCode: AccountsFixture.shinjuku, message: "新宿で毎週土曜に活動しています"
        )
        try await f.accounts.requestToJoin(email: "kato@example.org", organiserName: "渋谷の会", municipalityCode: AccountsFixture.shibuya, message: nil)

        let shinjuku = try await f.accounts.openJoinRequests(in: [AccountsFixture.shinjuku])
        #expect(shinjuku.count == 1)
        let request = try #require(shinjuku.first)
        #expect(request.email == "yamada@example.org")
        #expect(request.organiserName == "やまだ日本語の会")
        #expect(request.municipalityCode == AccountsFixture.shinjuku)
        #expect(request.message == "新宿で毎週土曜に活動しています")
        #expect(request.state == .open)
        #expect(request.createdAt == f.clock.now)

        #expect(try await f.accounts.openJoinRequests(in: [AccountsFixture.shibuya]).map(\.email) == ["kato@example.org"])
        #expect(try await f.accounts.openJoinRequests(in: ["131016"]).isEmpty)
        #expect(try await f.accounts.openJoinRequests(in: []).isEmpty)
        // Admins see them all, oldest first
        #expect(try await f.accounts.openJoinRequests(in: nil).map(\.email) == ["yamada@example.org", "kato@example.org"])
        #expect(try await f.accounts.openJoinRequests(in: [AccountsFixture.shinjuku, AccountsFixture.shibuya]).count == 2)
    }

    @Test func anEmptyMessageIsStoredAsNone() async throws {
        let f = try await AccountsFixture()
        try await f.accounts.requestToJoin(email: "yamada@example.org", organiserName: "やまだの会", municipalityCode: AccountsFixture.shinjuku, message: "")
        #expect(try await f.accounts.openJoinRequests(in: nil).first?.message == nil)
    }

    @Test func aRequestIsDecidedOnce() async throws {
        let f = try await AccountsFixture()
        let staff = try await f.staff()
        let other = try await f.staff("sato@example.org")
        try await f.accounts.requestToJoin(email: "yamada@example.org", organiserName: "やまだの会", municipalityCode: AccountsFixture.shinjuku, message: nil)
        let id = try #require(try await f.accounts.openJoinRequests(in: nil).first?.id)

        #expect(try await f.accounts.decide(id, approved: true, by: staff.id))
        // A second staff member deciding at the same moment changes nothing
        #expect(try await f.accounts.decide(id, approved: false, by: other.id) == false)
        #expect(try await f.accounts.joinRequest(id)?.state == .approved)
        #expect(try await f.accounts.openJoinRequests(in: nil).isEmpty)

        let decided = try await f.database.writer.read { db -> (at: Date?, by: Int64?) in
            let row = try Row.fetchOne(db, sql: "SELECT decidedAt, decidedBy FROM joinRequest WHERE id = ?", arguments: [id])
            return (row?["decidedAt"], row?["decidedBy"])
        }
        #expect(decided.by == staff.id.rawValue)
        #expect(decided.at == f.clock.now)
    }

    @Test func aRefusalIsRecordedToo() async throws {
        let f = try await AccountsFixture()
        let staff = try await f.staff()
        try await f.accounts.requestToJoin(email: "yamada@example.org", organiserName: "やまだの会", municipalityCode: AccountsFixture.shinjuku, message: nil)
        let id = try #require(try await f.accounts.openJoinRequests(in: nil).first?.id)
        #expect(try await f.accounts.decide(id, approved: false, by: staff.id))
        #expect(try await f.accounts.joinRequest(id)?.state == .refused)
        #expect(try await f.accounts.decide(id, approved: true, by: staff.id) == false)
        #expect(try await f.accounts.joinRequest(id)?.state == .refused)
    }

    @Test func decidingAnUnknownRequestChangesNothing() async throws {
        let f = try await AccountsFixture()
        let staff = try await f.staff()
        #expect(try await f.accounts.decide(4242, approved: true, by: staff.id) == false)
        #expect(try await f.accounts.joinRequest(4242) == nil)
    }

    @Test func aRequestFromAnAddressWithAnAccountIsSilentlyNotRecorded() async throws {
        let f = try await AccountsFixture()
        try await f.teacher("tanaka@example.org")
        // No error: the public page answers the same either way
        try await f.accounts.requestToJoin(email: "TANAKA@example.org", organiserName: "たなかの会", municipalityCode: AccountsFixture.shinjuku, message: nil)
        #expect(try await f.accounts.openJoinRequests(in: nil).isEmpty)
        // An account that is only invited counts as well
        _ = try await f.accounts.invite(email: "invited@example.org", role: .admin, by: .commandLine)
        try await f.accounts.requestToJoin(email: "invited@example.org", organiserName: "の会", municipalityCode: AccountsFixture.shinjuku, message: nil)
        #expect(try await f.accounts.openJoinRequests(in: nil).isEmpty)
    }

    @Test func aSecondOpenRequestFromTheSameAddressIsNotRecorded() async throws {
        let f = try await AccountsFixture()
        try await f.accounts.requestToJoin(email: "yamada@example.org", organiserName: "やまだの会", municipalityCode: AccountsFixture.shinjuku, message: "first")
        try await f.accounts.requestToJoin(email: "Yamada@example.org", organiserName: "やまだの会", municipalityCode: AccountsFixture.shibuya, message: "second")
        let open = try await f.accounts.openJoinRequests(in: nil)
        #expect(open.count == 1)
        #expect(open.first?.message == "first")
    }

    @Test func anAddressMayAskAgainAfterARefusal() async throws {
        let f = try await AccountsFixture()
        let staff = try await f.staff()
        try await f.accounts.requestToJoin(email: "yamada@example.org", organiserName: "やまだの会", municipalityCode: AccountsFixture.shinjuku, message: nil)
        let id = try #require(try await f.accounts.openJoinRequests(in: nil).first?.id)
        _ = try await f.accounts.decide(id, approved: false, by: staff.id)
        try await f.accounts.requestToJoin(email: "yamada@example.org", organiserName: "やまだの会", municipalityCode: AccountsFixture.shinjuku, message: "again")
        #expect(try await f.accounts.openJoinRequests(in: nil).map(\.message) == ["again"])
    }

    @Test func anInvalidAddressIsRefused() async throws {
        let f = try await AccountsFixture()
        await #expect(throws: AccountService.Failure.invalidEmail) {
            try await f.accounts.requestToJoin(email: "yamada", organiserName: "やまだの会", municipalityCode: AccountsFixture.shinjuku, message: nil)
        }
    }

    @Test func theSchemaRefusesAnUnknownMunicipalityAndAnOverlongMessage() async throws {
        let f = try await AccountsFixture()
        await #expect(throws: (any Error).self) {
            try await f.accounts.requestToJoin(email: "yamada@example.org", organiserName: "やまだの会", municipalityCode: "139999", message: nil)
        }
        await #expect(throws: (any Error).self) {
            try await f.accounts.requestToJoin(
                email: "yamada@example.org", organiserName: "やまだの会", municipalityCode: AccountsFixture.shinjuku,
                message: String(repeating: "あ", count: AccountService.joinMessageLimit + 1)
            )
        }
        await #expect(throws: (any Error).self) {
            try await f.accounts.requestToJoin(email: "yamada@example.org", organiserName: "", municipalityCode: AccountsFixture.shinjuku, message: nil)
        }
        #expect(try await f.accounts.openJoinRequests(in: nil).isEmpty)
    }
}
