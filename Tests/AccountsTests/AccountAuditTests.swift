import Accounts
import Foundation
import GRDB
import Storage
import Testing

@Suite("Accounts in the audit log")
struct AccountAuditTests {
    @Test func anInvitationIsAuditedWithTheRoleAndScope() async throws {
        let f = try await AccountsFixture()
        let organiser = try await f.organiser()
        let (teacher, _) = try await f.accounts.invite(email: "tanaka@example.org", role: .teacher, organiserId: organiser, by: .account(77))
        let (staff, _) = try await f.accounts.invite(
            email: "suzuki@example.org", role: .staff, municipalities: [AccountsFixture.shibuya, AccountsFixture.shinjuku], by: .commandLine
        )

        let teacherRows = try await f.auditRows(about: teacher)
        #expect(teacherRows.map(\.action) == ["account.invite"])
        let t = try #require(teacherRows.first)
        #expect(t.authorKind == "account" && t.authorId == 77)
        #expect(t.municipality == nil)
        let teacherChanges = try JSONDecoder().decode([FieldChange].self, from: Data(t.changes.utf8))
        #expect(teacherChanges.contains(FieldChange(field: "email", before: nil, after: "tanaka@example.org")))
        #expect(teacherChanges.contains(FieldChange(field: "role", before: nil, after: "teacher")))
        #expect(teacherChanges.contains(FieldChange(field: "organiser_id", before: nil, after: String(organiser))))

        let staffRows = try await f.auditRows(about: staff)
        let s = try #require(staffRows.first)
        #expect(s.action == "account.invite")
        #expect(s.authorKind == "command_line" && s.authorId == nil)
        // Filed under a municipality, so the ward's staff see it
        #expect(s.municipality == AccountsFixture.shinjuku)
        let staffChanges = try JSONDecoder().decode([FieldChange].self, from: Data(s.changes.utf8))
        #expect(staffChanges.contains(FieldChange(field: "municipalities", before: nil, after: "\(AccountsFixture.shinjuku) \(AccountsFixture.shibuya)")))
    }

    @Test func aRefusedInvitationWritesNothing() async throws {
        let f = try await AccountsFixture()
        let before = try await f.auditRows().count
        _ = try? await f.accounts.invite(email: "tanaka@example.org", role: .teacher, by: .commandLine)
        _ = try? await f.accounts.invite(email: "not an address", role: .admin, by: .commandLine)
        _ = try await f.accounts.invite(email: "admin@example.org", role: .admin, by: .commandLine)
        _ = try? await f.accounts.invite(email: "ADMIN@example.org", role: .admin, by: .commandLine)
        #expect(try await f.auditRows().count == before + 1)
    }

    @Test func everyPasswordChangeIsAuditedWithoutThePassword() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        try await f.accounts.changePassword(teacher.id, current: AccountsFixture.password, new: "second-long-passphrase")
        let reset = try #require(try await f.accounts.resetLink(for: teacher.email))
        _ = try await f.accounts.redeem(reset.token, purpose: .reset, newPassword: "third-long-passphrase")

        let rows = try await f.auditRows(about: teacher)
        #expect(rows.map(\.action) == ["account.invite", "account.password_setup", "account.password_change", "account.password_reset"])
        for row in rows.dropFirst() {
            // The person themselves made each change
            #expect(row.authorKind == "account" && row.authorId == teacher.id.rawValue)
            let changes = try JSONDecoder().decode([FieldChange].self, from: Data(row.changes.utf8))
            #expect(changes == [FieldChange(field: "password", before: nil, after: "changed")])
        }
        let everything = rows.map(\.changes).joined()
        for secret in [AccountsFixture.password, "second-long-passphrase", "third-long-passphrase", "$2"] {
            #expect(!everything.contains(secret))
        }
    }

    @Test func turningOnTheSecondFactorIsAudited() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        let secret = TwoFactor.newSecret()
        try await f.accounts.enableTwoFactor(teacher.id, secret: secret, code: totpCode(secret, at: f.clock.now))
        let row = try #require(try await f.auditRows(about: teacher).last)
        #expect(row.action == "account.two_factor")
        #expect(!row.changes.contains(secret))
        #expect(try JSONDecoder().decode([FieldChange].self, from: Data(row.changes.utf8)) == [FieldChange(field: "two_factor", before: "off", after: "on")])
    }

    @Test func decidingAJoinRequestIsAudited() async throws {
        let f = try await AccountsFixture()
        let staff = try await f.staff()
        try await f.accounts.requestToJoin(email: "yamada@example.org", organiserName: "やまだの会", municipalityCode: AccountsFixture.shibuya, message: nil)
        let id = try #require(try await f.accounts.openJoinRequests(in: nil).first?.id)
        _ = try await f.accounts.decide(id, approved: true, by: staff.id)
        _ = try await f.accounts.decide(id, approved: false, by: staff.id)
        let rows = try await f.auditRows().filter { $0.subjectKind == "join_request" }
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.action == "join_request.approve")
        #expect(row.subjectId == String(id))
        #expect(row.municipality == AccountsFixture.shibuya)
        #expect(row.authorKind == "account" && row.authorId == staff.id.rawValue)
    }

    @Test func entriesCanBeReadBackThroughTheAuditLog() async throws {
        let f = try await AccountsFixture()
        let teacher = try await f.teacher()
        let entries = try await AuditLog.entries(about: "account", String(teacher.id.rawValue), in: f.database)
        #expect(entries.map(\.action) == ["account.password_setup", "account.invite"])
        #expect(entries.first?.at == f.clock.now)
    }

    @Test func theAuditLogCannotBeUpdated() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        await #expect(throws: DatabaseError.self) {
            try await f.database.writer.write { db in try db.execute(sql: "UPDATE auditEntry SET action = 'account.nothing'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await f.database.writer.write { db in try db.execute(sql: "UPDATE auditEntry SET authorKind = 'system', authorId = NULL WHERE action = 'account.invite'") }
        }
        #expect(try await f.auditRows().contains { $0.action == "account.invite" })
    }

    @Test func theAuditLogCannotBeDeletedFrom() async throws {
        let f = try await AccountsFixture()
        try await f.teacher()
        let before = try await f.auditRows().count
        await #expect(throws: DatabaseError.self) {
            try await f.database.writer.write { db in try db.execute(sql: "DELETE FROM auditEntry") }
        }
        await #expect(throws: DatabaseError.self) {
            try await f.database.writer.write { db in try db.execute(sql: "DELETE FROM auditEntry WHERE action = 'account.password_setup'") }
        }
        #expect(try await f.auditRows().count == before)
    }
}
