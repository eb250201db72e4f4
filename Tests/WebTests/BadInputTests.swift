import Foundation
import Testing

@Suite("Bad parameters get problem documents, never a 500")
struct BadInputTests {
    @Test(arguments: [
        ("weekday=funday", "weekday"),
        ("from=25:00", "from"),
        ("to=12:60", "to"),
        ("weekday=", "weekday"),
        ("childcare=", "childcare"),
        ("limit=", "limit"),
        ("level=c9", "level"),
        ("limit=100000", "limit"),
        ("limit=0", "limit"),
        ("limit=abc", "limit"),
        ("offset=-1", "offset"),
        ("municipality=abc", "municipality"),
        ("municipality=139999", "municipality"),
        ("language=klingon%20please", "language"),
        ("format=radio", "format"),
        ("free=maybe", "free"),
        ("q=%FF%FE", "q"),
        ("q=%E6%96", "q"),
        ("q=%ZZ", "q"),
        ("q=a%00b", "q"),
        ("q=a&q=b", "q"),
        ("colour=red", "colour"),
        // The API takes what its document declares: true/false, repeated parameters, digits only.
        ("free=1", "free"),
        ("childcare=yes", "childcare"),
        ("accepting=on", "accepting"),
        ("municipality=131041,131130", "municipality"),
        ("weekday=sat,sun", "weekday"),
        ("limit=%205", "limit"),
    ])
    func classroomSearch(_ query: String, _ parameter: String) async throws {
        let app = try await TestApp.seeded()
        let body = try await app.problem("/api/v1/classrooms?\(query)")
        #expect(body["parameter"] as? String == parameter)
        #expect((body["detail"] as? String)?.contains(parameter) == true, "\(body)")
    }

    /// Pages keep what browsers and people send: a checkbox's "on", lists typed with commas.
    @Test func pagesStayLenientWhereTheAPIIsExact() async throws {
        let app = try await TestApp.seeded()
        #expect(try await app.page("/?lang=en&free=on&childcare=1&weekday=sat,sun").status == .ok)
        let repeated = try await app.json("/api/v1/classrooms?weekday=sat&weekday=sun&free=true&limit=1")
        #expect((repeated["total"] as? Int ?? 0) > 0)
    }

    @Test func aTenKilobyteQueryIsRefused() async throws {
        let app = try await TestApp.seeded()
        let long = String(repeating: "あ", count: 3_500)
        for path in ["/api/v1/classrooms", "/api/v1/municipalities", "/api/v1/suggest"] {
            let body = try await app.problem("\(path)?q=\(enc(long))")
            #expect(body["parameter"] as? String == "q")
        }
    }

    @Test func otherMethodsAre405WithAllow() async throws {
        let app = try await TestApp.seeded()
        let response = try await app.get("/api/v1/classrooms", method: .post)
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers[.allow]?.contains("GET") == true)
        #expect(response.headers[.contentType] == "application/problem+json")
    }

    @Test func furiganaInputLimits() async throws {
        let app = try await TestApp.seeded()
        _ = try await app.problem("/api/v1/furigana")
        _ = try await app.problem("/api/v1/furigana?text=\(enc(String(repeating: "漢", count: 2_001)))", status: .badRequest)
        _ = try await app.problem("/api/v1/furigana?text=%FF")
    }
}
