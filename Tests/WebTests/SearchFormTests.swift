import Classroom
import Foundation
import HTTPTypes
import Testing

@testable import Web

@Suite("Search page filters and wording")
struct SearchFormTests {
    /// The number in "Classes found: N".
    func count(_ html: String) throws -> Int {
        let match = try #require(html.firstMatch(of: /Classes found: (\d+)/))
        return Int(match.1)!
    }

    @Test func fromToWindowMatchesTheAPIAndNarrowsAPartOfTheDay() async throws {
        let app = try await TestApp.seeded()
        let cases = [
            ("from=18:00", "from=18:00"),
            ("from=09:00&to=11:00", "from=09:00&to=11:00"),
            ("time=evening&to=19:00", "from=17:00&to=19:00"),
            ("time=afternoon&from=15:00", "from=15:00&to=17:00"),
            ("time=morning&weekday=sun", "to=12:00&weekday=sun"),
        ]
        for (page, api) in cases {
            let html = try await app.page("/?lang=en&\(page)")
            #expect(html.status == .ok, "\(page)")
            let expected = try await app.json("/api/v1/classrooms?\(api)&limit=1")["total"] as? Int
            #expect(try count(html.text) == expected, "\(page) vs \(api)")
        }
        let shown = try await app.page("/?lang=en&from=18:30&to=21:00")
        #expect(shown.text.contains("id=\"from\" name=\"from\" type=\"time\" value=\"18:30\""))
        #expect(shown.text.contains("id=\"to\" name=\"to\" type=\"time\" value=\"21:00\""))
    }

