import Accounts
import Classroom
import Foundation
import Hummingbird
import JapaneseText

/// Signing in and out, choosing a password from a one-time link, resetting it, asking to join, and one's
/// own account (password change, two-step sign-in).
struct SignInController {
    let work: WorkServices
    var pages: WorkPages { work.pages }
    var accounts: AccountService { work.accounts }

    /// Routes that need no account.
    func registerPublic(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(RouterPath(WorkURL.loginPath), use: loginForm)
        routes.post(RouterPath(WorkURL.loginPath), use: login)
        routes.post(RouterPath(WorkURL.logout), use: logout)
        routes.get("/welcome/{token}", use: { try await passwordForm($0, $1, purpose: .setup) })
        routes.post("/welcome/{token}", use: { try await choosePassword($0, $1, purpose: .setup) })
        routes.get("/password/reset/{token}", use: { try await passwordForm($0, $1, purpose: .reset) })
        routes.post("/password/reset/{token}", use: { try await choosePassword($0, $1, purpose: .reset) })
        routes.get(RouterPath(WorkURL.forgot), use: forgotForm)
        routes.post(RouterPath(WorkURL.forgot), use: forgot)
        routes.get(RouterPath(WorkURL.join), use: joinForm)
        routes.post(RouterPath(WorkURL.join), use: join)
    }

    /// Routes for anyone signed in.
    func registerAccount(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(RouterPath(WorkURL.account), use: accountPage)
        routes.post(RouterPath(WorkURL.password), use: changePassword)
        routes.get(RouterPath(WorkURL.twoStep), use: twoStepForm)
        routes.post(RouterPath(WorkURL.twoStep), use: enableTwoStep)
        APITokenPages(work: work).register(on: routes, account: self)
    }

