import Accounts
import Classroom
import Hummingbird
import Logging

/// `/classrooms/{id}/report`: anyone may tell a listing's teachers and its ward's staff that something is wrong.
/// No account, no JavaScript; a rate limit per address and a field only robots fill keep the inbox readable.
struct ReportController {
    let directory: ClassroomDirectory
    let renderer: PageRenderer
    let work: WorkServices
    static let bodyLimit = 16 * 1024

    func register(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(SiteURL.classroomReport(.key).route, use: form)
        routes.post(SiteURL.classroomReport(.key).route, use: send)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let settings = try Self.settings(request)
        let found = try directory.classroom(from: context)
        return renderer.response("report", ReportPage(found.classroom, renderer: renderer, settings: settings), page: settings)
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        let settings = try Self.settings(request)
        let found = try directory.classroom(from: context)
        var request = request
        let form = try await FormData.read(&request, upTo: Self.bodyLimit)
        var page = ReportPage(found.classroom, renderer: renderer, settings: settings, kind: form["kind"], message: form["message"])
        // A robot filled the field people never see: thank it and keep nothing.
        if !form["website"].isEmpty {
            page.thanks = true
            return renderer.response("report", page, page: settings)
        }
        do {
            let report = try await work.reports.report(found.classroom.id, kind: form["kind"], message: form["message"], source: context.sourceAddress)
            await notify(report, about: found.classroom, logger: context.logger)
            page.thanks = true
            return renderer.response("report", page, page: settings)
        } catch .kind {
            page.kindErrorHTML = renderer.text("report.error.kind", settings)
        } catch .message {
            page.messageErrorHTML = renderer.text("report.error.message", settings)
        } catch .classroom {
            throw HTTPError(.notFound)
        } catch .storage(let cause) {
            // Logged with its cause; the learner gets the error page in their language (500), never the cause.
            context.logger.error("report not stored", metadata: ["error": .string(cause)])
            throw HTTPError(.internalServerError)
        } catch .tooMany(let seconds) {
            page.problemHTML = renderer.text("report.error.too_many", settings, ["minutes": String((seconds + 59) / 60)])
            var response = renderer.response("report", page, page: settings, status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        return renderer.response("report", page, page: settings, status: .unprocessableContent)
    }

    /// Mail to the listing's teachers and to staff of its municipality; the report also waits in their pages.
    func notify(_ report: ListingReport, about classroom: Classroom, logger: Logger) async {
        do {
            var people = try await work.accounts.accounts(role: .staff).filter { $0.municipalities.contains(classroom.municipalityCode.rawValue) }
                .map { ($0.email, WorkURL.review(classroom.id)) }
            if let organiser = classroom.organiserId {
                people += try await work.accounts.accounts(role: .teacher, organiserId: organiser.rawValue).map { ($0.email, WorkURL.edit(classroom.id)) }
            }
            let catalog = renderer.catalog
            for (email, path) in people {
                let values = ["name": classroom.name, "kind": catalog.text("report.kind.\(report.kind.rawValue)", .ja), "message": report.message, "link": work.link(path)]
                await work.send(MailMessage(to: email, subject: catalog.text("work.mail.report_subject", .ja), body: catalog.text("work.mail.report_body", .ja, values)), logger: logger)
            }
        } catch {
            logger.error("report stored but nobody could be mailed", metadata: ["error": .string(String(reflecting: error))])
        }
    }

    static func settings(_ request: Request) throws -> PageSettings {
        PageSettings(request, parameters: try QueryParameters(request, allowed: ["lang", "furigana"], unknown: .ignore))
    }
}
