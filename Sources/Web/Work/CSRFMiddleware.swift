import Accounts
import Foundation
import HTTPTypes
import Hummingbird

/// Refuses every state-changing request of the signed-in area that does not carry the page's CSRF token,
/// and reads the form once for the handlers. The token lives in an HttpOnly cookie and is printed into
/// each form (a double-submit token that no other site can read or set); signing in replaces it.
/// GET and HEAD never change state here, so they pass, and get a token if they have none.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let settings: WorkSettings
    /// Forms are small; a body above this is refused rather than read.
    static let bodyLimit = 256 * 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let cookie = request.cookies[WorkSettings.csrfCookie]?.value
        switch request.method {
        case .get, .head:
            context.csrfToken = cookie ?? Secret.token()
            var response = try await next(request, context)
            if cookie == nil { response.headers.append(HTTPField(name: .setCookie, value: Self.cookie(context.csrfToken, settings))) }
            return response
        default:
            var request = request
            context.form = try await FormData.read(&request, upTo: Self.bodyLimit)
            guard let cookie, !cookie.isEmpty, Secret.equal(cookie, context.form["csrf"]) else {
                throw HTTPError(.forbidden, message: "csrf")
            }
            context.csrfToken = cookie
            return try await next(request, context)
        }
    }

    static func cookie(_ token: String, _ settings: WorkSettings) -> String {
        "\(WorkSettings.csrfCookie)=\(token); Path=/; HttpOnly; SameSite=Lax" + (settings.secureCookies ? "; Secure" : "")
    }
}
