import Classroom
import Hummingbird
import JapaneseText
import Logging

/// Turns every error a route throws into a problem document: domain errors get their proper status,
/// an unknown path a 404, anything unexpected a 500 that is logged with its cause but never shows it.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as ClassroomError {
            throw Problem(error)
        } catch let error as TextError {
            throw Problem(error, parameter: "text")
        } catch let error as HTTPError {
            let type = error.status == .notFound ? "not-found" : "http-error"
            let detail = error.status == .notFound ? "There is nothing at \(request.uri.path)." : (error.body ?? error.status.reasonPhrase)
            throw Problem(error.status, type: type, detail: detail)
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string(String(reflecting: error))])
            throw Problem(.internalServerError, type: "internal", detail: "Something went wrong on our side. Please try again later.")
        }
    }
}

extension Problem {
    init(_ error: ClassroomError) {
        switch error {
        case .notFound(let id): self.init(.notFound, type: "not-found", detail: "No classroom with id \(id).")
        case .unknownMunicipality(let code): self.init(.notFound, type: "not-found", detail: "No Tokyo municipality with code \(code).")
        case .invalidQuery(let parameter, let detail): self = .badParameter(parameter, detail)
        case .invalidImport(let issues):
            self.init(.unprocessableContent, type: "invalid-import", detail: issues.map(\.description).joined(separator: "\n"))
        case .noMunicipalities:
            self.init(.conflict, type: "not-seeded", detail: "The municipalities have not been loaded yet, so no classroom can be stored.")
        case .invalidTransition(let from, let action):
            self.init(.conflict, type: "invalid-transition", detail: "A listing that is \(from.rawValue) cannot be given '\(action)'.")
        case .organiserNotFound(let id): self.init(.notFound, type: "not-found", detail: "No organiser with id \(id).")
        }
    }

    /// Runs a domain input rule and turns its error into the matching problem document.
    static func mapping<T>(_ rule: () throws(ClassroomError) -> T) throws(Problem) -> T {
        do { return try rule() } catch { throw Problem(error) }
    }

    init(_ error: TextError, parameter: String) {
        switch error {
        case .tooLong(let limit, let actual):
            self.init(.badRequest, type: "too-long", detail: "\(parameter) has \(actual) characters; at most \(limit) are accepted.", parameter: parameter)
        case .invalidUTF8: self = .badParameter(parameter, "\(parameter) is not valid UTF-8.")
        case .controlCharacters: self = .badParameter(parameter, "\(parameter) contains control characters.")
        case .engineUnavailable(let what):
            self.init(.serviceUnavailable, type: "unavailable", detail: "The reading engine is not available (\(what)).")
        }
    }
}
