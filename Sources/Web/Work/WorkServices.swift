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