    @Test func windowsThatCannotMeetAreExplainedNotEmpty() async throws {
        let app = try await TestApp.seeded()
        for uri in ["/?lang=en&time=morning&from=13:00", "/?lang=en&from=20:00&to=19:00", "/?lang=en&from=25:00", "/?lang=en&time=night"] {
            let page = try await app.page(uri)
            #expect(page.status == .badRequest, "\(uri)")
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("Please check your choices"), "\(uri)")
        }
    }

    @Test func languagesAreNamedForTheReader() async throws {
        let app = try await TestApp.seeded()
        let english = try await app.page("/classrooms/10?lang=en")
        let japanese = try await app.page("/classrooms/10?lang=ja&furigana=off")
        let vietnamese = try await app.page("/classrooms/10?lang=vi")
        let record = try await app.json("/api/v1/classrooms/10")
        let tags = try #require(record["languages"] as? [String])
        #expect(!tags.isEmpty)
        for tag in tags {
            let code = try #require(LanguageTag(tag))
            let language = try #require(SupportLanguage.named(code))
            #expect(english.text.contains(language.english), "\(tag)")
            #expect(japanese.text.contains(language.japanese), "\(tag)")
            #expect(vietnamese.text.contains("<span lang=\"\(tag)\">\(language.endonyms[0])</span>"), "\(tag)")
        }
        // Result lists use the same names.
        let list = try await app.page("/?lang=en&language=vi")
        #expect(list.text.contains("Vietnamese"))
        #expect(!list.text.contains("<dd>vi"))
    }

    @Test func japaneseDataIsMarkedAsJapaneseOnOtherPages() async throws {
        let app = try await TestApp.seeded()
        for lang in ["en", "zh-Hans", "ko", "vi", "ne"] {
            let page = try await app.page("/classrooms/10?lang=\(lang)")
            #expect(page.text.contains("<h1><span lang=\"ja\">土曜日本語クラブ 新宿</span></h1>"), "\(lang)")
            #expect(page.text.contains("<dd>Shinjuku-ku (<span lang=\"ja\">新宿区</span>)</dd>"), "\(lang)")
            let list = try await app.page("/?lang=\(lang)&municipality=131041")
            #expect(list.text.contains("<dd>Shinjuku-ku (<span lang=\"ja\">新宿区</span>)</dd>"), "\(lang)")
        }
        // On Japanese pages the whole page is Japanese already: furigana, no extra marks.
        let japanese = try await app.page("/classrooms/10?lang=ja")
        #expect(!japanese.text.contains("<span lang=\"ja\">"))
        #expect(japanese.text.contains("<ruby>新宿<rt>しんじゅく</rt></ruby>"))
    }

    @Test func pagerSaysWhereTheLearnerIsAndWalksEveryResultOnce() async throws {
        let app = try await TestApp.seeded()
        let first = try await app.page("/?lang=en&level=a1")
        let total = try count(first.text)
        let pages = (total + 19) / 20
        #expect(pages > 2)
        var seen: [String] = []
        for number in 1...pages {
            let page = try await app.page("/?lang=en&level=a1&page=\(number)")
            #expect(page.text.contains("<nav class=\"pager\" aria-label=\"Pages of results\">"))
            #expect(page.text.contains("Page \(number) of \(pages)"))
            #expect(page.text.contains("rel=\"prev\"") == (number > 1))
            #expect(page.text.contains("rel=\"next\"") == (number < pages))
            seen += page.text.matches(of: /href="\/classrooms\/(\d+)\?lang=en"/).map { String($0.1) }
        }
        #expect(seen.count == total)
        #expect(Set(seen).count == total)
        // One page only: no pager at all.
        let single = try await app.page("/?lang=en&municipality=131041&weekday=sat&level=a1")
        #expect(!single.text.contains("class=\"pager\""))
    }

    @Test func sharedLinksWithTrackingParametersStillWork() async throws {
        let app = try await TestApp.seeded()
        for uri in ["/?lang=en&fbclid=abc123&utm_source=line", "/classrooms/10?lang=en&utm_campaign=x", "/classrooms/10/calendar.ics?lang=en"] {
            let page = try await app.page(uri)
            #expect(page.status == .ok, "\(uri)")
        }
        // The pager and language links do not carry them on.
        let page = try await app.page("/?lang=en&fbclid=abc123")
        #expect(!page.text.contains("fbclid"))
        // A known parameter with a bad value is still explained.
        #expect(try await app.page("/?lang=en&weekday=someday&fbclid=1").status == .badRequest)
    }

    @Test func aPagePastTheEndGoesToTheLastPage() async throws {
        let app = try await TestApp.seeded()
        let total = try count(try await app.page("/?lang=en&level=a1").text)
        let response = try await app.get("/?lang=en&level=a1&page=500")
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/?lang=en&level=a1&page=\((total + 19) / 20)")
        // Past the end of a single page: back to the first, without a page number.
        let single = try await app.get("/?lang=en&municipality=131041&weekday=sat&level=a1&page=3")
        #expect(single.headers[.location] == "/?lang=en&municipality=131041&weekday=sat&level=a1")
    }

    @Test func textThatSaysNothingFindsNothing() async throws {
        let app = try await TestApp.seeded()
        let all = try count(try await app.page("/?lang=en").text)
        for q in ["😀", "。", "・・・", "%", "*", "〜"] {
            let page = try await app.page("/?lang=en&q=\(enc(q))")
            #expect(try count(page.text) == 0, "\(q)")
        }
        // Folding long vowels away must not turn a few repeated kana into a match for everything.
        for q in ["ああ", "あああああ", "oo", "ii", "おお"] {
            let found = try count(try await app.page("/?lang=en&q=\(enc(q))").text)
            #expect(found < all / 4, "\(q): \(found) of \(all)")
        }
        let suggestions = try await app.json("/api/v1/suggest?q=\(enc("おお"))").items.compactMap { $0["label"] as? String }
        #expect(!suggestions.contains("小笠原村"), "\(suggestions)")
        #expect(suggestions.contains("大田区"), "\(suggestions)")
        #expect(try await app.json("/api/v1/municipalities?q=\(enc("😀"))").items.isEmpty)
        #expect(try await app.json("/api/v1/municipalities?q=%20").items.count == 62)
    }

    @Test func acceptLanguageWeightsDecide() async throws {
        let app = try await TestApp.seeded()
        let cases = [
            ("en;q=0.1, ko;q=0.9", "ko"), ("ko;q=0, en", "en"), ("zh-TW, vi;q=0.8", "vi"), ("*", "ja"),
            ("fr, ne;q=0.5, en;q=0.4", "ne"), ("en;q=abc, vi;q=0.3", "vi"),
        ]
        for (header, expected) in cases {
            let page = try await app.page("/", headers: [.acceptLanguage: header])
            #expect(page.text.contains("<html lang=\"\(expected)\">"), "\(header)")
            #expect(page.headers[.vary]?.contains("Accept-Language") == true)
        }
    }

    @Test func errorDetailsAreMarkedAsEnglish() async throws {
        let app = try await TestApp.seeded()
        let page = try await app.page("/?lang=ja&page=0")
        #expect(page.status == .badRequest)
        #expect(page.text.contains("<html lang=\"ja\">"))
        #expect(page.text.contains("<p class=\"detail\" lang=\"en\">"))
    }
}
