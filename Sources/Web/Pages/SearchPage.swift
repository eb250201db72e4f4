import Classroom
import Curriculum
import Foundation
import JapaneseText
import Mustache

/// Everything `search.mustache` prints. HTML fields (`…HTML`, `t`) are escaped already; the rest the
/// template escapes.
struct SearchPage {
    typealias Option = PageOption
    typealias Link = PageLink

    /// One classroom in the results.
    struct Result: MustacheParent {
        var url: String
        var nameHTML: String
        var municipalityHTML: String
        var nextSessionHTML: String
        /// Upcoming one-off dates (a class found through one shows it), as HTML lines.
        var oneOffHTML: [String]
        var levels: String
        var languagesHTML: String
        var feeHTML: String
        var childcare: Bool
        var sample: Bool
        var outOfDateHTML: String?

        func child(named name: String) -> Any? {
            switch name {
            case "url": url
            case "nameHTML": nameHTML
            case "municipalityHTML": municipalityHTML
            case "nextSessionHTML": nextSessionHTML
            case "oneOffHTML": oneOffHTML
            case "hasOneOff": !oneOffHTML.isEmpty
            case "levels": levels
            case "languagesHTML": languagesHTML
            case "feeHTML": feeHTML
            case "childcare": childcare
            case "sample": sample
            case "outOfDateHTML": outOfDateHTML
            default: nil
            }
        }
    }

    var chrome: PageChrome
    /// How many of the filters folded under "More filters" are set, as HTML; nil when none.
    var moreChosenHTML: String?
    var q: String
    var suggestURL = SiteURL.api(.suggest).path
    var municipalities: [Option]
    var weekdays: [Option]
    var times: [Option]
    /// The explicit from–to window, as the time inputs show it (HH:MM or empty).
    var from: String
    var to: String
    var levels: [Option]
    var languages: [Option]
    var formats: [Option]
    var free: Bool
    var childcare: Bool
    var accepting: Bool
    var countHTML: String
    var results: [Result]
    var nearby: [Link]
    /// "Page 2 of 8", when there is more than one page.
    var positionHTML: String?
    var previous: Link?
    var next: Link?
}

extension SearchPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "moreChosenHTML": moreChosenHTML
        case "q": q
        case "suggestURL": suggestURL
        case "municipalities": municipalities
        case "weekdays": weekdays
        case "times": times
        case "from": from
        case "to": to
        case "levels": levels
        case "languages": languages
        case "formats": formats
        case "free": free
        case "childcare": childcare
        case "accepting": accepting
        case "countHTML": countHTML
        case "results": results
        case "isEmpty": results.isEmpty
        case "nearby": nearby
        case "hasNearby": !nearby.isEmpty
        case "positionHTML": positionHTML
        case "previous": previous
        case "next": next
        default: chrome.child(named: name)
        }
    }
}

extension SearchPage {
    /// Most one-off dates shown under one result; the classroom page lists them all.
    static let oneOffShown = 3

    /// Builds the page from the query the learner sent and what the controller found: one page of hits,
    /// every municipality for the filter (in the order the reader scans: gojūon in Japanese, romaji
    /// otherwise), and (for an empty result) the nearest municipalities with classes.
    init(
        query: ClassroomQuery, parameters: QueryParameters, page hits: Page<SearchHit>, nearby nearbyMunicipalities: [Municipality],
        municipalities listings: [MunicipalityListing], renderer: PageRenderer, settings: PageSettings, now: TokyoDateTime,
        freshness: FreshnessPolicy
    ) {
        let lang = settings.language
        let selfURL = { (changes: [String: String?]) -> String in SiteURL.search.url(keeping: parameters, changing: changes) }
        chrome = PageChrome(
            title: renderer.catalog.text("search.heading", lang), renderer: renderer, settings: settings,
            languageURL: { selfURL(["lang": $0.rawValue, "page": nil]) }, furiganaURL: { selfURL(["furigana": $0 ? "on" : "off"]) }
        )
        chrome.skipToResults = true
        q = query.text ?? ""
        municipalities = listings.map { listing in
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
        moreChosenHTML = Self.foldedFiltersHTML(query, time: times.first(where: \.selected), from: from, to: to, renderer: renderer, settings: settings)
        free = query.freeOnly
        childcare = query.childcareOnly
        accepting = query.acceptingOnly
        countHTML = renderer.text("results.count", settings, ["count": String(hits.total)])
        results = hits.items.map { hit in
            let c = hit.classroom
            return Result(
                url: SiteURL.classroom(.value(c.id)).url([("lang", lang.rawValue)]), nameHTML: renderer.data(c.name, settings),
                municipalityHTML: renderer.municipality(hit.municipality, settings),
                nextSessionHTML: hit.nextSession.map { renderer.session($0, settings) } ?? renderer.text("results.none_scheduled", settings),
                oneOffHTML: c.schedule.upcomingOneOff(after: now).prefix(Self.oneOffShown).map { renderer.session($0, settings) },
                levels: c.levels.map(\.label).joined(separator: ", "), languagesHTML: renderer.languageNames(c.languages, settings),
                feeHTML: c.isFree ? renderer.text("results.free", settings) : renderer.text("results.fee", settings, ["yen": String(c.feeYen)]),
                childcare: c.childcare, sample: c.isSample,
                outOfDateHTML: renderer.outOfDateNote(c, freshness: freshness, today: now.date, settings)
            )
        }
        nearby = nearbyMunicipalities.map { m in
            Link(url: selfURL(["municipality": m.code.rawValue, "page": nil]), labelHTML: renderer.municipality(m, settings))
        }
        let pageNumber = query.offset / max(query.limit, 1) + 1
        let pages = (hits.total + max(query.limit, 1) - 1) / max(query.limit, 1)
        positionHTML = pages > 1 ? renderer.text("pager.position", settings, ["page": String(pageNumber), "pages": String(pages)]) : nil
        previous = pageNumber > 1 ? Link(url: selfURL(["page": String(pageNumber - 1)]), labelHTML: renderer.text("pager.previous", settings)) : nil
        next = query.offset + query.limit < hits.total ? Link(url: selfURL(["page": String(pageNumber + 1)]), labelHTML: renderer.text("pager.next", settings)) : nil
    }

    /// The filters folded under "More filters" that are set, named (e.g. "A1, Free classes only"), so the
    /// results page says why classes are missing; nil when none is set.
    static func foldedFiltersHTML(_ query: ClassroomQuery, time: Option?, from: String, to: String, renderer: PageRenderer, settings: PageSettings) -> String? {
        let lang = settings.language
        let window = [from, to].contains { !$0.isEmpty } ? "\(from)–\(to)" : nil
        let chosen: [String] =
            [time.map { renderer.catalog.text("search.time.\($0.value)", lang) }, window].compactMap { $0 }
            + Level.allCases.filter(query.levels.contains).map(\.label)
            + query.languages.sorted { $0.rawValue < $1.rawValue }.map { renderer.languageName($0, lang) }
            + [
                query.format.map { renderer.catalog.text("search.format.\($0.rawValue)", lang) },
                query.freeOnly ? renderer.catalog.text("search.free", lang) : nil,
                query.childcareOnly ? renderer.catalog.text("search.childcare", lang) : nil,
                query.acceptingOnly ? renderer.catalog.text("search.accepting", lang) : nil,
            ].compactMap { $0 }
        return chosen.isEmpty ? nil : renderer.html(chosen.joined(separator: lang == .ja ? "、" : ", "), settings)
    }
}
