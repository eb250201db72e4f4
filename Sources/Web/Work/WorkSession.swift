import Accounts
import Foundation
import Hummingbird
import HummingbirdAuth

/// What the server keeps for a signed-in person; the browser holds only a random id (HttpOnly cookie),
/// and the database only that id's SHA-256.
public struct WorkSession: Codable, Sendable {
    public var accountId: Int64
    public var signedInAt: Date
    /// Refreshed at most once a minute, so browsing is not a write per page.
    public var lastSeen: Date
}

/// Settings of the signed-in area.
public struct WorkSettings: Sendable {
    /// Where links in mail point (`MANABI_PUBLIC_URL`, default http://127.0.0.1:8080). An https URL also
    /// marks the session and CSRF cookies `Secure`.
    public var publicURL: String
    /// A session ends after this long without a request, and in any case after `absoluteLifetime`.
    public var idleTimeout: TimeInterval = 30 * 60
    public var absoluteLifetime: Duration = .seconds(12 * 3600)

    public init(publicURL: String) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment, host: String, port: Int) -> WorkSettings {
        WorkSettings(publicURL: environment["MANABI_PUBLIC_URL"] ?? "http://\(host):\(port)")
    }

    public var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }
    static let sessionCookie = "manabi_session"
    static let csrfCookie = "manabi_csrf"
}

/// Sessions in the database, behind hummingbird-auth's `SessionMiddleware`. Keys are hashed before they
/// are stored; a session carrying an account id is indexed by it, so a password change can end them all.
struct DatabaseSessionStore: PersistDriver {
    let accounts: AccountService
    let lifetime: Duration

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await set(key: key, value: value, expires: expires)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let data = try JSONEncoder().encode(value)
        let seconds = Double((expires ?? lifetime).components.seconds)
        try await accounts.storeSession(
            keyHash: Secret.digest(key), accountId: (value as? WorkSession)?.accountId, data: data,
            expiresAt: Date().addingTimeInterval(seconds), keepExpiry: expires == nil
        )
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let stored = try await accounts.session(keyHash: Secret.digest(key)) else { return nil }
        do {
            return try JSONDecoder().decode(Object.self, from: stored.data)
        } catch {
            throw PersistError.invalidConversion
        }
    }

    func remove(key: String) async throws {
        try await accounts.removeSession(keyHash: Secret.digest(key))
    }
}

/// Finds the signed-in account for the session, ending sessions idle for longer than the timeout.
struct AccountAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService
    let settings: WorkSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let session = context.sessions.session {
            let now = Date()
            if now.timeIntervalSince(session.lastSeen) > settings.idleTimeout {
                context.sessions.clearSession()
            } else if let account = try await accounts.account(Account.ID(session.accountId)) {
                context.identity = account
                if now.timeIntervalSince(session.lastSeen) > 60 {
                    context.sessions.withLockedSession { $0?.lastSeen = now }
                }
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}
