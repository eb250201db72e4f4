import Classroom
import Foundation
import Storage
import HTTPTypes
import Hummingbird
import Testing
import TestSupport

@testable import Web

@Suite("Learner pages")
struct PageTests {
    func html(_ app: TestApp, _ uri: String, headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, text: String) {
        try await app.page(uri, headers: headers)
    }

    @Test func searchPageListsFilteredClassesWithSampleMarks() async throws {
        let app = try await TestApp.seeded()
        let page = try await html(app, "/?municipality=131041&weekday=sat&level=a1&lang=en")
        #expect(page.status == .ok)
        #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        #expect(page.text.contains("<html lang=\"en\">"))
        #expect(page.text.contains("土曜日本語クラブ 新宿"))
        #expect(page.text.contains("class=\"sample\""))
        #expect(page.text.contains("/classrooms/10?lang=en"))
        #expect(page.text.utf8.count < 60_000)
    }

    @Test func japanesePagesHaveFuriganaUnlessTurnedOff() async throws {
        let app = try await TestApp.seeded()
        let on = try await html(app, "/?municipality=132195&lang=ja")
        #expect(on.text.contains("<ruby>狛江<rt>こまえ</rt></ruby>"))
        // Dates read as dates: 年 ねん, 月 がつ, and 1日 ついたち over the whole "1日".
        #expect(on.text.contains("2026<ruby>年<rt>ねん</rt></ruby>1<ruby>月<rt>がつ</rt></ruby><ruby>1日<rt>ついたち</rt></ruby>"))
        let off = try await html(app, "/?municipality=132195&lang=ja&furigana=off")
        #expect(!off.text.contains("<ruby>"))
        #expect(off.headers[values: .setCookie].contains { $0.hasPrefix("furigana=off") })
        // The cookie is remembered on the next request.
        let later = try await html(app, "/?municipality=132195", headers: [.cookie: "furigana=off; lang=ja"])
        #expect(!later.text.contains("<ruby>"))
    }

    @Test func languageComesFromQueryCookieOrAcceptLanguage() async throws {
        let app = try await TestApp.seeded()
        let chosen = try await html(app, "/?lang=vi")
        #expect(chosen.text.contains("<html lang=\"vi\">"))
        #expect(chosen.headers[values: .setCookie].contains { $0.hasPrefix("lang=vi") })
        let cookie = try await html(app, "/", headers: [.cookie: "lang=ko"])
        #expect(cookie.text.contains("<html lang=\"ko\">"))
        let accept = try await html(app, "/", headers: [.acceptLanguage: "ne-NP,ne;q=0.9,en;q=0.5"])
        #expect(accept.text.contains("<html lang=\"ne\">"))
        let fallback = try await html(app, "/", headers: [.acceptLanguage: "fr-FR"])
        #expect(fallback.text.contains("<html lang=\"ja\">"))
    }

    @Test func classroomPageHasScheduleMapCalendarAndJSONLD() async throws {
        let app = try await TestApp.seeded()
        let page = try await html(app, "/classrooms/10?lang=en")
        #expect(page.status == .ok)
        #expect(page.text.contains("openstreetmap.org/?mlat="))
        #expect(page.text.contains("/classrooms/10/calendar.ics"))
        #expect(page.text.contains("\"@type\":\"Course\""))
        #expect(page.text.contains("Saturday"))
        #expect(page.text.components(separatedBy: "</li>").count > 4)
    }

    @Test func errorPagesSpeakTheLearnersLanguage() async throws {
        let app = try await TestApp.seeded()
        let missing = try await html(app, "/classrooms/999999?lang=en")
        #expect(missing.status == .notFound)
        #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
        #expect(missing.text.contains("<html lang=\"en\">"))
        let bad = try await html(app, "/?weekday=funday&lang=en")
        #expect(bad.status == .badRequest)
        #expect(bad.text.contains("weekday"))
        #expect(!bad.text.contains("Problem("))
    }

    @Test func userTextIsEscapedAndHeadersAreSafe() async throws {
        let app = try await TestApp.seeded()
        let csv = Fixtures.csv([Fixtures.row(id: 9100, ["name": "<script>alert(1)</script>", "name_kana": "すくりぷと"])])
        try await app.services.classrooms.importCSV(Data(csv.utf8), by: .commandLine)
        for uri in ["/?q=\(enc("<script>"))&lang=en", "/classrooms/9100?lang=en", "/classrooms/9100?lang=ja"] {
            let page = try await html(app, uri)
            #expect(page.status == .ok, "\(uri)")
            #expect(!page.text.contains("<script>alert(1)</script>"), "\(uri)")
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
        }
    }

