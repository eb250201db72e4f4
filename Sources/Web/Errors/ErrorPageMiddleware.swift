import Classroom
import Hummingbird
import Logging

/// For page routes: turns any error into an error page in the learner's language, with the status the
/// error calls for; never a stack trace, never the error's own text.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    struct ErrorPage {
        var htmlLang: String
        var title: String
        var t: [String: String]
        var p: [String: String]
        var titleHTML: String
        var bodyHTML: String
        var detail: String?
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let status: HTTPResponse.Status
            var detail: String?
            switch error {
            case let problem as Problem:
                status = problem.status
                detail = problem.detail
            case let error as ClassroomError:
                let problem = Problem(error)
                status = problem.status
                detail = problem.detail
            case let error as HTTPError:
                status = error.status
            default:
                context.logger.error("page failed", metadata: ["path": .string(request.uri.path), "error": .string(String(reflecting: error))])
                status = .internalServerError
            }
            let parameters = (try? QueryParameters(request, allowed: ["lang", "furigana"])) ?? QueryParameters()
            let settings = PageSettings(request, parameters: parameters)
            let kind = status == .notFound ? "not_found" : status.code < 500 ? "bad_request" : "server"
            let page = ErrorPage(
                htmlLang: settings.language.rawValue, title: renderer.catalog.text("error.\(kind).title", settings.language),
                t: renderer.strings(settings), p: renderer.plainStrings(settings.language), titleHTML: renderer.text("error.\(kind).title", settings),
                bodyHTML: renderer.text("error.\(kind).body", settings), detail: status.code < 500 && status != .notFound ? detail : nil
            )
            return renderer.response("error", page, page: settings, status: status)
        }
    }
}
