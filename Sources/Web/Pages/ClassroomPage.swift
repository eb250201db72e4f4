import Classroom
import Curriculum
import Foundation
import JapaneseText
import Mustache

/// Everything `classroom.mustache` prints about one classroom.
struct ClassroomPage {
    /// One line of the facts list (label and value as HTML).
    struct Fact: MustacheParent {
        var labelHTML: String
        var valueHTML: String

        func child(named name: String) -> Any? {
            switch name {
            case "labelHTML": labelHTML
            case "valueHTML": valueHTML
            default: nil
            }
        }
    }

    typealias Link = PageLink

    var chrome: PageChrome
    var nameHTML: String
    var sample: Bool
    var organiserHTML: String
    var scheduleHTML: [String]
    var upcomingHTML: [String]
    var facts: [Fact]
    var mapURL: String?
    var notAccepting: Bool
    var alternatives: [Link]
    var calendarURL: String
    var lastConfirmedHTML: String
    /// Said near the top when nobody has confirmed the listing for ``FreshnessPolicy/staleAfterDays``.
    var outOfDateHTML: String?
    var id: Classroom.ID
    /// Only a published listing has a calendar and a report form; a teacher's preview of a draft links to neither.
    var published: Bool
    /// schema.org Course with its CourseInstance, as JSON-LD (escaped for a `<script>` element).
    var jsonLD: String
}

extension ClassroomPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "nameHTML": nameHTML
        case "sample": sample
        case "organiserHTML": organiserHTML
        case "scheduleHTML": scheduleHTML
        case "upcomingHTML": upcomingHTML
        case "hasUpcoming": !upcomingHTML.isEmpty
        case "facts": facts
        case "mapURL": mapURL
        case "notAccepting": notAccepting
        case "alternatives": alternatives
        case "hasAlternatives": !alternatives.isEmpty
        case "calendarURL": calendarURL
        case "lastConfirmedHTML": lastConfirmedHTML
        case "outOfDateHTML": outOfDateHTML
        case "published": published
        case "reportURL": SiteURL.classroomReport(.value(id)).url([("lang", chrome.htmlLang)])
        case "jsonLD": jsonLD
        default: chrome.child(named: name)
        }
    }
}

extension ClassroomPage {
    /// Builds the page of `c` with what the controller found for it: `alternatives` are the nearby classes
    /// to offer when this one is not accepting learners.
    init(
        _ c: Classroom, municipality m: Municipality, alternatives: [(classroom: Classroom, municipality: Municipality)],
        renderer: PageRenderer, settings: PageSettings, now: TokyoDateTime, freshness: FreshnessPolicy
    ) {
        let lang = settings.language
        let page = SiteURL.classroom(.value(c.id))
        chrome = PageChrome(
            title: c.name, renderer: renderer, settings: settings,
            languageURL: { page.url([("lang", $0.rawValue)]) }, furiganaURL: { page.url([("lang", "ja"), ("furigana", $0 ? "on" : "off")]) }
        )
        nameHTML = renderer.data(c.name, settings)
        id = c.id
        published = c.status == .published
        sample = c.isSample
        organiserHTML = renderer.data(c.organiser, settings)
        scheduleHTML = Self.schedule(c.schedule, now: now, renderer: renderer, settings: settings)
        upcomingHTML = c.schedule.upcomingSessions(after: now, count: 4).map { renderer.session($0, settings) }
        let yes = renderer.text("classroom.yes", settings), no = renderer.text("classroom.no", settings)
        var facts = [
            Fact(labelHTML: renderer.text("search.municipality.label", settings), valueHTML: renderer.municipality(m, settings)),
            Fact(labelHTML: renderer.text("classroom.address", settings), valueHTML: renderer.data([c.venue, c.address].compactMap { $0 }.joined(separator: "　"), settings)),
            Fact(labelHTML: renderer.text("search.format.label", settings), valueHTML: renderer.text("search.format.\(c.format.rawValue)", settings)),
            Fact(labelHTML: renderer.text("results.levels", settings), valueHTML: HTML.escape(c.levels.map(\.label).joined(separator: ", "))),
            Fact(labelHTML: renderer.text("results.languages", settings), valueHTML: renderer.languageNames(c.languages, settings)),
            Fact(
                labelHTML: renderer.text("classroom.fee", settings),
                valueHTML: (c.isFree ? renderer.text("results.free", settings) : renderer.text("results.fee", settings, ["yen": String(c.feeYen)]))
                    + (c.materialsYen.map { $0 > 0 ? " / " + renderer.text("classroom.materials", settings, ["yen": String($0)]) : "" } ?? "")
            ),
            Fact(labelHTML: renderer.text("classroom.childcare", settings), valueHTML: c.childcare ? yes : no),
        ]
        // Wheelchair access says nothing about a class held online.
        if c.format != .online {
            facts.append(Fact(labelHTML: renderer.text("classroom.accessibility", settings), valueHTML: c.wheelchairAccessible ? yes : no))
        }
        if let eligibility = c.eligibility { facts.append(Fact(labelHTML: renderer.text("classroom.eligibility", settings), valueHTML: renderer.data(eligibility, settings))) }
        let contact = Self.contactHTML(c.contact)
        if !contact.isEmpty { facts.append(Fact(labelHTML: renderer.text("classroom.contact", settings), valueHTML: contact)) }
        self.facts = facts
        if let lat = c.latitude, let lon = c.longitude {
            mapURL = "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=17/\(lat)/\(lon)"
        } else {
            mapURL = nil
        }
        notAccepting = !c.accepting
        self.alternatives = alternatives.map { other in
            Link(
                url: SiteURL.classroom(.value(other.classroom.id)).url([("lang", lang.rawValue)]),
                labelHTML: renderer.data("\(other.classroom.name)（\(other.municipality.name)）", settings)
            )
        }
        calendarURL = SiteURL.classroomCalendar(.value(c.id)).path
        lastConfirmedHTML = renderer.text("classroom.last_confirmed", settings, ["date": renderer.dayText(c.lastConfirmed, lang)])
        outOfDateHTML = renderer.outOfDateNote(c, freshness: freshness, today: now.date, settings)
        jsonLD = Self.jsonLD(c, municipality: m, now: now)
    }

