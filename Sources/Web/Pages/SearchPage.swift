import Classroom
import Curriculum
import Foundation
import JapaneseText

/// Everything `search.mustache` prints. HTML fields (`…HTML`, `t`) are escaped already; the rest the
/// template escapes.
struct SearchPage {
    struct Option {
        var value: String
        var labelHTML: String
        var detail: String?
        var selected: Bool
    }

    struct Result {
        var url: String
        var nameHTML: String
        var municipalityHTML: String
        var nextSessionHTML: String
        var levels: String
        var languagesHTML: String
        var feeHTML: String
        var childcare: Bool
        var sample: Bool
    }

    struct Link {
        var url: String
        var labelHTML: String
    }

    var htmlLang: String
    var title: String
    var t: [String: String]
    /// The same strings as plain text, for places that cannot hold markup (options, attributes).
    var p: [String: String]
    /// Versioned URLs of the stylesheet and script.
    var assets: [String: String]
    var showLanguages = true
    /// The skip link jumps over the form to the results.
    var skipToResults = true
    /// How many of the filters folded under "More filters" are set, as HTML; nil when none.
    var moreChosenHTML: String?
    var languageLinks: [Option]
    var furiganaToggle: Link?
    var q: String
    var municipalities: [Option]
    var weekdays: [Option]
    var times: [Option]
    /// The explicit from–to window, as the time inputs show it (HH:MM or empty).
    var from: String
    var to: String
    var suggestURL = SitePath.suggest
    var levels: [Option]
    var languages: [Option]
    var formats: [Option]
    var free: Bool
    var childcare: Bool
    var accepting: Bool
    var countHTML: String
    var results: [Result]
    var isEmpty: Bool
    var nearby: [Link]
    var hasNearby: Bool
    var previous: Link?
    var next: Link?
}

