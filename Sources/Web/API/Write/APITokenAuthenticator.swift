import Accounts
import Hummingbird

/// Authenticates the write API by personal API token (`Authorization: Bearer manabi_…`, RFC 6750). No session
/// cookie is read here, so a page a teacher has open cannot be made to call the API for them, and the API needs
/// no CSRF token. A missing, unknown or revoked token is answered 401 with a `WWW-Authenticate` challenge.
struct APITokenAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("This route needs a personal API token: Authorization: Bearer <token> (make one on your account page).", challenge: "Bearer realm=\"manabi\"")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.unauthorized("The Authorization header must be 'Bearer <token>'.", challenge: "Bearer realm=\"manabi\", error=\"invalid_request\"")
        }
        guard let account = try await accounts.account(bearer: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw Self.unauthorized("This token is not valid: it may have been revoked.", challenge: "Bearer realm=\"manabi\", error=\"invalid_token\"")
        }
        var context = context
        context.identity = account
        return try await next(request, context)
    }

    static func unauthorized(_ detail: String, challenge: String) -> Problem {
        var problem = Problem(.unauthorized, type: "unauthorized", detail: detail)
        problem.headers[.wwwAuthenticate] = challenge
        return problem
    }
}
