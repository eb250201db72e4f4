import Accounts
import Classroom
import Foundation
import Hummingbird
import JapaneseText

/// The API tokens part of the account page: make one (its secret shown on the answer to that request only),
/// see one's tokens with when each was last used, and revoke one.
struct APITokenPages {
    let work: WorkServices
    var pages: WorkPages { work.pages }

    func register(on routes: some RouterMethods<AppRequestContext>, account: SignInController) {
        routes.post(RouterPath(WorkURL.tokens)) { request, context in
            let owner = try context.requireIdentity()
            let s = pages.settings(request)
            do {
                let made = try await work.accounts.createToken(for: owner.id, label: context.form["label"], by: .account(owner.id.rawValue))
                // Not a redirect: the secret exists only in this answer (no-store), never in a URL or the database.
                let shown: [WorkPage.Block] = [.init(
                    headingHTML: pages.t("work.tokens.new_heading", s),
                    paragraphs: [pages.t("work.tokens.created", s, ["label": made.token.label]), "<code class=\"secret\">\(HTML.escape(made.secret))</code>"]
                )]
                return try await account.accountResponse(request, context, problems: [], status: .created, first: shown)
            } catch let problem as AccountService.TokenProblem {
                let key = problem == .tooMany ? "work.tokens.error.too_many" : "work.tokens.error.label"
                return try await account.accountResponse(request, context, problems: [("label", pages.t(key, s, ["count": String(APIToken.perAccountLimit)]))], status: .unprocessableContent)
            }
        }
        routes.post(RouterPath(WorkURL.tokens + "/:token/revoke")) { request, context -> Response in
            let owner = try context.requireIdentity()
            guard let id = context.parameters.get("token").flatMap(Int64.init) else { throw HTTPError(.notFound) }
            do {
                try await work.accounts.revokeToken(id, of: owner.id, by: .account(owner.id.rawValue))
            } catch AccountService.Failure.notFound {
                throw HTTPError(.notFound)
            }
            return .seeOther(WorkURL.account + "?done=token_revoked#tokens")
        }
    }

    /// The section of the account page: what tokens are for, the form to make one, and one block per live token.
    func blocks(_ account: Account, csrf: String, labelError: String?, _ s: PageSettings) async throws -> [WorkPage.Block] {
        let tokens = try await work.accounts.tokens(of: account.id)
        var blocks: [WorkPage.Block] = [.init(
            headingHTML: "<span id=\"tokens\">\(pages.t("work.tokens.title", s))</span>",
            paragraphs: [pages.t("work.tokens.intro", s, ["path": ListingAPIController.root]), tokens.isEmpty ? pages.t("work.tokens.none", s) : ""].filter { !$0.isEmpty },
            form: .init(
                action: WorkURL.tokens, csrf: csrf,
                fieldsets: [.init(fields: [
                    .init(id: "label", name: "label", labelHTML: pages.t("work.tokens.label", s), hintHTML: pages.t("work.tokens.label_hint", s),
                          errorHTML: labelError, required: true, maxlength: APIToken.labelLimit),
                ])],
                buttons: [.init(value: "create", labelHTML: pages.t("work.tokens.create", s))]
            )
        )]
        for token in tokens {
            let made = pages.renderer.dayText(TokyoDateTime(token.createdAt).date, s.language)
            let used = token.lastUsedAt.map { pages.renderer.dayText(TokyoDateTime($0).date, s.language) }
            blocks.append(.init(
                headingHTML: HTML.escape(token.label),
                paragraphs: [pages.t(used == nil ? "work.tokens.never_used" : "work.tokens.used", s, ["made": made, "used": used ?? ""])],
                form: .init(action: WorkURL.tokens + "/\(token.id)/revoke", csrf: csrf, fieldsets: [],
                            buttons: [.init(value: "revoke", labelHTML: pages.t("work.tokens.revoke", s), secondary: true)], inline: true)
            ))
        }
        return blocks
    }
}
