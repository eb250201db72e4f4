import Accounts
import Classroom
import Foundation
import Hummingbird
import HummingbirdAuth

/// Roles as hummingbird-auth's `RolePolicy` reads them: an admin also holds the staff role, so every
/// staff page is an admin page too; teacher pages are for teachers only (an admin has no organiser).
extension Account: RoleProviding {
    public var roles: Set<Role> {
        switch role {
        case .teacher: [.teacher]
        case .staff: [.staff]
        case .admin: [.admin, .staff]
        }
    }
}

/// Sends a visitor who is not signed in to `/login` (and back afterwards) instead of answering 401.
struct SignInRedirectMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.identity != nil else {
            let back = request.method == .get ? request.uri.path : "/"
            return Response.redirect(to: WorkURL.login(next: back), type: .found)
        }
        // An admin without a second factor sets one up before anything else.
        if context.identity?.mustSetUpTwoFactor == true, !request.uri.path.hasPrefix(WorkURL.account) {
            return Response.redirect(to: WorkURL.twoStep, type: .found)
        }
        return try await next(request, context)
    }
}

/// The access rule of a route group that acts on one listing (`{id}` in its path): loads the listing into the
/// context, or refuses. Declared once on the group, so no handler checks by hand.
struct ListingAccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    enum Rule: Sendable {
        /// Teachers of the listing's organiser.
        case organiser
        /// Staff of the listing's municipality, and admin.
        case municipality
    }

    let classrooms: ClassroomService
    let rule: Rule

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        guard let identity = context.identity else { throw HTTPError(.unauthorized) }
        guard let raw = context.parameters.get("id"), let number = Int64(raw), number > 0,
            let classroom = try await classrooms.storedClassroom(Classroom.ID(number))
        else { throw HTTPError(.notFound) }
        guard Self.allows(identity, classroom, rule) else { throw HTTPError(.forbidden) }
        context.classroom = classroom
        return try await next(request, context)
    }

    static func allows(_ account: Account, _ classroom: Classroom, _ rule: Rule) -> Bool {
        switch rule {
        case .organiser:
            return account.role == .teacher && account.organiserId != nil && classroom.organiserId?.rawValue == account.organiserId
        case .municipality:
            return account.role == .admin || (account.role == .staff && account.municipalities.contains(classroom.municipalityCode.rawValue))
        }
    }
}

/// The signed-in area's paths.
enum WorkURL {
    static let loginPath = "/login"
    static let logout = "/logout"
    static let account = "/account"
    static let twoStep = "/account/two-step"
    static let password = "/account/password"
    static let tokens = "/account/tokens"
    static let join = "/join"
    static let forgot = "/password/forgot"
    static let teach = "/teach"
    static let newClassroom = "/teach/classrooms/new"
    static let staff = "/staff"
    static let invite = "/staff/invite"
    static let requests = "/staff/requests"
    static let audit = "/staff/audit"
    static let inviteStaff = "/admin/invite"
    static let outbox = "/admin/outbox"

    static func login(next: String? = nil) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next != loginPath else { return loginPath }
        return loginPath + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_"))) ?? "/")
    }
    static func welcome(_ token: String) -> String { "/welcome/\(token)" }
    static func reset(_ token: String) -> String { "/password/reset/\(token)" }
    static func edit(_ id: Classroom.ID) -> String { "/teach/classrooms/\(id)" }
    static func teachAction(_ id: Classroom.ID, _ action: String) -> String { "/teach/classrooms/\(id)/\(action)" }
    static func review(_ id: Classroom.ID) -> String { "/staff/classrooms/\(id)" }
    static func staffAction(_ id: Classroom.ID, _ action: String) -> String { "/staff/classrooms/\(id)/\(action)" }
    static func request(_ id: Int64, _ action: String) -> String { "/staff/requests/\(id)/\(action)" }
}