    /// The schedule in plain words: each weekly slot that has not ended (with "from" when it starts later
    /// and "until" when it ends), then the one-off dates still to come; a sentence when there is nothing.
    static func schedule(_ schedule: Schedule, now: TokyoDateTime, renderer: PageRenderer, settings: PageSettings) -> [String] {
        let lang = settings.language
        let today = now.date
        var lines: [String] = schedule.weekly.filter { ($0.validUntil ?? today) >= today }.map { slot in
            var line = renderer.catalog.text("classroom.weekly", lang, [
                "weekday": renderer.catalog.text("weekday.\(slot.weekday.code)", lang), "start": slot.start.description, "end": slot.end.description,
            ])
            var limits: [String] = []
            if let from = slot.validFrom, from > today { limits.append(renderer.catalog.text("classroom.from", lang, ["date": renderer.dayText(from, lang)])) }
            if let until = slot.validUntil { limits.append(renderer.catalog.text("classroom.until", lang, ["date": renderer.dayText(until, lang)])) }
            if !limits.isEmpty { line += lang == .ja ? "（\(limits.joined(separator: "、"))）" : " (\(limits.joined(separator: ", ")))" }
            return renderer.html(line, settings)
        }
        lines += schedule.upcomingOneOff(after: now).map { once in
            renderer.text("classroom.once", settings, ["session": renderer.sessionText(once, lang)])
        }
        guard !lines.isEmpty else { return [renderer.text("classroom.no_schedule", settings)] }
        // Days with no class still to come, with the teacher's reason (data text, so marked Japanese elsewhere).
        lines += schedule.cancellations.filter { $0 >= today }.map { date in
            let line = renderer.text("classroom.no_class", settings, ["date": renderer.dayText(date, lang)])
            guard let reason = schedule.cancellationReasons[date] else { return line }
            return line + (lang == .ja ? "（\(renderer.data(reason, settings))）" : " (\(renderer.data(reason, settings)))")
        }
        return lines
    }

    /// Contact details as links a phone can follow: the web page (http and https only, so a `javascript:`
    /// URL in the data can never become a link), `mailto:` and `tel:`. Anything else stays text.
    static func contactHTML(_ contact: Classroom.Contact) -> String {
        var lines: [String] = []
        if let url = contact.url {
            let lower = url.lowercased()
            let safe = (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !url.contains(where: { $0.isWhitespace })
            lines.append(safe ? "<a href=\"\(HTML.escape(url))\" rel=\"noopener\">\(HTML.escape(url))</a>" : HTML.escape(url))
        }
        if let email = contact.email {
            let safe = email.filter { $0 == "@" }.count == 1 && !email.contains(where: { $0.isWhitespace || "<>\"'?&:/".contains($0) })
            lines.append(safe ? "<a href=\"mailto:\(HTML.escape(email))\">\(HTML.escape(email))</a>" : HTML.escape(email))
        }
        if let phone = contact.phone {
            let dial = phone.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
            lines.append(dial.count >= 3 ? "<a href=\"tel:\(dial)\">\(HTML.escape(phone))</a>" : HTML.escape(phone))
        }
        return lines.joined(separator: "<br>")
    }

    static func jsonLD(_ c: Classroom, municipality m: Municipality, now: TokyoDateTime) -> String {
        var instance: [String: Any] = [
            "@type": "CourseInstance", "courseMode": c.format == .online ? "online" : c.format == .hybrid ? "blended" : "onsite",
            "location": c.format == .online
                ? ["@type": "VirtualLocation", "name": c.venue] as [String: Any]
                : ["@type": "Place", "name": c.venue, "address": c.address ?? "東京都\(m.name)"],
            "courseSchedule": c.schedule.weekly.map { slot in
                ["@type": "Schedule", "repeatFrequency": "P1W", "byDay": "https://schema.org/\(slot.weekday.englishName)",
                 "startTime": "\(slot.start):00+09:00", "endTime": "\(slot.end):00+09:00", "scheduleTimezone": "Asia/Tokyo"]
            },
            "offers": ["@type": "Offer", "price": c.feeYen, "priceCurrency": "JPY", "category": c.isFree ? "Free" : "Paid"],
        ]
        if let next = c.schedule.upcomingSessions(after: now, count: 1).first { instance["startDate"] = next.startISO8601 }
        let course: [String: Any] = [
            "@context": "https://schema.org", "@type": "Course", "name": c.name, "inLanguage": "ja",
            "description": (c.isSample ? "Sample data, not a real classroom. " : "") + "Japanese class (\(c.levels.map(\.label).joined(separator: ", ")))",
            "provider": ["@type": "Organization", "name": c.organiser], "hasCourseInstance": [instance],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: course, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        // Inside <script>, only "</" can end the element early; escape "<" entirely to be safe.
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
