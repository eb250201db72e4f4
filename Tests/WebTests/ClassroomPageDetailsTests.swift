import Classroom
import Foundation
import Storage
import Testing
import TestSupport

@testable import Web

@Suite("Classroom page details")
struct ClassroomPageDetailsTests {
    /// Saves classrooms made from fixture rows into the seeded test app.
    func save(_ rows: [[String: String]], in app: TestApp) async throws {
        try await app.services.classrooms.importCSV(Data(Fixtures.csv(rows).utf8), by: .commandLine)
    }

    @Test func scheduleSaysWhenSlotsStartAndEndAndListsOneOffDates() async throws {
        let app = try await TestApp.seeded()
        let today = TokyoDateTime.now.date
        let later = today.adding(days: 60), end = today.adding(days: 200), past = today.adding(days: -10)
        let once = today.adding(days: 9), gone = today.adding(days: -3)
        try await save([
            Fixtures.row(id: 9200, [
                "slots": "fri 19:00-20:30 \(later)..; sat 10:00-12:00 ..\(end); sun 10:00-11:00 ..\(past)",
                "one_off": "\(once) 13:00-15:00; \(gone) 13:00-15:00",
            ]),
            Fixtures.row(id: 9201, ["slots": "", "one_off": "\(gone) 13:00-15:00"]),
        ], in: app)
        let page = try await app.page("/classrooms/9200?lang=en")
        #expect(page.text.contains("Every Friday, 19:00–20:30 (from \(later))"))
        #expect(page.text.contains("Every Saturday, 10:00–12:00 (until \(end))"))
        #expect(!page.text.contains("Every Sunday"), "a slot that has ended is not a promise")
        #expect(page.text.contains("\(once), 13:00–15:00 (this date only)"))
        #expect(!page.text.contains("\(gone), 13:00"))
        let japanese = try await app.page("/classrooms/9200?lang=ja&furigana=off")
        #expect(japanese.text.contains("毎週金曜日 19:00〜20:30（\(later.year)年\(later.month)月\(later.day)日から）"))
        let empty = try await app.page("/classrooms/9201?lang=en")
        #expect(empty.text.contains("No dates announced yet."))
        #expect(empty.text.contains("No session scheduled"))
        #expect(!empty.text.contains("<ul></ul>"))
    }

    @Test func sessionDatesAreWrittenTheLanguagesWay() async throws {
        let app = try await TestApp.seeded()
        let page = try await app.page("/classrooms/10?lang=ja")
        // 11月28日（土曜日） with counter readings: 月 がつ, 日 にち (or a whole-unit reading such as 1日 ついたち).
        #expect(page.text.contains("<ruby>月<rt>がつ</rt></ruby>"))
        #expect(page.text.contains("（<ruby>土曜日<rt>どようび</rt></ruby>）"))
        #expect(page.text.firstMatch(of: /\d{4}-\d{2}-\d{2} \(/) == nil, "no ISO dates on Japanese pages")
        let english = try await app.page("/classrooms/10?lang=en")
        #expect(english.text.firstMatch(of: /Saturday \d{4}-\d{2}-\d{2}, 14:00–16:00/) != nil)
        #expect(english.text.contains("Details last confirmed on 20"))
    }

    @Test func contactDetailsAreLinksOnlyWhenSafe() {
        let links = ClassroomPage.contactHTML(.init(url: "https://example.org/a?b=1&c=2", email: "info@example.org", phone: "03-1234-5678"))
        #expect(links.contains("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener\">"))
        #expect(links.contains("<a href=\"mailto:info@example.org\">info@example.org</a>"))
        #expect(links.contains("<a href=\"tel:0312345678\">03-1234-5678</a>"))
        let unsafe = ClassroomPage.contactHTML(.init(url: "javascript:alert(1)", email: "a@b\"onmouseover=x@c", phone: "ask us"))
        #expect(!unsafe.contains("<a "))
        #expect(unsafe.contains("javascript:alert(1)"))
        #expect(!unsafe.contains("\"onmouseover"))
    }

    @Test func onlineClassesSkipWheelchairAndUseAVirtualLocation() async throws {
        let app = try await TestApp.seeded()
        try await save([
            Fixtures.row(id: 9210, ["format": "online", "venue": "オンライン", "wheelchair": "false", "languages": ""]),
        ], in: app)
        let page = try await app.page("/classrooms/9210?lang=en")
        #expect(!page.text.contains("Wheelchair access"))
        #expect(page.text.contains("\"@type\":\"VirtualLocation\""))
        #expect(page.text.contains("Japanese only"))
        let inPerson = try await app.page("/classrooms/10?lang=en")
        #expect(inPerson.text.contains("Wheelchair access"))
        #expect(inPerson.text.contains("\"@type\":\"Place\""))
    }
}