    // MARK: - Sign in and out

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let account = context.identity { return .seeOther(WorkServices.home(account)) }
        let next = request.uri.queryParameters.get("next") ?? ""
        return loginPage(request, context, email: "", next: next, problem: nil, status: .ok)
    }

    func loginPage(_ request: Request, _ context: AppRequestContext, email: String, next: String, problem: String?, status: HTTPResponse.Status) -> Response {
        let s = pages.settings(request)
        var page = pages.page(request, context, s, titleKey: "work.login.title")
        if let problem { pages.summarise(&page, [("email", problem)], s) }
        page.blocks = [
            .init(form: .init(
                action: WorkURL.loginPath, csrf: context.csrfToken,
                fieldsets: [.init(fields: [
                    .init(id: "email", name: "email", labelHTML: pages.t("work.field.email", s), type: "email", value: email, errorHTML: problem, required: true, autocomplete: "username"),
                    .init(id: "password", name: "password", labelHTML: pages.t("work.field.password", s), type: "password", required: true, autocomplete: "current-password"),
                    .init(id: "code", name: "code", labelHTML: pages.t("work.field.code", s), hintHTML: pages.t("work.field.code_hint", s), autocomplete: "one-time-code", inputmode: "numeric", maxlength: 6),
                ])],
                buttons: [.init(value: "login", labelHTML: pages.t("work.login.button", s))],
                hidden: [.init(name: "next", value: next)]
            )),
            .init(paragraphs: [
                "<a href=\"\(WorkURL.forgot)\">\(pages.t("work.login.forgot", s))</a>",
                "<a href=\"\(WorkURL.join)\">\(pages.t("work.login.join", s))</a>",
            ]),
        ]
        return pages.response(page, s, status: status)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let s = pages.settings(request)
        let code = form["code"].trimmingCharacters(in: .whitespaces)
        switch try await accounts.signIn(email: form["email"], password: form["password"], code: code.isEmpty ? nil : code, source: context.sourceAddress) {
        case .signedIn(let account):
            let next = form["next"]
            let safeNext = next.hasPrefix("/") && !next.hasPrefix("//") && !next.contains("\\") && !account.mustSetUpTwoFactor
            return try await work.signIn(account, request: request, context: context, to: safeNext ? next : WorkServices.home(account))
        case .refused:
            return loginPage(request, context, email: form["email"], next: form["next"], problem: pages.t("work.login.refused", s), status: .unauthorized)
        case .throttled(let until):
            let seconds = max(1, Int(until.timeIntervalSinceNow.rounded(.up)))
            var response = loginPage(request, context, email: form["email"], next: form["next"],
                                     problem: pages.t("work.login.throttled", s, ["seconds": String(seconds)]), status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        context.sessions.clearSession()
        return .seeOther(WorkURL.loginPath, cookies: [CSRFMiddleware.cookie(Secret.token(), work.settings)])
    }

    // MARK: - Choosing a password from a one-time link

    @Sendable func passwordForm(_ request: Request, _ context: AppRequestContext, purpose: AccountService.LinkPurpose) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let s = pages.settings(request)
        guard let account = try await accounts.accountForLink(token, purpose: purpose) else { return linkGone(request, context, s) }
        return passwordPage(request, context, s, account: account, purpose: purpose, problems: [])
    }

    func linkGone(_ request: Request, _ context: AppRequestContext, _ s: PageSettings) -> Response {
        var page = pages.page(request, context, s, titleKey: "work.link.gone_title")
        page.blocks = [.init(paragraphs: [pages.t("work.link.gone", s), "<a href=\"\(WorkURL.forgot)\">\(pages.t("work.login.forgot", s))</a>"])]
        return pages.response(page, s, status: .notFound)
    }

    func passwordPage(_ request: Request, _ context: AppRequestContext, _ s: PageSettings, account: Account, purpose: AccountService.LinkPurpose, problems: [(id: String, html: String)]) -> Response {
        var page = pages.page(request, context, s, titleKey: purpose == .setup ? "work.welcome.title" : "work.reset.title")
        pages.summarise(&page, problems, s)
        let error = problems.first?.html
        page.blocks = [
            .init(paragraphs: [pages.t("work.welcome.for", s, ["email": account.email])]),
            .init(form: .init(
                action: request.uri.path, csrf: context.csrfToken,
                fieldsets: [.init(fields: [
                    .init(id: "new_password", name: "new_password", labelHTML: pages.t("work.field.new_password", s), type: "password",
                          hintHTML: pages.t("work.password.rules", s), errorHTML: error, required: true, autocomplete: "new-password"),
                    .init(id: "confirm", name: "confirm", labelHTML: pages.t("work.field.confirm", s), type: "password", required: true, autocomplete: "new-password"),
                ])],
                buttons: [.init(value: "save", labelHTML: pages.t("work.password.button", s))]
            )),
        ]
        return pages.response(page, s, status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    func passwordProblem(_ failure: AccountService.Failure, _ s: PageSettings) -> String {
        switch failure {
        case .password(let problem): pages.t("work.password.\(problem.rawValue)", s)
        case .wrongPassword: pages.t("work.password.wrong_current", s)
        default: pages.t("work.link.gone", s)
        }
    }

    @Sendable func choosePassword(_ request: Request, _ context: AppRequestContext, purpose: AccountService.LinkPurpose) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let s = pages.settings(request)
        guard let account = try await accounts.accountForLink(token, purpose: purpose) else { return linkGone(request, context, s) }
        let form = context.form
        guard form["new_password"] == form["confirm"] else {
            return passwordPage(request, context, s, account: account, purpose: purpose, problems: [("new_password", pages.t("work.password.mismatch", s))])
        }
        do {
            let account = try await accounts.redeem(token, purpose: purpose, newPassword: form["new_password"])
            return try await work.signIn(account, request: request, context: context, to: WorkServices.home(account))
        } catch let failure as AccountService.Failure {
            if failure == .linkInvalid { return linkGone(request, context, s) }
            return passwordPage(request, context, s, account: account, purpose: purpose, problems: [("new_password", passwordProblem(failure, s))])
        }
    }

    // MARK: - Forgotten password

    @Sendable func forgotForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        forgotPage(request, context, sent: false)
    }

    func forgotPage(_ request: Request, _ context: AppRequestContext, sent: Bool) -> Response {
        let s = pages.settings(request)
        var page = pages.page(request, context, s, titleKey: "work.forgot.title")
        if sent { page.notices = [pages.t("work.forgot.sent", s)] }
        page.blocks = [.init(paragraphs: [pages.t("work.forgot.intro", s)], form: .init(
            action: WorkURL.forgot, csrf: context.csrfToken,
            fieldsets: [.init(fields: [.init(id: "email", name: "email", labelHTML: pages.t("work.field.email", s), type: "email", required: true, autocomplete: "username")])],
            buttons: [.init(value: "send", labelHTML: pages.t("work.forgot.button", s))]
        ))]
        return pages.response(page, s)
    }

    @Sendable func forgot(_ request: Request, context: AppRequestContext) async throws -> Response {
        let s = pages.settings(request)
        // The same answer whether or not the address has an account.
        if let (account, token) = try await accounts.resetLink(for: context.form["email"]) {
            await work.send(MailMessage(
                to: account.email, subject: work.pages.renderer.catalog.text("work.mail.reset_subject", s.language),
                body: work.pages.renderer.catalog.text("work.mail.reset_body", s.language, ["link": work.link(WorkURL.reset(token))])
            ), logger: context.logger)
        }
        return forgotPage(request, context, sent: true)
    }

    // MARK: - Asking to join

    @Sendable func joinForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await joinPage(request, context, values: FormData(), problems: [])
    }

    func joinPage(_ request: Request, _ context: AppRequestContext, values: FormData, problems: WorkPages.Problems) async throws -> Response {
        let s = pages.settings(request)
        let municipalities = try await work.classrooms.municipalities()
        return pages.formPage(request, context, titleKey: "work.join.title", introKey: "work.join.intro", action: WorkURL.join, problems: problems,
                              buttonKey: "work.join.button") { error in [
            .init(id: "email", name: "email", labelHTML: pages.t("work.field.email", s), type: "email", value: values["email"], errorHTML: error("email"), required: true, autocomplete: "email"),
            .init(id: "organiser", name: "organiser", labelHTML: pages.t("work.field.organiser_name", s), value: values["organiser"], errorHTML: error("organiser"), required: true, maxlength: 200),
            .init(id: "municipality", name: "municipality", labelHTML: pages.t("work.field.municipality", s), errorHTML: error("municipality"),
                  options: municipalityOptions(municipalities, selected: [values["municipality"]], s), kind: .select),
            .init(id: "message", name: "message", labelHTML: pages.t("work.field.message", s), value: values["message"], hintHTML: pages.t("work.join.message_hint", s),
                  errorHTML: error("message"), maxlength: AccountService.joinMessageLimit, kind: .textarea),
        ] }
    }

    func municipalityOptions(_ municipalities: [Municipality], selected: Set<String>, _ s: PageSettings) -> [WorkPage.Option] {
        [WorkPage.Option(value: "", labelHTML: pages.t("work.choose", s), selected: selected.isEmpty || selected == [""])]
            + municipalities.map { m in
                WorkPage.Option(value: m.code.rawValue, labelHTML: pages.renderer.municipality(m, s), selected: selected.contains(m.code.rawValue))
            }
    }

    @Sendable func join(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let s = pages.settings(request)
        var problems: WorkPages.Problems = []
        if EmailAddress.normalise(form["email"]) == nil { problems.append(("email", pages.t("work.error.email", s))) }
        let organiser = form["organiser"].trimmingCharacters(in: .whitespacesAndNewlines)
        if organiser.isEmpty || organiser.count > 200 || organiser.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append(("organiser", pages.t("work.error.organiser", s)))
        }
        let municipalities = try await work.classrooms.municipalities()
        if !municipalities.contains(where: { $0.code.rawValue == form["municipality"] }) { problems.append(("municipality", pages.t("work.error.municipality", s))) }
        let message = form["message"].trimmingCharacters(in: .whitespacesAndNewlines)
        if message.count > AccountService.joinMessageLimit { problems.append(("message", pages.t("work.error.too_long", s, ["limit": String(AccountService.joinMessageLimit)]))) }
        guard problems.isEmpty else { return try await joinPage(request, context, values: form, problems: problems) }
        try await accounts.requestToJoin(email: form["email"], organiserName: organiser, municipalityCode: form["municipality"], message: message)
        // Staff of the municipality hear of it; what they read links to their list, not to the requester.
        for staff in try await accounts.accounts(role: .staff) where staff.municipalities.contains(form["municipality"]) {
            await work.send(MailMessage(
                to: staff.email, subject: pages.renderer.catalog.text("work.mail.join_subject", .ja),
                body: pages.renderer.catalog.text("work.mail.join_body", .ja, ["link": work.link(WorkURL.requests)])
            ), logger: context.logger)
        }
        var page = pages.page(request, context, s, titleKey: "work.join.title")
        page.notices = [pages.t("work.join.sent", s)]
        return pages.response(page, s)
    }

    // MARK: - One's own account

    @Sendable func accountPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await accountResponse(request, context, problems: [], status: .ok)
    }

    /// The account page; `first` goes above everything else (a token just made).
    func accountResponse(
        _ request: Request, _ context: AppRequestContext, problems: [(id: String, html: String)], status: HTTPResponse.Status, first: [WorkPage.Block] = []
    ) async throws -> Response {
        let account = try context.requireIdentity()
        let s = pages.settings(request)
        var page = pages.page(request, context, s, titleKey: "work.account.title")
        pages.summarise(&page, problems, s)
        if request.uri.queryParameters.get("done") == "password" { page.notices = [pages.t("work.password.changed", s)] }
        if request.uri.queryParameters.get("done") == "two_step" { page.notices = [pages.t("work.two_step.enabled", s)] }
        if request.uri.queryParameters.get("done") == "token_revoked" { page.notices = [pages.t("work.tokens.revoked", s)] }
        func error(_ id: String) -> String? { problems.first { $0.id == id }?.html }
        page.blocks = [
            .init(paragraphs: [pages.t("work.account.signed_in_as", s, ["email": account.email]), pages.t("work.role.\(account.role.rawValue)", s)]),
            .init(headingHTML: pages.t("work.account.change_password", s), form: .init(
                action: WorkURL.password, csrf: context.csrfToken,
                fieldsets: [.init(fields: [
                    .init(id: "current", name: "current", labelHTML: pages.t("work.field.current_password", s), type: "password", errorHTML: error("current"), required: true, autocomplete: "current-password"),
                    .init(id: "new_password", name: "new_password", labelHTML: pages.t("work.field.new_password", s), type: "password",
                          hintHTML: pages.t("work.password.rules", s), errorHTML: error("new_password"), required: true, autocomplete: "new-password"),
                    .init(id: "confirm", name: "confirm", labelHTML: pages.t("work.field.confirm", s), type: "password", required: true, autocomplete: "new-password"),
                ])],
                buttons: [.init(value: "save", labelHTML: pages.t("work.password.button", s))]
            )),
            .init(headingHTML: pages.t("work.two_step.title", s), paragraphs: [
                account.twoFactorEnabled ? pages.t("work.two_step.on", s)
                    : pages.t("work.two_step.off", s) + " <a href=\"\(WorkURL.twoStep)\">\(pages.t("work.two_step.set_up", s))</a>",
            ]),
        ]
        page.blocks = first + page.blocks + (try await APITokenPages(work: work).blocks(account, csrf: context.csrfToken, labelError: error("label"), s))
        return pages.response(page, s, status: status)
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireIdentity()
        let form = context.form
        let s = pages.settings(request)
        guard form["new_password"] == form["confirm"] else {
            return try await accountResponse(request, context, problems: [("new_password", pages.t("work.password.mismatch", s))], status: .unprocessableContent)
        }
        do {
            try await accounts.changePassword(account.id, current: form["current"], new: form["new_password"])
        } catch let failure as AccountService.Failure {
            let id = failure == .wrongPassword ? "current" : "new_password"
            return try await accountResponse(request, context, problems: [(id, passwordProblem(failure, s))], status: .unprocessableContent)
        }
        // Every session ended with the change; the person who made it continues in a new one.
        return try await work.signIn(account, request: request, context: context, to: WorkURL.account + "?done=password")
    }

    @Sendable func twoStepForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try twoStepPage(request, context, secret: TwoFactor.newSecret(), problem: nil)
    }

    func twoStepPage(_ request: Request, _ context: AppRequestContext, secret: String, problem: String?) throws -> Response {
        let account = try context.requireIdentity()
        let s = pages.settings(request)
        var page = pages.page(request, context, s, titleKey: "work.two_step.title")
        if account.mustSetUpTwoFactor { page.notices = [pages.t("work.two_step.required", s)] }
        if let problem { pages.summarise(&page, [("code", problem)], s) }
        let enrolment = TwoFactor.enrolment(secret: secret, account: account.email)
        page.blocks = [
            .init(paragraphs: [
                pages.t("work.two_step.intro", s),
                "<a href=\"\(HTML.escape(enrolment.url))\">\(pages.t("work.two_step.open_app", s))</a>",
                pages.t("work.two_step.key", s) + " <code>\(HTML.escape(enrolment.key))</code>",
            ]),
            .init(form: .init(
                action: WorkURL.twoStep, csrf: context.csrfToken,
                fieldsets: [.init(fields: [
                    .init(id: "code", name: "code", labelHTML: pages.t("work.field.code", s), errorHTML: problem, required: true, autocomplete: "one-time-code", inputmode: "numeric", maxlength: 6),
                ])],
                buttons: [.init(value: "enable", labelHTML: pages.t("work.two_step.button", s))],
                hidden: [.init(name: "secret", value: secret)]
            )),
        ]
        return pages.response(page, s, status: problem == nil ? .ok : .unprocessableContent)
    }

    @Sendable func enableTwoStep(_ request: Request, context: AppRequestContext) async throws -> Response {
        let account = try context.requireIdentity()
        let secret = context.form["secret"]
        let s = pages.settings(request)
        guard secret.count == 32, secret.allSatisfy({ $0.isASCII && ($0.isUppercase || ("2"..."7").contains($0)) }) else { throw HTTPError(.badRequest) }
        do {
            try await accounts.enableTwoFactor(account.id, secret: secret, code: context.form["code"])
        } catch {
            return try twoStepPage(request, context, secret: secret, problem: pages.t("work.two_step.wrong_code", s))
        }
        return .seeOther(WorkURL.account + "?done=two_step")
    }
}
