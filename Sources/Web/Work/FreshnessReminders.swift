import Accounts
import Classroom
import Logging
import ServiceLifecycle

extension WorkServices {
    /// Mails the teachers of every published listing that has gone ``FreshnessPolicy/remindAfterDays`` without a
    /// confirmation: once per listing and confirmation date (a later confirmation starts the count again), however
    /// often this runs or the server restarts. Returns how many messages went out.
    func sendFreshnessReminders(today: LocalDate, logger: Logger) async throws -> Int {
        var sent = 0
        let due = try await classrooms.publishedClassrooms(confirmedOnOrBefore: today.adding(days: -freshness.remindAfterDays))
        for classroom in due where classroom.listingState == .published {
            guard freshness.freshness(lastConfirmed: classroom.lastConfirmed, today: today) != .current, let organiser = classroom.organiserId else { continue }
            let teachers = try await accounts.accounts(role: .teacher, organiserId: organiser.rawValue)
            guard !teachers.isEmpty, try await accounts.mailer.claimOnce("freshness:\(classroom.id):\(classroom.lastConfirmed)") else { continue }
            let catalog = pages.renderer.catalog
            let values = ["name": classroom.name, "date": classroom.lastConfirmed.description, "link": link(WorkURL.edit(classroom.id))]
            for teacher in teachers {
                await send(MailMessage(to: teacher.email, subject: catalog.text("work.mail.confirm_subject", .ja), body: catalog.text("work.mail.confirm_body", .ja, values)), logger: logger)
                sent += 1
            }
        }
        return sent
    }
}

/// Runs the freshness reminders beside the HTTP server: at start, then every `interval` (an hour), so a listing
/// reaching its reminder day is mailed about that day.
struct FreshnessReminderService: Service {
    let work: WorkServices
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let sent = try await work.sendFreshnessReminders(today: TokyoDateTime.now.date, logger: logger)
                    if sent > 0 { logger.info("freshness reminders sent", metadata: ["messages": "\(sent)"]) }
                } catch {
                    logger.error("freshness reminders failed", metadata: ["error": .string(String(reflecting: error))])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
