import Accounts
import Classroom
import Foundation
import Hummingbird
import Logging
import Storage

/// What the signed-in area's controllers share.
struct WorkServices: Sendable {
    let accounts: AccountService
    let classrooms: ClassroomService
    let pages: WorkPages
    let settings: WorkSettings
    let sessions: DatabaseSessionStore
    let database: AppDatabase
    /// When a listing's page says it may be out of date, and when it leaves search.
    let freshness: FreshnessPolicy
    let reports: ReportService

    /// The key hummingbird-auth's session storage files a session id under (its default prefix).
    static func sessionKey(_ id: String) -> String { "hbs." + id }

    /// Where an account lands after signing in.
    static func home(_ account: Account) -> String {
        if account.mustSetUpTwoFactor { return WorkURL.twoStep }
        return account.role == .teacher ? WorkURL.teach : WorkURL.staff
    }

    /// Starts a session for `account` under a new id (any session the browser brought is removed first,
    /// so an id fixed before sign-in is worth nothing after it) and gives the browser a new CSRF token.
    func signIn(_ account: Account, request: Request, context: AppRequestContext, to location: String) async throws -> Response {
        if let old = request.cookies[WorkSettings.sessionCookie]?.value { try await sessions.remove(key: Self.sessionKey(old)) }
        let now = Date()
        context.sessions.createSession(WorkSession(accountId: account.id.rawValue, signedInAt: now, lastSeen: now), expiresIn: settings.absoluteLifetime)
        return .seeOther(location, cookies: [CSRFMiddleware.cookie(Secret.token(), settings)])
    }

    /// Confirms `classroom` as still running as listed; 409 when it is archived.
    func confirm(_ classroom: Classroom, by account: Account) async throws {
        do {
            _ = try await classrooms.confirm(classroom.id, by: .account(account.id.rawValue))
        } catch ClassroomError.invalidTransition {
            throw HTTPError(.conflict)
        }
    }

    /// What teachers and staff are told of a published listing that is due for confirmation, or nil when it is current.
    func freshnessNote(_ classroom: Classroom, today: LocalDate, _ s: PageSettings) -> String? {
        guard classroom.listingState == .published else { return nil }
        switch freshness.freshness(lastConfirmed: classroom.lastConfirmed, today: today) {
        case .current: return nil
        case .dueForReminder: return pages.t("work.freshness.due_for_reminder", s)
        case .stale: return pages.t("work.freshness.stale", s)
        case .hidden: return pages.t("work.freshness.hidden", s)
        }
    }

    /// The "still running as listed" button with the date it was last confirmed, for teachers' and staff pages.
    func confirmBlock(_ action: String, lastConfirmed: LocalDate, csrf: String, _ s: PageSettings) -> WorkPage.Block {
        .init(
            headingHTML: pages.t("work.listing.confirm_heading", s),
            paragraphs: [pages.t("work.listing.confirm_intro", s, [
                "date": pages.renderer.dayText(lastConfirmed, s.language),
                "stale": String(freshness.staleAfterDays), "hide": String(freshness.hideAfterDays),
            ])],
            form: .init(action: action, csrf: csrf, fieldsets: [], buttons: [.init(value: "confirm", labelHTML: pages.t("work.listing.confirm", s))], inline: true)
        )
    }

    /// Sends mail, logging (not failing the request) when the host's sendmail refuses: the message is kept in the outbox.
    func send(_ message: MailMessage, logger: Logger) async {
        do {
            try await accounts.mailer.send(message)
        } catch {
            logger.error("mail not sent; kept in the outbox", metadata: ["error": "\(error)"])
        }
    }

    func link(_ path: String) -> String { settings.publicURL + path }
}
