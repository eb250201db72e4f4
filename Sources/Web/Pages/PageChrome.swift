import JapaneseText
import Mustache

/// What `head.mustache` and `foot.mustache` print on every page: its language and title, the string
/// catalogue (as HTML in `t`, as plain text in `p`), the asset links, the language switcher and the
/// furigana toggle.
///
/// Page models conform to `MustacheParent` and hand unknown names on to their chrome: the renderer
/// then looks values up through these switches instead of reflecting over every struct (`Mirror`),
/// which took two thirds of a search page's time.
struct PageChrome: MustacheParent {
    var htmlLang: String
    var title: String
    var t: [String: String]
    var p: [String: String]
    var assets: [String: String]
    /// Empty: no switcher (error pages, whose URL may be what went wrong).
    var languageLinks: [PageOption]
    var furiganaToggle: PageLink?
    /// Search pages point the skip link at the results; the others at the main content.
    var skipToResults = false
    /// The search page in this page's language (the brand link, "back to search").
    var homeURL: String
    /// Where the search form sends its filters.
    var searchURL = SiteURL.search.path

    /// - Parameters:
    ///   - languageURL: this page in another language; nil for no switcher.
    ///   - furiganaURL: this page with furigana on (true) or off; used on Japanese pages.
    init(title: String, renderer: PageRenderer, settings: PageSettings, languageURL: ((UILanguage) -> String)?, furiganaURL: ((Bool) -> String)?) {
        let lang = settings.language
        htmlLang = lang.rawValue
        homeURL = SiteURL.search.url([("lang", lang.rawValue)])
        self.title = title + " | " + renderer.catalog.text("site.name", lang)
        t = renderer.strings(settings)
        p = renderer.plainStrings(lang)
        assets = renderer.assetURLs
        languageLinks = languageURL.map { url in
            UILanguage.allCases.map { PageOption(value: url($0), labelHTML: HTML.escape($0.endonym), detail: $0.rawValue, selected: $0 == lang) }
        } ?? []
        furiganaToggle = lang == .ja ? furiganaURL.map { url in
            PageLink(url: url(!settings.furiganaOn), labelHTML: renderer.text(settings.furiganaOn ? "furigana.hide" : "furigana.show", settings))
        } : nil
    }

    func child(named name: String) -> Any? {
        switch name {
        case "htmlLang": htmlLang
        case "title": title
        case "t": t
        case "p": p
        case "assets": assets
        case "showLanguages": !languageLinks.isEmpty
        case "languageLinks": languageLinks
        case "furiganaToggle": furiganaToggle
        case "skipToResults": skipToResults
        case "homeURL": homeURL
        case "searchURL": searchURL
        default: nil
        }
    }
}
