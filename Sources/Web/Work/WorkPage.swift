import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import JapaneseText
import Mustache

/// A page of the signed-in area (and of signing in): a heading, notices, a summary of errors linking to
/// their fields, and blocks of text, tables and forms. `work.mustache` prints it; every form carries the
/// CSRF token, and every field its label, hint and error, tied together with `aria-describedby`.
struct WorkPage: MustacheParent {
    var chrome: PageChrome
    var headingHTML: String
    var nav: [PageLink] = []
    var signedIn = false
    var csrf = ""
    var signOutHTML = ""
    var notices: [String] = []
    var errorSummaryHTML = ""
    var errors: [PageLink] = []
    var blocks: [Block] = []

    func child(named name: String) -> Any? {
        switch name {
        case "headingHTML": headingHTML
        case "nav": nav
        case "signedIn": signedIn
        case "csrf": csrf
        case "signOutHTML": signOutHTML
        case "notices": notices
        case "hasErrors": !errors.isEmpty
        case "errorSummaryHTML": errorSummaryHTML
        case "errors": errors
        case "blocks": blocks
        default: chrome.child(named: name)
        }
    }

    struct Block {
        var headingHTML: String? = nil
        var paragraphs: [String] = []
        var table: Table? = nil
        var form: Form? = nil
        /// Already-escaped HTML built by the renderer (a learner page preview).
        var html: String? = nil
    }

    struct Table: MustacheParent {
        var captionHTML: String
        var head: [String]
        var rows: [Row]
        var emptyHTML: String

        struct Row { var cells: [String] }

        func child(named name: String) -> Any? {
            switch name {
            case "captionHTML": captionHTML
            case "head": head
            case "rows": rows
            case "emptyHTML": emptyHTML
            case "isEmpty": rows.isEmpty
            default: nil
            }
        }
    }

    struct Form {
        var action: String
        var csrf: String
        var fieldsets: [Fieldset]
        var buttons: [Button]
        var hidden: [Hidden] = []
        /// Small inline forms (a button in a table row) drop the boxes.
        var inline = false
    }

    struct Hidden { var name: String; var value: String }

    struct Button {
        var name = "action"
        var value: String
        var labelHTML: String
        var secondary = false
    }

    struct Fieldset {
        var legendHTML: String? = nil
        var errorHTML: String? = nil
        var errorId: String? = nil
        var fields: [Field]
    }

    struct Option {
        var value: String
        var labelHTML: String
        var selected: Bool
    }

    struct Field: MustacheParent {
        var id: String
        var name: String
        var labelHTML: String
        var type = "text"
        var value = ""
        var hintHTML: String? = nil
        var errorHTML: String? = nil
        var required = false
        var autocomplete: String? = nil
        var inputmode: String? = nil
        var maxlength: Int? = nil
        var options: [Option] = []
        var kind: Kind = .input

        enum Kind { case input, select, textarea, checkbox, choices }

        var isInput: Bool { kind == .input }
        var isSelect: Bool { kind == .select }
        var isTextarea: Bool { kind == .textarea }
        var isCheckbox: Bool { kind == .checkbox }
        var isChoices: Bool { kind == .choices }
        var checked: Bool { value == "true" }
        var hintId: String { id + "-hint" }
        var errorId: String { id + "-error" }
        /// The ids of the hint and the error, for `aria-describedby`.
        var describedBy: String {
            ([hintHTML.map { _ in hintId }, errorHTML.map { _ in errorId }].compactMap { $0 }).joined(separator: " ")
        }
        var hasDescription: Bool { !describedBy.isEmpty }
        var invalid: Bool { errorHTML != nil }

        func child(named name: String) -> Any? {
            switch name {
            case "id": id
            case "name": self.name
            case "labelHTML": labelHTML
            case "type": type
            case "value": value
            case "hintHTML": hintHTML
            case "errorHTML": errorHTML
            case "required": required
            case "autocomplete": autocomplete
            case "inputmode": inputmode
            case "maxlength": maxlength
            case "options": options
            case "isInput": isInput
            case "isSelect": isSelect
            case "isTextarea": isTextarea
            case "isCheckbox": isCheckbox
            case "isChoices": isChoices
            case "checked": checked
            case "hintId": hintId
            case "errorId": errorId
            case "describedBy": describedBy
            case "hasDescription": hasDescription
            case "invalid": invalid
            default: nil
            }
        }
    }
}

/// Builds work pages in the person's language (やさしい日本語 with furigana, or English).
struct WorkPages: Sendable {
    let renderer: PageRenderer

