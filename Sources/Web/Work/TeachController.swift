import Accounts
import Classroom
import Foundation
import Hummingbird
import JapaneseText

/// Teachers' pages: their organiser's listings, and creating, previewing and editing one.
struct TeachController {
    let work: WorkServices
    let directory: ClassroomDirectory
    var pages: WorkPages { work.pages }
    var listingForm: ListingFormPage { ListingFormPage(pages: pages) }

    /// `/teach` routes; `listing` is the group for one listing, already behind its access rule.
    func register(on routes: some RouterMethods<AppRequestContext>, listing: some RouterMethods<AppRequestContext>) {
        routes.get("", use: myClasses)
        routes.get("classrooms/new", use: newForm)
        routes.post("classrooms/new", use: create)
        listing.get("", use: editForm)
        listing.post("", use: save)
        listing.post("submit", use: { try await transition($0, $1, .submit) })
        listing.post("archive", use: { try await transition($0, $1, .archive) })
        listing.post("confirm", use: confirm)
        listing.post("reports/{report}/close") { _, context in
            try await work.closeReport(context, then: { WorkURL.edit($0) + "?done=report_closed" })
        }
    }

    /// "Still running as listed": confirms the listing as it stands.
    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let classroom = context.classroom else { throw HTTPError(.notFound) }
        try await work.confirm(classroom, by: try context.requireIdentity())
        return .seeOther(WorkURL.teach + "?done=confirm")
    }

    func organiserId(_ context: AppRequestContext) throws -> Organiser.ID {
        guard let id = try context.requireIdentity().organiserId else { throw HTTPError(.forbidden) }
        return Organiser.ID(id)
    }

    @Sendable func myClasses(_ request: Request, context: AppRequestContext) async throws -> Response {
        let s = pages.settings(request)
        let listings = try await work.classrooms.storedClassrooms(of: try organiserId(context))
        var page = pages.page(request, context, s, titleKey: "work.teach.title")
        let today = TokyoDateTime.now.date
        let due = listings.filter { work.freshnessNote($0, today: today, s) != nil }.count
        let reported = try await work.openReportCount(listings)
        if reported > 0 { page.notices.append(pages.t("work.reports.open_count", s, ["count": String(reported)])) }
        if due > 0 { page.notices.append(pages.t("work.teach.confirm_due", s, ["count": String(due), "days": String(work.freshness.remindAfterDays)])) }
        if let done = request.uri.queryParameters.get("done"), ["created", "saved", "submit", "archive", "confirm"].contains(done) { page.notices.insert(pages.t("work.notice.\(done)", s), at: 0) }
        page.blocks = [
            .init(paragraphs: ["<a class=\"button\" href=\"\(WorkURL.newClassroom)\">\(pages.t("work.teach.new", s))</a>"]),
            .init(table: .init(
                captionHTML: pages.t("work.teach.title", s),
                head: [pages.t("work.listing.name", s), pages.t("work.listing.state", s), pages.t("work.listing.last_confirmed", s), pages.t("work.listing.review_note", s)],
                rows: listings.map { c in
                    .init(cells: [
                        "<a href=\"\(WorkURL.edit(c.id))\">\(pages.renderer.data(c.name, s))</a>",
                        pages.t("work.state.\(c.listingState.rawValue)", s) + (work.freshnessNote(c, today: today, s).map { "<br>" + $0 } ?? ""),
                        pages.renderer.dayText(c.lastConfirmed, s.language),
                        c.reviewNote.map { pages.renderer.data($0, s) } ?? "",
                    ])
                },
                emptyHTML: pages.t("work.teach.empty", s)
            )),
        ]
        return pages.response(page, s)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form = ClassroomForm()
        if let organiser = try await work.classrooms.organiser(try organiserId(context)) { form.values["organiser"] = organiser.name }
        form.values["accepting"] = "true"
        form.values["fee_yen"] = "0"
        return try await formPage(request, context, form: form, base: nil, problems: [:], notices: [], status: .ok)
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let classroom = context.classroom else { throw HTTPError(.notFound) }
        return try await formPage(request, context, form: ClassroomForm(classroom), base: classroom, problems: [:], notices: work.reportClosedNotice(request, pages.settings(request)), status: .ok)
    }

    /// The form page; for a stored listing also its state and the buttons that move it.
    func formPage(
        _ request: Request, _ context: AppRequestContext, form: ClassroomForm, base: Classroom?, problems: [String: [String]], notices: [String],
        status: HTTPResponse.Status, extra: [WorkPage.Block] = []
    ) async throws -> Response {
        let s = pages.settings(request)
        var page = pages.page(request, context, s, titleKey: base == nil ? "work.listing.new_title" : "work.listing.edit_title")
        page.notices = notices
        pages.summarise(&page, listingForm.summary(problems, s), s)
        let municipalities = try await work.classrooms.municipalities()
        var blocks = extra
        if let base {
            var paragraphs = [pages.t("work.listing.state", s) + ": " + pages.t("work.state.\(base.listingState.rawValue)", s)]
            if let note = base.reviewNote { paragraphs.append(pages.t("work.listing.review_note", s) + ": " + pages.renderer.data(note, s)) }
            if base.listingState == .published { paragraphs.append("<a href=\"\(SiteURL.classroom(.value(base.id)).path)\">\(pages.t("work.listing.public_page", s))</a>") }
            blocks.append(.init(paragraphs: paragraphs))
        }
        blocks.append(.init(form: .init(
            action: base.map { WorkURL.edit($0.id) } ?? WorkURL.newClassroom, csrf: context.csrfToken,
            fieldsets: listingForm.fieldsets(form, problems: problems, municipalities: municipalities, s),
            buttons: [.init(value: "save", labelHTML: pages.t("work.listing.save", s)), .init(value: "preview", labelHTML: pages.t("work.listing.preview", s), secondary: true)],
            hidden: form.version.map { [.init(name: "version", value: String($0))] } ?? []
        )))
        if let base {
            if base.listingState != .archived {
                blocks.append(work.confirmBlock(WorkURL.teachAction(base.id, "confirm"), lastConfirmed: base.lastConfirmed, csrf: context.csrfToken, s))
            }
            blocks += try await work.reportBlocks(base, closeAction: { WorkURL.teachAction(base.id, "reports/\($0)/close") }, csrf: context.csrfToken, s)
            if ClassroomService.Transition.submit.from.contains(base.listingState) {
                blocks.append(.init(headingHTML: pages.t("work.listing.submit_heading", s), paragraphs: [pages.t("work.listing.submit_intro", s)], form: .init(
                    action: WorkURL.teachAction(base.id, "submit"), csrf: context.csrfToken, fieldsets: [],
                    buttons: [.init(value: "submit", labelHTML: pages.t("work.listing.submit", s))], inline: true)))
            }
            if ClassroomService.Transition.archive.from.contains(base.listingState) {
                blocks.append(.init(headingHTML: pages.t("work.listing.archive_heading", s), form: .init(
                    action: WorkURL.teachAction(base.id, "archive"), csrf: context.csrfToken, fieldsets: [],
                    buttons: [.init(value: "archive", labelHTML: pages.t("work.listing.archive", s), secondary: true)], inline: true)))
            }
        }
        page.blocks = blocks
        return pages.response(page, s, status: status)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organiser = try organiserId(context)
        let account = try context.requireIdentity()
        return try await saveOrPreview(request, context, base: nil) { classroom in
            var draft = classroom
            draft.organiserId = organiser
            let stored = try await work.classrooms.create(draft, by: .account(account.id.rawValue))
            return WorkURL.teach + "?done=created#\(stored.id)"
        }
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let base = context.classroom else { throw HTTPError(.notFound) }
        let account = try context.requireIdentity()
        do {
            return try await saveOrPreview(request, context, base: base) { classroom in
                _ = try await work.classrooms.update(classroom, by: .account(account.id.rawValue))
                return WorkURL.teach + "?done=saved"
            }
        } catch let conflict as ClassroomConflict {
            // What they typed stays in the form; the stored version is shown beside it, and saving again
            // (now from the stored version) is their deliberate choice.
            let s = pages.settings(request)
            var form = ListingFormPage.form(from: context.form)
            form.version = conflict.current.version
            let stored = ClassroomForm(conflict.current)
            let differing = ClassroomForm.editableColumns.filter { (stored.values[$0] ?? "") != (form.values[$0] ?? "") }
            let table = WorkPage.Table(
                captionHTML: pages.t("work.conflict.caption", s),
                head: [pages.t("work.conflict.field", s), pages.t("work.conflict.theirs", s), pages.t("work.conflict.yours", s)],
                rows: differing.map { .init(cells: [pages.t("work.listing.\($0)", s), HTML.escape(stored.values[$0] ?? ""), HTML.escape(form.values[$0] ?? "")]) }
                    + (stored.weekly != form.weekly || stored.cancellations != form.cancellations || stored.oneOff != form.oneOff
                        ? [.init(cells: [pages.t("work.listing.schedule_problem", s), pages.t("work.conflict.schedule_differs", s), ""])] : []),
                emptyHTML: pages.t("work.conflict.same", s)
            )
            return try await formPage(request, context, form: form, base: conflict.current, problems: [:], notices: [pages.t("work.conflict.notice", s)],
                                      status: .conflict, extra: [.init(table: table)])
        }
    }

    /// Validates the posted form; shows it again with every error, or a preview of the learner page, or saves.
    func saveOrPreview(_ request: Request, _ context: AppRequestContext, base: Classroom?, store: (Classroom) async throws -> String) async throws -> Response {
        let s = pages.settings(request)
        let form = ListingFormPage.form(from: context.form)
        let known = Set(try await work.classrooms.municipalities().map(\.code))
        switch form.validate(base: base, today: TokyoDateTime.now.date, knownMunicipalities: known) {
        case .failure(let problems):
            return try await formPage(request, context, form: form, base: base, problems: problems.byField, notices: [], status: .unprocessableContent)
        case .success(let classroom):
            if context.form["action"] == "preview" { return try await preview(request, context, classroom, form: form, base: base, s) }
            return .seeOther(try await store(classroom))
        }
    }

    /// The learner page as it will look, with the form carried in hidden fields and Save / Back buttons.
    func preview(_ request: Request, _ context: AppRequestContext, _ classroom: Classroom, form: ClassroomForm, base: Classroom?, _ s: PageSettings) async throws -> Response {
        var page = pages.page(request, context, s, titleKey: "work.listing.preview_title")
        let municipality = try await work.classrooms.municipalities().first { $0.code == classroom.municipalityCode }
        let learner = municipality.map { LearnerPreview.html(classroom, municipality: $0, renderer: pages.renderer, settings: s, freshness: work.freshness, below: 1) } ?? ""
        page.notices = [pages.t("work.listing.preview_note", s)]
        let action = base.map { WorkURL.edit($0.id) } ?? WorkURL.newClassroom
        page.blocks = [
            .init(html: learner),
            .init(form: .init(action: action, csrf: context.csrfToken, fieldsets: [], buttons: [
                .init(value: "save", labelHTML: pages.t("work.listing.save", s)), .init(value: "edit", labelHTML: pages.t("work.listing.back_to_form", s), secondary: true),
            ], hidden: ListingFormPage.hidden(form))),
        ]
        return pages.response(page, s)
    }

    @Sendable func transition(_ request: Request, _ context: AppRequestContext, _ transition: ClassroomService.Transition) async throws -> Response {
        guard let classroom = context.classroom else { throw HTTPError(.notFound) }
        let account = try context.requireIdentity()
        if transition == .submit && classroom.schedule.isEmpty {
            let s = pages.settings(request)
            return try await formPage(request, context, form: ClassroomForm(classroom), base: classroom, problems: ["weekly": [pages.t("work.listing.error.weekly", s)]],
                                      notices: [], status: .unprocessableContent)
        }
        do {
            _ = try await work.classrooms.apply(transition, to: classroom.id, by: .account(account.id.rawValue))
        } catch ClassroomError.invalidTransition {
            throw HTTPError(.conflict)
        }
        // Staff of the ward hear of a listing waiting for them.
        if transition == .submit {
            for staff in try await work.accounts.accounts(role: .staff) where staff.municipalities.contains(classroom.municipalityCode.rawValue) {
                await work.send(MailMessage(
                    to: staff.email, subject: pages.renderer.catalog.text("work.mail.waiting_subject", .ja),
                    body: pages.renderer.catalog.text("work.mail.waiting_body", .ja, ["link": work.link(WorkURL.review(classroom.id))])
                ), logger: context.logger)
            }
        }
        return .seeOther(WorkURL.teach + "?done=\(transition.rawValue)")
    }
}
