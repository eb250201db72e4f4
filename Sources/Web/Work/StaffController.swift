import Accounts
import Classroom
import Foundation
import Hummingbird
import JapaneseText
import Storage

/// Ward staff's pages (admin sees every municipality): listings waiting for approval and recently changed,
/// the review of one listing, inviting teachers, join requests and the audit log; and admin's own pages:
/// inviting staff and the outbox.
struct StaffController {
    let work: WorkServices
    var pages: WorkPages { work.pages }

    func register(on routes: some RouterMethods<AppRequestContext>, listing: some RouterMethods<AppRequestContext>) {
        routes.get("", use: listings)
        routes.get("invite", use: inviteForm)
        routes.post("invite", use: invite)
        routes.get("requests", use: requests)
        routes.post("requests/{request}/{decision}", use: decide)
        routes.get("audit", use: audit)
        listing.get("", use: review)
        listing.post("approve", use: { try await transition($0, $1, .approve) })
        listing.post("send-back", use: { try await transition($0, $1, .sendBack) })
        listing.post("archive", use: { try await transition($0, $1, .archive) })
        listing.post("confirm", use: confirm)
        listing.post("reports/{report}/close") { _, context in
            try await work.closeReport(context, then: { WorkURL.review($0) + "?done=report_closed" })
        }
    }

    func registerAdmin(on routes: some RouterMethods<AppRequestContext>) {
        routes.get("invite", use: inviteStaffForm)
        routes.post("invite", use: inviteStaff)
        routes.get("outbox", use: outbox)
    }

    /// The municipalities an account may act for; nil means all (admin).
    static func scope(_ account: Account) -> Set<Municipality.Code>? {
        account.role == .admin ? nil : Set(account.municipalities.compactMap(Municipality.Code.init))
    }

    func scoped(_ account: Account) async throws -> [Classroom] {
        if let scope = Self.scope(account) { return try await work.classrooms.storedClassrooms(in: scope) }
        return try await work.classrooms.storedClassrooms().sorted { ($0.updatedAt ?? .distantPast) > ($1.updatedAt ?? .distantPast) }
    }

    func row(_ c: Classroom, _ names: [Municipality.Code: Municipality], _ s: PageSettings) -> WorkPage.Table.Row {
        .init(cells: [
            "<a href=\"\(WorkURL.review(c.id))\">\(pages.renderer.data(c.name, s))</a>",
            names[c.municipalityCode].map { pages.renderer.municipality($0, s) } ?? c.municipalityCode.rawValue,
            pages.renderer.data(c.organiser, s),
            pages.t("work.state.\(c.listingState.rawValue)", s),
            c.updatedAt.map { pages.renderer.dayText(TokyoDateTime($0).date, s.language) } ?? "",
        ])
    }