extension SearchPage {
    /// Builds the page from the query the learner sent and the directory's answer.
    init(query: ClassroomQuery, parameters: QueryParameters, page hits: Page<SearchHit>, directory: ClassroomDirectory, renderer: PageRenderer, settings: PageSettings) {
        let lang = settings.language
        htmlLang = lang.rawValue
        t = renderer.strings(settings)
        p = renderer.plainStrings(lang)
        assets = renderer.assetURLs
        title = renderer.catalog.text("search.heading", lang) + " | " + renderer.catalog.text("site.name", lang)
        let selfURL = { (changes: [String: String?]) -> String in SitePath.search(parameters, changing: changes) }
        languageLinks = UILanguage.allCases.map { Option(value: selfURL(["lang": $0.rawValue, "page": nil]), labelHTML: HTML.escape($0.endonym), detail: $0.rawValue, selected: $0 == lang) }
        furiganaToggle = lang == .ja
            ? Link(url: selfURL(["furigana": settings.furiganaOn ? "off" : "on"]), labelHTML: renderer.text(settings.furiganaOn ? "furigana.hide" : "furigana.show", settings))
            : nil
        q = query.text ?? ""
        municipalities = ((try? directory.municipalities()) ?? []).map { listing in
            let m = listing.municipality
            return Option(value: m.code.rawValue, labelHTML: HTML.escape(lang == .ja ? "\(m.name)（\(m.kana)）" : "\(m.romajiFull) \(m.name)"), detail: nil, selected: query.municipalities.contains(m.code))
        }
        weekdays = Weekday.allCases.map { Option(value: $0.code, labelHTML: HTML.escape(renderer.catalog.text("weekday.\($0.code)", lang)), detail: nil, selected: query.weekdays.contains($0)) }
        let time = (try? parameters.single("time")) ?? nil
        from = ((try? parameters.single("from")) ?? nil).flatMap { TimeOfDay($0)?.description } ?? ""
        to = ((try? parameters.single("to")) ?? nil).flatMap { TimeOfDay($0)?.description } ?? ""
        times = ["morning", "afternoon", "evening"].map { Option(value: $0, labelHTML: HTML.escape(renderer.catalog.text("search.time.\($0)", lang)), detail: nil, selected: time == $0) }
        levels = Level.allCases.map { Option(value: $0.code, labelHTML: renderer.text("search.level.\($0.code)", settings), detail: nil, selected: query.levels.contains($0)) }
        languages = SupportLanguage.catalog.filter { $0.tag.primary != "ja" }.map { language in
            let label = lang == .ja ? "\(language.japanese)（\(language.endonyms[0])）" : "\(language.endonyms[0]) — \(language.english)"
            return Option(value: language.tag.rawValue, labelHTML: HTML.escape(label), detail: nil, selected: query.languages.contains(language.tag))
        }
        formats = ClassroomFormat.allCases.map { Option(value: $0.rawValue, labelHTML: HTML.escape(renderer.catalog.text("search.format.\($0.rawValue)", lang)), detail: nil, selected: query.format == $0) }
        let timeChosen = [time, (try? parameters.single("from")) ?? nil, (try? parameters.single("to")) ?? nil].contains { !($0 ?? "").isEmpty }
        let flags = [query.format != nil, query.freeOnly, query.childcareOnly, query.acceptingOnly, timeChosen].filter { $0 }.count
        let chosen = flags + query.levels.count + query.languages.count
        moreChosenHTML = chosen > 0 ? renderer.text("search.more_chosen", settings, ["count": String(chosen)]) : nil
        free = query.freeOnly
        childcare = query.childcareOnly
        accepting = query.acceptingOnly
        countHTML = renderer.text("results.count", settings, ["count": String(hits.total)])
        results = hits.items.map { hit in
            let c = hit.classroom
            let next = hit.nextSession.map { "\($0.date) (\(renderer.catalog.text("weekday.\($0.date.weekday.code)", lang))) \($0.start)–\($0.end)" }
            return Result(
                url: SitePath.classroomPage(c.id, language: lang), nameHTML: renderer.data(c.name, settings),
                municipalityHTML: renderer.data(hit.municipality.name, settings),
                nextSessionHTML: next.map { HTML.escape($0) } ?? renderer.text("results.none_scheduled", settings),
                levels: c.levels.map(\.label).joined(separator: ", "), languagesHTML: renderer.languageNames(c.languages, settings),
                feeHTML: c.isFree ? renderer.text("results.free", settings) : renderer.text("results.fee", settings, ["yen": String(c.feeYen)]),
                childcare: c.childcare, sample: c.isSample
            )
        }
        isEmpty = results.isEmpty
        nearby = hits.total == 0 ? Self.nearby(query, directory: directory, renderer: renderer, settings: settings, parameters: parameters) : []
        hasNearby = !nearby.isEmpty
        let pageNumber = query.offset / max(query.limit, 1) + 1
        previous = pageNumber > 1 ? Link(url: selfURL(["page": String(pageNumber - 1)]), labelHTML: renderer.text("pager.previous", settings)) : nil
        next = query.offset + query.limit < hits.total ? Link(url: selfURL(["page": String(pageNumber + 1)]), labelHTML: renderer.text("pager.next", settings)) : nil
    }

    /// For an empty result in one municipality: the three nearest municipalities that have classes.
    static func nearby(_ query: ClassroomQuery, directory: ClassroomDirectory, renderer: PageRenderer, settings: PageSettings, parameters: QueryParameters) -> [Link] {
        guard let code = query.municipalities.first, let origin = directory.municipality(code) else { return [] }
        let listings = (try? directory.municipalities()) ?? []
        let candidates = listings.filter { $0.classroomCount > 0 && !query.municipalities.contains($0.municipality.code) }
        let distance = { (m: Municipality) in pow(m.latitude - origin.latitude, 2) + pow((m.longitude - origin.longitude) * cos(origin.latitude * .pi / 180), 2) }
        return candidates.sorted { distance($0.municipality) < distance($1.municipality) }.prefix(3).map { listing in
            Link(url: SitePath.search(parameters, changing: ["municipality": listing.municipality.code.rawValue, "page": nil]), labelHTML: renderer.data(listing.municipality.name, settings))
        }
    }
}