    @Test func everyLanguageHasEveryString() throws {
        let catalog = try StringCatalog.load()
        // Learner pages speak all six languages; teacher and staff pages (keys `work.…`) Japanese and English.
        let all = Set(catalog.strings[.en]!.keys)
        let workKeys = all.filter { $0.hasPrefix("work.") }
        #expect(workKeys.count > 100)
        #expect(Set(catalog.strings[.ja]!.keys.filter { $0.hasPrefix("work.") }) == workKeys)
        let keys = all.subtracting(workKeys)
        #expect(keys.count > 50)
        for language in UILanguage.allCases {
            let own = Set(catalog.strings[language]?.keys.filter { !$0.hasPrefix("work.") } ?? [])
            #expect(own == keys, "\(language): missing \(keys.subtracting(own).sorted()), extra \(own.subtracting(keys).sorted())")
            #expect(catalog.strings[language]?.values.allSatisfy { !$0.isEmpty } == true)
            // A translation must keep every {placeholder}, or the page would print a blank.
            for (key, english) in catalog.strings[.en]! where language == .ja || !key.hasPrefix("work.") {
                let wanted = Set(english.matches(of: /\{[a-z_]+\}/).map { String($0.0) })
                let own = Set((catalog.strings[language]?[key] ?? "").matches(of: /\{[a-z_]+\}/).map { String($0.0) })
                // Date formats may pick among the date's parts, as each language writes dates its own way.
                let dateParts: Set<String> = ["{year}", "{month}", "{day}", "{mm}", "{dd}", "{weekday}", "{start}", "{end}"]
                #expect(key.hasPrefix("date.") ? own.isSubset(of: dateParts) : own == wanted, "\(language) \(key)")
            }
        }
    }
}

@Suite("Compression")
struct CompressionTests {
    @Test func pagesAndJSONAreGzippedWhenAccepted() async throws {
        let app = try await TestApp.seeded()
        for uri in ["/?lang=en", "/api/v1/classrooms?limit=50", "/static/site.css"] {
            let plain = try await app.app.test(.router) { client in
                try await client.execute(uri: uri, method: .get) { ($0.headers, $0.body) }
            }
            let gzipped = try await app.app.test(.router) { client in
                try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip, deflate, br"]) { ($0.headers, $0.body) }
            }
            #expect(plain.0[.contentEncoding] == nil, "\(uri)")
            #expect(gzipped.0[.contentEncoding] == "gzip", "\(uri)")
            #expect(gzipped.0[.vary]?.contains("Accept-Encoding") == true, "\(uri)")
            #expect(plain.0[.vary]?.contains("Accept-Encoding") == true, "\(uri): caches must know either answer depends on it")
            #expect(Array(gzipped.1.readableBytesView.prefix(2)) == [0x1F, 0x8B], "\(uri): gzip magic")
            #expect(gzipped.1.readableBytes * 2 < plain.1.readableBytes, "\(uri): \(gzipped.1.readableBytes) vs \(plain.1.readableBytes)")
        }
        let refused = try await app.app.test(.router) { client in
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.acceptEncoding: "gzip;q=0"]) { $0.headers }
        }
        #expect(refused[.contentEncoding] == nil)
    }
}

@Suite("Not found")
struct NotFoundTests {
    @Test func unknownPathsOutsideTheAPIGetAPageInTheLearnersLanguage() async throws {
        let app = try await TestApp.seeded()
        for (uri, lang, words) in [("/nothing-here?lang=en", "en", "Page not found"), ("/classrooms/10/extra", "ja", "<title>"), ("/about/%E3%81%82?lang=ko", "ko", "<h1>")] {
            let page = try await app.page(uri)
            #expect(page.status == .notFound, "\(uri)")
            #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
            #expect(page.text.contains("<html lang=\"\(lang)\">"), "\(uri)")
            #expect(page.text.contains(words), "\(uri)")
        }
        // A page in the language the cookie remembers.
        let remembered = try await app.page("/missing", headers: [.cookie: "lang=vi"])
        #expect(remembered.text.contains("<html lang=\"vi\">"))
    }

    @Test func unknownAPIPathsKeepProblemDocuments() async throws {
        let app = try await TestApp.seeded()
        for uri in ["/api/v1/nothing", "/api/v2/classrooms", "/api", "/municipalities/999999/calendar.ics"] {
            let response = try await app.get(uri)
            #expect(response.status == .notFound, "\(uri)")
            #expect(response.headers[.contentType] == "application/problem+json", "\(uri)")
        }
    }
}

@Suite("Methods on pages")
struct PageMethodTests {
    @Test func otherMethodsOnPagesAre405WithAllow() async throws {
        let app = try await TestApp.seeded()
        for (uri, method) in [("/", HTTPRequest.Method.post), ("/classrooms/10", .put), ("/static/site.css", .delete)] {
            let response = try await app.get(uri, method: method)
            #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
            #expect(response.headers[.allow] == "GET, HEAD", "\(method) \(uri)")
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        }
        #expect(try await app.get("/", method: .head).status == .ok)
    }
}
