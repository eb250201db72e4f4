import Accounts
import Classroom
import Curriculum
import Foundation
import Logging
import Storage
import Testing
import TestSupport

@testable import Web

@Suite("Freshness reminders: teachers of a listing unconfirmed for 150 days get one mail per confirmation date")
struct FreshnessReminderTests {
    @Test func theOrganisersTeachersAreMailedOnceAndNoOneElse() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false, plan: ManabiSchema.plan)
        let services = try await AppServices(database: test.database, mail: .outbox, bcryptCost: 4)
        let work = try await buildRouterAndWork(services).work
        let classrooms = services.classrooms
        let today = LocalDate("2026-12-02")!

        // Given a published listing of organiser A, with a teacher, and a teacher of organiser B
        let a = try await classrooms.createOrganiser(named: "Aの会", by: .system)
        let b = try await classrooms.createOrganiser(named: "Bの会", by: .system)
        _ = try await services.accounts.invite(email: "a@example.jp", role: .teacher, organiserId: a.id.rawValue, by: .system)
        _ = try await services.accounts.invite(email: "b@example.jp", role: .teacher, organiserId: b.id.rawValue, by: .system)
        var draft = Classroom(
            id: Classroom.ID(1), name: "リマインド教室", nameKana: "りまいんどきょうしつ", organiser: "Aの会", municipalityCode: Municipality.Code("131041")!,
            venue: "新宿区民センター", levels: [.a1], languages: [LanguageTag("en")!], status: .draft, lastConfirmed: today,
            schedule: Schedule(weekly: [WeeklySlot(weekday: .sat, start: TimeOfDay("10:00")!, end: TimeOfDay("12:00")!)]), isSample: false
        )
        draft.organiserId = a.id
        let id = try await classrooms.create(draft, by: .system).id
        _ = try await classrooms.apply(.submit, to: id, by: .system)
        _ = try await classrooms.apply(.approve, to: id, by: .system)
        let outboxBefore = try await services.accounts.mailer.outbox().count  // the two invitations
        let logger = Logger(label: "test")

        // When it was confirmed 149 days ago: nothing
        _ = try await classrooms.confirm(id, today: today.adding(days: -149), by: .system)
        #expect(try await work.sendFreshnessReminders(today: today, logger: logger) == 0)
        // At 150 days: one mail, to A's teacher only
        _ = try await classrooms.confirm(id, today: today.adding(days: -150), by: .system)
        #expect(try await work.sendFreshnessReminders(today: today, logger: logger) == 1)
        let mail = try await services.accounts.mailer.outbox()
        #expect(mail.count == outboxBefore + 1)
        #expect(mail.first?.message.to == "a@example.jp")
        #expect(mail.first?.message.body.contains("/teach/classrooms/\(id)") == true)
        // Running again (an hour later, or after a restart) sends nothing more
        #expect(try await work.sendFreshnessReminders(today: today, logger: logger) == 0)
        #expect(try await work.sendFreshnessReminders(today: today.adding(days: 40), logger: logger) == 0)
        // A new confirmation that again goes unconfirmed for 150 days brings a new reminder
        _ = try await classrooms.confirm(id, today: today.adding(days: -200), by: .system)
        #expect(try await work.sendFreshnessReminders(today: today, logger: logger) == 1)
        // An archived listing is not reminded about
        _ = try await classrooms.confirm(id, today: today.adding(days: -250), by: .system)
        _ = try await classrooms.apply(.archive, to: id, by: .system)
        #expect(try await work.sendFreshnessReminders(today: today, logger: logger) == 0)
    }
}