    @Sendable func listings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireIdentity()
        let s = pages.settings(request)
        let all = try await scoped(account)
        let names = Dictionary(uniqueKeysWithValues: try await work.classrooms.municipalities().map { ($0.code, $0) })
        var page = pages.page(request, context, s, titleKey: "work.staff.title")
        if let done = request.uri.queryParameters.get("done"), ["approve", "send_back", "archive", "invited", "confirm"].contains(done) { page.notices = [pages.t("work.notice.\(done)", s)] }
        let reported = try await work.openReportCount(all)
        if reported > 0 { page.notices.append(pages.t("work.reports.open_count", s, ["count": String(reported)])) }
        let head = [pages.t("work.listing.name", s), pages.t("work.listing.municipality_code", s), pages.t("work.listing.organiser", s),
                    pages.t("work.listing.state", s), pages.t("work.listing.updated", s)]
        let today = TokyoDateTime.now.date
        // Published listings learners see as possibly out of date (or no longer find), the oldest first.
        let stale = all.filter { $0.listingState == .published && [.stale, .hidden].contains(work.freshness.freshness(lastConfirmed: $0.lastConfirmed, today: today)) }
            .sorted { $0.lastConfirmed < $1.lastConfirmed }
        let staleHeading = pages.t("work.staff.stale", s, ["days": String(work.freshness.staleAfterDays)])
        page.blocks = [
            .init(headingHTML: pages.t("work.staff.waiting", s), table: .init(
                captionHTML: pages.t("work.staff.waiting", s), head: head,
                rows: all.filter { $0.listingState == .awaitingApproval }.map { row($0, names, s) }, emptyHTML: pages.t("work.staff.none_waiting", s))),
            .init(headingHTML: pages.t("work.staff.recent", s), table: .init(
                captionHTML: pages.t("work.staff.recent", s), head: head,
                rows: all.prefix(50).map { row($0, names, s) }, emptyHTML: pages.t("work.staff.none_recent", s))),
            .init(headingHTML: staleHeading, table: .init(
                captionHTML: staleHeading,
                head: [pages.t("work.listing.name", s), pages.t("work.listing.municipality_code", s), pages.t("work.listing.organiser", s),
                       pages.t("work.listing.last_confirmed", s), pages.t("work.listing.freshness", s)],
                rows: stale.map { c in
                    var cells = row(c, names, s).cells
                    cells[3] = pages.renderer.dayText(c.lastConfirmed, s.language)
                    cells[4] = work.freshnessNote(c, today: today, s) ?? ""
                    return .init(cells: cells)
                },
                emptyHTML: pages.t("work.staff.none_stale", s, ["days": String(work.freshness.staleAfterDays)]))),
        ]
        return pages.response(page, s)
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let classroom = context.classroom else { throw HTTPError(.notFound) }
        let s = pages.settings(request)
        var page = pages.page(request, context, s, titleKey: "work.review.title")
        page.notices = work.reportClosedNotice(request, s)
        let municipality = try await work.classrooms.municipalities().first { $0.code == classroom.municipalityCode }
        var blocks: [WorkPage.Block] = [.init(paragraphs: [pages.t("work.listing.state", s) + ": " + pages.t("work.state.\(classroom.listingState.rawValue)", s)])]
        if ClassroomService.Transition.approve.from.contains(classroom.listingState) {
            blocks.append(.init(form: .init(action: WorkURL.staffAction(classroom.id, "approve"), csrf: context.csrfToken, fieldsets: [],
                                            buttons: [.init(value: "approve", labelHTML: pages.t("work.review.approve", s))], inline: true)))
            blocks.append(.init(headingHTML: pages.t("work.review.send_back_heading", s), form: .init(
                action: WorkURL.staffAction(classroom.id, "send-back"), csrf: context.csrfToken,
                fieldsets: [.init(fields: [.init(id: "note", name: "note", labelHTML: pages.t("work.review.note", s), hintHTML: pages.t("work.review.note_hint", s), maxlength: 1000, kind: .textarea)])],
                buttons: [.init(value: "send_back", labelHTML: pages.t("work.review.send_back", s), secondary: true)])))
        }
        if classroom.listingState != .archived {
            blocks.append(work.confirmBlock(WorkURL.staffAction(classroom.id, "confirm"), lastConfirmed: classroom.lastConfirmed, csrf: context.csrfToken, s))
        }
        if ClassroomService.Transition.archive.from.contains(classroom.listingState) {
            blocks.append(.init(form: .init(action: WorkURL.staffAction(classroom.id, "archive"), csrf: context.csrfToken, fieldsets: [],
                                            buttons: [.init(value: "archive", labelHTML: pages.t("work.listing.archive", s), secondary: true)], inline: true)))
        }
        blocks += try await work.reportBlocks(classroom, closeAction: { WorkURL.staffAction(classroom.id, "reports/\($0)/close") }, csrf: context.csrfToken, s)
        blocks.append(.init(headingHTML: pages.t("work.listing.preview_title", s),
                            html: municipality.map { LearnerPreview.html(classroom, municipality: $0, renderer: pages.renderer, settings: s, freshness: work.freshness, below: 2) }))
        let history = try await work.classrooms.history(of: classroom.id, limit: 20)
        blocks.append(.init(headingHTML: pages.t("work.audit.title", s), table: try await auditTable(history, s)))
        page.blocks = blocks
        return pages.response(page, s)
    }

    @Sendable func transition(_ request: Request, _ context: AppRequestContext, _ transition: ClassroomService.Transition) async throws -> Response {
        guard let classroom = context.classroom else { throw HTTPError(.notFound) }
        let account = try context.requireIdentity()
        let note = context.form["note"].trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 1000 else { throw HTTPError(.unprocessableContent) }
        do {
            _ = try await work.classrooms.apply(transition, to: classroom.id, note: note.isEmpty ? nil : note, by: .account(account.id.rawValue))
        } catch ClassroomError.invalidTransition {
            throw HTTPError(.conflict)
        }
        // The listing's teachers hear what happened.
        if let organiser = classroom.organiserId, transition != .archive {
            for teacher in try await work.accounts.accounts(role: .teacher, organiserId: organiser.rawValue) {
                await work.send(MailMessage(
                    to: teacher.email, subject: pages.renderer.catalog.text("work.mail.\(transition.rawValue)_subject", .ja),
                    body: pages.renderer.catalog.text("work.mail.decided_body", .ja, ["link": work.link(WorkURL.edit(classroom.id))])
                ), logger: context.logger)
            }
        }
        return .seeOther(WorkURL.staff + "?done=\(transition.rawValue)")
    }

    // MARK: - Inviting

    /// "Still running as listed", said by staff of the ward.
    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let classroom = context.classroom else { throw HTTPError(.notFound) }
        try await work.confirm(classroom, by: try context.requireIdentity())
        return .seeOther(WorkURL.staff + "?done=confirm")
    }

    @Sendable func inviteForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await invitePage(request, context, values: FormData(), problems: [])
    }

    func invitePage(_ request: Request, _ context: AppRequestContext, values: FormData, problems: WorkPages.Problems) async throws -> Response {
        let s = pages.settings(request)
        let organisers = try await work.classrooms.organisers()
        return pages.formPage(request, context, titleKey: "work.invite.title", introKey: "work.invite.intro", action: WorkURL.invite, problems: problems,
                              buttonKey: "work.invite.button") { error in [
            .init(id: "email", name: "email", labelHTML: pages.t("work.field.email", s), type: "email", value: values["email"], errorHTML: error("email"), required: true),
            .init(id: "organiser_id", name: "organiser_id", labelHTML: pages.t("work.invite.organiser", s), errorHTML: error("organiser_id"),
                  options: [WorkPage.Option(value: "", labelHTML: pages.t("work.invite.new_organiser_option", s), selected: values["organiser_id"].isEmpty)]
                      + organisers.map { WorkPage.Option(value: $0.id.description, labelHTML: pages.renderer.data($0.name, s), selected: values["organiser_id"] == $0.id.description) },
                  kind: .select),
            .init(id: "organiser_name", name: "organiser_name", labelHTML: pages.t("work.field.organiser_name", s), value: values["organiser_name"],
                  hintHTML: pages.t("work.invite.organiser_name_hint", s), errorHTML: error("organiser_name"), maxlength: 200),
        ] }
    }

    @Sendable func invite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireIdentity()
        let form = context.form
        let s = pages.settings(request)
        var organiserId: Organiser.ID?
        if let id = Int64(form["organiser_id"]) {
            guard let organiser = try await work.classrooms.organiser(Organiser.ID(id)) else {
                return try await invitePage(request, context, values: form, problems: [("organiser_id", pages.t("work.error.organiser", s))])
            }
            organiserId = organiser.id
        }
        let name = form["organiser_name"].trimmingCharacters(in: .whitespacesAndNewlines)
        if organiserId == nil && (name.isEmpty || name.count > 200) {
            return try await invitePage(request, context, values: form, problems: [("organiser_name", pages.t("work.error.organiser", s))])
        }
        guard EmailAddress.normalise(form["email"]) != nil else {
            return try await invitePage(request, context, values: form, problems: [("email", pages.t("work.error.email", s))])
        }
        if try await work.accounts.account(email: form["email"]) != nil {
            return try await invitePage(request, context, values: form, problems: [("email", pages.t("work.error.email_taken", s))])
        }
        let author = ChangeAuthor.account(account.id.rawValue)
        if organiserId == nil { organiserId = try await work.classrooms.createOrganiser(named: name, by: author).id }
        try await inviteTeacher(email: form["email"], organiser: organiserId!, by: account, context: context)
        return .seeOther(WorkURL.staff + "?done=invited")
    }

    func inviteTeacher(email: String, organiser: Organiser.ID, by account: Account, context: AppRequestContext) async throws {
        let (teacher, token) = try await work.accounts.invite(
            email: email, role: .teacher, organiserId: organiser.rawValue, auditMunicipality: account.municipalities.sorted().first, by: .account(account.id.rawValue)
        )
        await work.send(MailMessage(
            to: teacher.email, subject: pages.renderer.catalog.text("work.mail.invite_subject", .ja),
            body: pages.renderer.catalog.text("work.mail.invite_body", .ja, ["link": work.link(WorkURL.welcome(token))])
        ), logger: context.logger)
    }

    // MARK: - Join requests

    @Sendable func requests(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireIdentity()
        let s = pages.settings(request)
        let open = try await work.accounts.openJoinRequests(in: Self.scope(account).map { Set($0.map(\.rawValue)) })
        let names = Dictionary(uniqueKeysWithValues: try await work.classrooms.municipalities().map { ($0.code.rawValue, $0) })
        var page = pages.page(request, context, s, titleKey: "work.requests.title")
        if let done = request.uri.queryParameters.get("done"), ["approved", "refused"].contains(done) { page.notices = [pages.t("work.notice.request_\(done)", s)] }
        func decision(_ id: Int64, _ value: String, _ key: String) -> String {
            "<form method=\"post\" action=\"\(WorkURL.request(id, value))\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(context.csrfToken))\"><button type=\"submit\">\(pages.t(key, s))</button></form>"
        }
        page.blocks = [.init(table: .init(
            captionHTML: pages.t("work.requests.title", s),
            head: [pages.t("work.field.email", s), pages.t("work.field.organiser_name", s), pages.t("work.field.municipality", s), pages.t("work.field.message", s), ""],
            rows: open.map { r in
                .init(cells: [
                    HTML.escape(r.email), pages.renderer.data(r.organiserName, s), names[r.municipalityCode].map { pages.renderer.municipality($0, s) } ?? r.municipalityCode,
                    r.message.map { pages.renderer.data($0, s) } ?? "", decision(r.id, "approve", "work.requests.approve") + " " + decision(r.id, "refuse", "work.requests.refuse"),
                ])
            },
            emptyHTML: pages.t("work.requests.none", s)
        ))]
        return pages.response(page, s)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireIdentity()
        guard let id = context.parameters.get("request").flatMap(Int64.init), let decision = context.parameters.get("decision"),
            ["approve", "refuse"].contains(decision), let joinRequest = try await work.accounts.joinRequest(id), joinRequest.state == .open
        else { throw HTTPError(.notFound) }
        // Staff decide only for their own municipalities.
        guard account.role == .admin || account.municipalities.contains(joinRequest.municipalityCode) else { throw HTTPError(.forbidden) }
        guard try await work.accounts.decide(id, approved: decision == "approve", by: account.id) else { throw HTTPError(.conflict) }
        if decision == "approve" {
            let existing = try await work.classrooms.organisers().first { $0.name == joinRequest.organiserName }
            var organiser = existing
            if organiser == nil { organiser = try await work.classrooms.createOrganiser(named: joinRequest.organiserName, by: .account(account.id.rawValue)) }
            if try await work.accounts.account(email: joinRequest.email) == nil {
                try await inviteTeacher(email: joinRequest.email, organiser: organiser!.id, by: account, context: context)
            }
        } else {
            await work.send(MailMessage(to: joinRequest.email, subject: pages.renderer.catalog.text("work.mail.refused_subject", .ja),
                                        body: pages.renderer.catalog.text("work.mail.refused_body", .ja)), logger: context.logger)
        }
        return .seeOther(WorkURL.requests + "?done=\(decision == "approve" ? "approved" : "refused")")
    }

    // MARK: - Audit log

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireIdentity()
        let s = pages.settings(request)
        let before = request.uri.queryParameters.get("before").flatMap(Int64.init)
        let pageSize = 50
        let entries = try await AuditLog.recent(
            in: work.database, municipalities: Self.scope(account).map { Set($0.map(\.rawValue)) }, before: before, limit: pageSize
        )
        var page = pages.page(request, context, s, titleKey: "work.audit.title")
        page.blocks = [.init(table: try await auditTable(entries, s))]
        if entries.count == pageSize, let last = entries.last?.id {
            page.blocks.append(.init(paragraphs: ["<a href=\"\(WorkURL.audit)?before=\(last)\">\(pages.t("work.audit.older", s))</a>"]))
        }
        return pages.response(page, s)
    }

    func auditTable(_ entries: [AuditEntry], _ s: PageSettings) async throws -> WorkPage.Table {
        let emails = Dictionary(uniqueKeysWithValues: try await work.accounts.accounts().map { ($0.id.rawValue, $0.email) })
        return WorkPage.Table(
            captionHTML: pages.t("work.audit.title", s),
            head: [pages.t("work.audit.when", s), pages.t("work.audit.who", s), pages.t("work.audit.what", s), pages.t("work.audit.changes", s)],
            rows: entries.map { e in
                let who: String = switch e.author {
                case .account(let id): HTML.escape(emails[id] ?? "#\(id)")
                case .commandLine: pages.t("work.audit.command_line", s)
                case .system: pages.t("work.audit.system", s)
                }
                let subject = e.subjectKind == "classroom" ? "<a href=\"/staff/classrooms/\(HTML.escape(e.subjectId))\">\(HTML.escape(e.subjectKind)) \(HTML.escape(e.subjectId))</a>"
                    : HTML.escape("\(e.subjectKind) \(e.subjectId)")
                let changes = e.changes.map { "<li><b>\(HTML.escape($0.field))</b>: \(HTML.escape($0.before ?? "—")) → \(HTML.escape($0.after ?? "—"))</li>" }.joined()
                return .init(cells: [HTML.escape(e.at.formatted(.iso8601)), who, HTML.escape(e.action) + "<br>" + subject, "<ul class=\"changes\">\(changes)</ul>"])
            },
            emptyHTML: pages.t("work.audit.none", s)
        )
    }

    // MARK: - Admin

    @Sendable func inviteStaffForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await inviteStaffPage(request, context, values: FormData(), problems: [])
    }

    func inviteStaffPage(_ request: Request, _ context: AppRequestContext, values: FormData, problems: WorkPages.Problems) async throws -> Response {
        let s = pages.settings(request)
        let chosen = Set(values.all("municipalities"))
        let municipalities = try await work.classrooms.municipalities()
        return pages.formPage(request, context, titleKey: "work.invite_staff.title", action: WorkURL.inviteStaff, problems: problems,
                              buttonKey: "work.invite.button") { error in [
            .init(id: "email", name: "email", labelHTML: pages.t("work.field.email", s), type: "email", value: values["email"], errorHTML: error("email"), required: true),
            .init(id: "municipalities", name: "municipalities", labelHTML: pages.t("work.invite_staff.municipalities", s), errorHTML: error("municipalities"),
                  options: municipalities.map { WorkPage.Option(value: $0.code.rawValue, labelHTML: pages.renderer.municipality($0, s), selected: chosen.contains($0.code.rawValue)) },
                  kind: .choices),
        ] }
    }

    @Sendable func inviteStaff(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireIdentity()
        let form = context.form
        let s = pages.settings(request)
        let known = Set(try await work.classrooms.municipalities().map(\.code.rawValue))
        let chosen = Set(form.all("municipalities"))
        var problems: WorkPages.Problems = []
        if EmailAddress.normalise(form["email"]) == nil { problems.append(("email", pages.t("work.error.email", s))) }
        if chosen.isEmpty || !chosen.isSubset(of: known) { problems.append(("municipalities", pages.t("work.error.municipality", s))) }
        if problems.isEmpty, try await work.accounts.account(email: form["email"]) != nil { problems.append(("email", pages.t("work.error.email_taken", s))) }
        guard problems.isEmpty else { return try await inviteStaffPage(request, context, values: form, problems: problems) }
        let (staff, token) = try await work.accounts.invite(email: form["email"], role: .staff, municipalities: chosen, by: .account(account.id.rawValue))
        await work.send(MailMessage(
            to: staff.email, subject: pages.renderer.catalog.text("work.mail.invite_staff_subject", .ja),
            body: pages.renderer.catalog.text("work.mail.invite_body", .ja, ["link": work.link(WorkURL.welcome(token))])
        ), logger: context.logger)
        return .seeOther(WorkURL.staff + "?done=invited")
    }

    @Sendable func outbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let s = pages.settings(request)
        let messages = try await work.accounts.mailer.outbox(limit: 100)
        var page = pages.page(request, context, s, titleKey: "work.outbox.title")
        page.blocks = [.init(paragraphs: [pages.t("work.outbox.intro", s)], table: .init(
            captionHTML: pages.t("work.outbox.title", s),
            head: [pages.t("work.audit.when", s), pages.t("work.outbox.to", s), pages.t("work.outbox.subject", s), pages.t("work.outbox.body", s)],
            rows: messages.map { .init(cells: [HTML.escape($0.at.formatted(.iso8601)), HTML.escape($0.message.to), HTML.escape($0.message.subject),
                                               "<pre>\(HTML.escape($0.message.body))</pre>"]) },
            emptyHTML: pages.t("work.outbox.empty", s)
        ))]
        return pages.response(page, s)
    }
}
