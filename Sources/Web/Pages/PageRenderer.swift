import Classroom
import Foundation
import Hummingbird
import HTTPTypes
import JapaneseText
import Mustache

/// Renders pages: loads the templates and the string catalogue once at start (a missing template fails
/// the boot, not a request), and turns text into HTML with furigana where the page is Japanese.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let catalog: StringCatalog
    let furigana: FuriganaEngine
    /// The stylesheet and script, and the versioned URLs pages link them by.
    let assets: StaticAssets
    let assetURLs: [String: String]
    /// Every catalogue string already as HTML, per language and furigana setting.
    private let rendered: [String: [String: String]]
    /// Every catalogue string as plain text, per language.
    private let plain: [UILanguage: [String: String]]
    let rubyCache = RubyCache()

    init(furigana: FuriganaEngine) async throws {
        let templates = WebResources.folder("Templates").path
        library = try await MustacheLibrary(directory: templates)
        for name in ["search", "classroom", "error", "work"] where library.getTemplate(named: name) == nil {
            throw StringCatalog.CatalogError.missing("\(name).mustache")
        }
        catalog = try StringCatalog.load()
        assets = try StaticAssets()
        assetURLs = assets.urls
        self.furigana = furigana
        var rendered: [String: [String: String]] = [:]
        for language in UILanguage.allCases {
            for ruby in language == .ja ? [true, false] : [false] {
                var table: [String: String] = [:]
                for (key, text) in catalog.strings[language] ?? [:] {
                    table[Self.templateKey(key)] = Self.html(text, ruby: ruby, furigana: furigana)
                }
                rendered[Self.tableName(language, ruby)] = table
            }
        }
        self.rendered = rendered
        plain = catalog.strings.mapValues { table in Dictionary(uniqueKeysWithValues: table.map { (Self.templateKey($0.key), $0.value) }) }
    }

    /// Mustache reads dots as paths, so `search.heading` is `search_heading` in templates.
    static func templateKey(_ key: String) -> String { key.replacingOccurrences(of: ".", with: "_") }
    private static func tableName(_ language: UILanguage, _ ruby: Bool) -> String { "\(language.rawValue)-\(ruby)" }

    /// Escaped HTML of `text`, with `<ruby>` over kanji when `ruby` is on.
    static func html(_ text: String, ruby: Bool, furigana: FuriganaEngine) -> String {
        guard ruby, text.containsKanji, let segments = try? furigana.segments(for: text) else { return HTML.escape(text) }
        return Ruby.html(segments)
    }

    /// The catalogue as HTML for a page.
    func strings(_ page: PageSettings) -> [String: String] {
        rendered[Self.tableName(page.language, page.ruby)] ?? [:]
    }

    /// The catalogue as plain text (escaped by the template), keyed for templates.
    func plainStrings(_ language: UILanguage) -> [String: String] {
        plain[language] ?? [:]
    }

    /// One catalogue string with values filled in, as HTML.
    func text(_ key: String, _ page: PageSettings, _ values: [String: String] = [:]) -> String {
        html(catalog.text(key, page.language, values), page)
    }

    /// Text in the page's language as HTML: with furigana (remembered, since the same names, dates and
    /// counts come back on every page) when the page shows them, escaped otherwise.
    func html(_ text: String, _ page: PageSettings) -> String {
        guard page.ruby, text.containsKanji else { return HTML.escape(text) }
        return rubyCache.html(text, version: furigana.gazetteerVersion) { Self.html($0, ruby: true, furigana: furigana) }
    }

    /// Data text (names, addresses, eligibility: the directory is written in Japanese) as HTML: with furigana
    /// on Japanese pages, and marked `lang="ja"` on the others so screen readers switch voice and browsers
    /// pick Japanese glyphs.
    func data(_ text: String, _ page: PageSettings) -> String {
        page.language == .ja ? html(text, page) : "<span lang=\"ja\">\(HTML.escape(text))</span>"
    }

    /// A municipality's name: in Japanese with furigana on Japanese pages, elsewhere in romaji with the
    /// Japanese name beside it (the form on signs and letters from the ward office).
    func municipality(_ m: Municipality, _ page: PageSettings) -> String {
        page.language == .ja ? data(m.name, page) : "\(HTML.escape(m.romajiFull)) (\(data(m.name, page)))"
    }

    /// A support language's name as a learner reads it: the Japanese name on Japanese pages, the English
    /// name on English pages, and elsewhere the language's own name, since a Nepali or Vietnamese reader
    /// looks for their own language written their own way.
    func languageName(_ tag: LanguageTag, _ language: UILanguage) -> String {
        guard let known = SupportLanguage.named(tag) else { return tag.rawValue }
        switch language {
        case .ja: return known.japanese
        case .en: return known.english
        default: return known.endonyms[0]
        }
    }

    /// The names of support languages as HTML (``languageName(_:_:)``): with furigana on Japanese pages, and
    /// each own name marked with its `lang`; "Japanese only" when there are none.
    func languageNames(_ tags: [LanguageTag], _ page: PageSettings) -> String {
        guard !tags.isEmpty else { return text("results.languages_none", page) }
        return tags.map { tag in
            let name = languageName(tag, page.language)
            switch page.language {
            case .ja: return data(name, page)
            case .en: return HTML.escape(name)
            default: return "<span lang=\"\(HTML.escape(tag.rawValue))\">\(HTML.escape(name))</span>"
            }
        }.joined(separator: ", ")
    }

    /// Renders a template into an HTML response, setting the preference cookies the page was asked to remember.
    func response(_ template: String, _ object: Any, page: PageSettings, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(object, withTemplate: template) ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        // The same URL speaks another language by cookie or Accept-Language.
        headers[.vary] = "Accept-Language, Cookie"
        for cookie in page.cookiesToSet { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// What a page request asked for: its language and whether furigana are shown.
struct PageSettings: Sendable {
    var language: UILanguage
    var furiganaOn: Bool
    var cookiesToSet: [String] = []

    /// Furigana apply to Japanese pages only.
    var ruby: Bool { language == .ja && furiganaOn }

    init(_ request: Request, parameters: QueryParameters) {
        let cookies = request.cookies
        let asked = try? parameters.single("lang")
        language = UILanguage.negotiate(query: asked ?? nil, cookie: cookies["lang"]?.value, acceptLanguage: request.headers[.acceptLanguage])
        let furiganaAsked = (try? parameters.single("furigana")) ?? nil
        furiganaOn = furiganaAsked.map { $0 != "off" } ?? (cookies["furigana"]?.value != "off")
        let year = 60 * 60 * 24 * 365
        if let asked, UILanguage.match(asked) != nil {
            cookiesToSet.append("lang=\(language.rawValue); Path=/; Max-Age=\(year); SameSite=Lax")
        }
        if let furiganaAsked {
            cookiesToSet.append("furigana=\(furiganaAsked == "off" ? "off" : "on"); Path=/; Max-Age=\(year); SameSite=Lax")
        }
    }
}
