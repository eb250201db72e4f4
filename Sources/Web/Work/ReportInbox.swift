import Classroom
import Foundation
import Hummingbird
import JapaneseText

/// Reports from the public as teachers and staff see them: on a listing's page, with a form to close each
/// open one. The close routes sit in each area's listing group, so the area's access rule decides who may.
extension WorkServices {
    /// The reports section of a listing's page: open reports in a table, then one small close form each.
    func reportBlocks(_ classroom: Classroom, closeAction: (ListingReport.ID) -> String, csrf: String, _ s: PageSettings) async throws -> [WorkPage.Block] {
        let open = try await reports.reports(on: [classroom.id], openOnly: true)
        let kind = { (r: ListingReport) in pages.t("report.kind.\(r.kind.rawValue)", s) }
        let received = { (r: ListingReport) in pages.renderer.dayText(TokyoDateTime(r.createdAt).date, s.language) }
        var blocks: [WorkPage.Block] = [.init(headingHTML: pages.t("work.reports.heading", s), table: .init(
            captionHTML: pages.t("work.reports.heading", s),
            head: [pages.t("work.reports.received", s), pages.t("work.reports.kind", s), pages.t("work.reports.message", s)],
            rows: open.map { .init(cells: [received($0), kind($0), HTML.escape($0.message).replacingOccurrences(of: "\n", with: "<br>")]) },
            emptyHTML: pages.t("work.reports.none", s)
        ))]
        for report in open {
            blocks.append(.init(form: .init(
                action: closeAction(report.id), csrf: csrf,
                fieldsets: [.init(legendHTML: pages.t("work.reports.close", s) + ": " + received(report) + " " + kind(report), fields: [
                    .init(id: "close-note-\(report.id)", name: "note", labelHTML: pages.t("work.reports.close_note", s), maxlength: ListingReport.messageLimit, kind: .textarea),
                ])],
                buttons: [.init(value: "close", labelHTML: pages.t("work.reports.close", s), secondary: true)]
            )))
        }
        return blocks
    }

    /// Closes the report in the path (`{report}`) of the listing in the context, then goes where `done` says.
    func closeReport(_ context: AppRequestContext, then done: (Classroom.ID) -> String) async throws -> Response {
        guard let classroom = context.classroom, let raw = context.parameters.get("report"), let number = Int64(raw) else { throw HTTPError(.notFound) }
        let account = try context.requireIdentity()
        guard try await reports.close(ListingReport.ID(number), of: classroom.id, note: context.form["note"], by: account.id.rawValue) else {
            throw HTTPError(.notFound)
        }
        return .seeOther(done(classroom.id))
    }

    /// The notice for `?done=report_closed` after closing a report, if that is where the request came from.
    func reportClosedNotice(_ request: Request, _ s: PageSettings) -> [String] {
        request.uri.queryParameters.get("done") == "report_closed" ? [pages.t("work.notice.report_closed", s)] : []
    }

    /// How many open reports `classrooms` have between them.
    func openReportCount(_ classrooms: [Classroom]) async throws -> Int {
        try await reports.reports(on: classrooms.map(\.id), openOnly: true).count
    }
}
