import Accounts
import Classroom
import Hummingbird
import Logging
import Mustache

/// For every path outside the API: turns any error into an error page in the learner's language, with
/// the status the error calls for; never a stack trace, never the error's own text. API paths keep their
/// problem documents (`ProblemMiddleware`), so a program never has to parse HTML.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    /// Whether errors on `path` are for people (a page) rather than programs (a problem document).
    static func answersWithPage(_ path: String) -> Bool {
        !(path == "/api" || path.hasPrefix("/api/") || path == SiteURL.health.path || path == SiteURL.openAPI.path || path.hasSuffix(".ics"))
    }

    /// What `error.mustache` prints.
    struct ErrorPage: MustacheParent {
        var chrome: PageChrome
        var titleHTML: String
        var bodyHTML: String
        var detail: String?

        func child(named name: String) -> Any? {
            switch name {
            case "titleHTML": titleHTML
            case "bodyHTML": bodyHTML
            case "detail": detail
            default: chrome.child(named: name)
            }
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.answersWithPage(request.uri.path) else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch {
            let status: HTTPResponse.Status
            var detail: String?
            var headers = HTTPFields()
            switch error {
            case let problem as Problem:
                status = problem.status
                detail = problem.detail
                headers = problem.headers
            case let error as ClassroomError:
                let problem = Problem(error)
                status = problem.status
                detail = problem.detail
            case let error as HTTPError:
                status = error.status
            case let failure as AccountService.Failure:
                // Checked before each call; reaching here means a race (two invitations of one address at once).
                status = failure == .emailTaken ? .conflict : .unprocessableContent
            default:
                context.logger.error("page failed", metadata: ["path": .string(request.uri.path), "error": .string(String(reflecting: error))])
                status = .internalServerError
            }
            let parameters = QueryParameters(leniently: request, keeping: ["lang", "furigana"])
            let settings = PageSettings(request, parameters: parameters)
            let kind = switch status {
            case .notFound: "not_found"
            case .forbidden: "forbidden"
            case .conflict: "conflict"
            default: status.code < 500 ? "bad_request" : "server"
            }
            let page = ErrorPage(
                chrome: PageChrome(title: renderer.catalog.text("error.\(kind).title", settings.language), renderer: renderer, settings: settings, languageURL: nil, furiganaURL: nil),
                titleHTML: renderer.text("error.\(kind).title", settings), bodyHTML: renderer.text("error.\(kind).body", settings),
                detail: status.code < 500 && ![.notFound, .forbidden, .conflict].contains(status) ? detail : nil
            )
            var response = renderer.response("error", page, page: settings, status: status)
            // Headers the error calls for, such as `Allow` on a 405.
            for field in headers { response.headers.append(field) }
            return response
        }
    }
}