    /// The page settings of a work page: Japanese or English only (the other languages read English).
    func settings(_ request: Request) -> PageSettings {
        let parameters = QueryParameters(leniently: request, keeping: ["lang", "furigana"])
        var settings = PageSettings(request, parameters: parameters)
        if settings.language != .ja && settings.language != .en { settings.language = .en }
        return settings
    }

    func t(_ key: String, _ settings: PageSettings, _ values: [String: String] = [:]) -> String {
        renderer.text(key, settings, values)
    }

    /// A page with the chrome, the signed-in navigation and the sign-out button.
    func page(_ request: Request, _ context: AppRequestContext, _ settings: PageSettings, titleKey: String, values: [String: String] = [:]) -> WorkPage {
        let path = request.uri.path
        var chrome = PageChrome(
            title: renderer.catalog.text(titleKey, settings.language, values), renderer: renderer, settings: settings,
            languageURL: { lang in path + "?lang=" + lang.rawValue }, furiganaURL: { on in path + "?furigana=" + (on ? "on" : "off") }
        )
        chrome.languageLinks = chrome.languageLinks.filter { $0.detail == "ja" || $0.detail == "en" }
        var page = WorkPage(chrome: chrome, headingHTML: t(titleKey, settings, values))
        page.csrf = context.csrfToken
        if let account = context.identity {
            page.signedIn = true
            page.signOutHTML = t("work.sign_out", settings)
            var nav: [PageLink] = []
            if account.role == .teacher { nav.append(PageLink(url: WorkURL.teach, labelHTML: t("work.nav.my_classes", settings))) }
            if account.roles.contains(.staff) {
                nav.append(PageLink(url: WorkURL.staff, labelHTML: t("work.nav.listings", settings)))
                nav.append(PageLink(url: WorkURL.invite, labelHTML: t("work.nav.invite", settings)))
                nav.append(PageLink(url: WorkURL.requests, labelHTML: t("work.nav.requests", settings)))
                nav.append(PageLink(url: WorkURL.audit, labelHTML: t("work.nav.audit", settings)))
            }
            if account.role == .admin {
                nav.append(PageLink(url: WorkURL.inviteStaff, labelHTML: t("work.nav.invite_staff", settings)))
                nav.append(PageLink(url: WorkURL.outbox, labelHTML: t("work.nav.outbox", settings)))
            }
            nav.append(PageLink(url: WorkURL.account, labelHTML: t("work.nav.account", settings)))
            page.nav = nav
        }
        return page
    }

    /// Puts the messages of `problems` (field id → message HTML) beside their fields and in the summary.
    func summarise(_ page: inout WorkPage, _ problems: [(id: String, html: String)], _ settings: PageSettings) {
        guard !problems.isEmpty else { return }
        page.errorSummaryHTML = t("work.errors.summary", settings)
        page.errors = problems.map { PageLink(url: "#" + $0.id, labelHTML: $0.html) }
    }

    /// Problems found in a posted form: field id → message HTML, in the order they are listed.
    typealias Problems = [(id: String, html: String)]

    /// The usual page of the signed-in area: one form under a heading and an introduction, every problem
    /// in the summary and beside its field. `fields` receives the lookup of a field's error message.
    func formPage(
        _ request: Request, _ context: AppRequestContext, titleKey: String, introKey: String? = nil, action: String,
        problems: Problems, buttonKey: String, status: HTTPResponse.Status? = nil, fields: (_ error: (String) -> String?) -> [WorkPage.Field]
    ) -> Response {
        let s = settings(request)
        var page = page(request, context, s, titleKey: titleKey)
        summarise(&page, problems, s)
        let form = WorkPage.Form(
            action: action, csrf: context.csrfToken, fieldsets: [.init(fields: fields { id in problems.first { $0.id == id }?.html })],
            buttons: [.init(value: "send", labelHTML: t(buttonKey, s))]
        )
        page.blocks = [.init(paragraphs: introKey.map { [t($0, s)] } ?? [], form: form)]
        return response(page, s, status: status ?? (problems.isEmpty ? .ok : .unprocessableContent))
    }

    func response(_ page: WorkPage, _ settings: PageSettings, status: HTTPResponse.Status = .ok) -> Response {
        var response = renderer.response("work", page, page: settings, status: status)
        // Pages with forms and personal data are never stored by shared computers or proxies.
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension Response {
    /// 303 See Other after a POST, so reloading the next page does not post again.
    static func seeOther(_ location: String, cookies: [String] = []) -> Response {
        var response = Response.redirect(to: location, type: .normal)
        for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }
}
