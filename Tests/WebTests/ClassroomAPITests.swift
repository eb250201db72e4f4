import Foundation
import Testing

@Suite("Classroom search API")
struct ClassroomAPITests {
    @Test func theAcceptanceQueryFindsSaturdayA1ClassesInShinjuku() async throws {
        // Given the seeded sample directory
        let app = try await TestApp.seeded()
        // When a learner searches Shinjuku, Saturday, A1
        let body = try await app.json("/api/v1/classrooms?municipality=131041&weekday=sat&level=a1")
        // Then every result matches all three and is marked as sample
        let items = body.items
        #expect(items.count >= 2)
        #expect(body["total"] as? Int == items.count)
        for item in items {
            #expect((item["municipality"] as? [String: Any])?["code"] as? String == "131041")
            #expect((item["levels"] as? [String])?.contains("a1") == true)
            #expect((item["slots"] as? [[String: Any]])?.contains { $0["weekday"] as? String == "sat" } == true)
            #expect(item["sample"] as? Bool == true)
            for key in ["id", "name", "name_kana", "organiser", "format", "fee_yen", "childcare", "languages", "next_session", "accepting", "last_confirmed"] {
                #expect(item.keys.contains(key), "missing \(key)")
            }
        }
    }

    @Test func everyFilterNarrowsToMatchingClassrooms() async throws {
        let app = try await TestApp.seeded()
        let all = try await app.json("/api/v1/classrooms?limit=100")
        let total = try #require(all["total"] as? Int)
        #expect(total > 100)
        #expect(all.items.count == 100)

        let checks: [(String, ([String: Any]) -> Bool)] = [
            ("free=true", { $0["fee_yen"] as? Int == 0 }),
            ("childcare=true", { $0["childcare"] as? Bool == true }),
            ("accepting=true", { $0["accepting"] as? Bool == true }),
            ("format=online", { $0["format"] as? String == "online" }),
            ("level=pre_a1&level=b1", { ($0["levels"] as? [String]).map { $0.contains("pre_a1") || $0.contains("b1") } ?? false }),
            ("language=vi", { ($0["languages"] as? [String])?.contains("vi") == true }),
            ("language=Vietnamese", { ($0["languages"] as? [String])?.contains("vi") == true }),
            ("language=%E3%83%99%E3%83%88%E3%83%8A%E3%83%A0%E8%AA%9E", { ($0["languages"] as? [String])?.contains("vi") == true }),
            ("weekday=sun", { ($0["slots"] as? [[String: Any]])?.contains { $0["weekday"] as? String == "sun" } == true }),
            ("from=18:00", { ($0["slots"] as? [[String: Any]])?.contains { ($0["end"] as? String ?? "") > "18:00" } == true }),
            ("to=10:00", { ($0["slots"] as? [[String: Any]])?.contains { ($0["start"] as? String ?? "") < "10:00" } == true }),
            // The two are separate conditions: to before from asks for slots spanning the gap (running 10:00–11:00).
            ("from=11:00&to=10:00", { ($0["slots"] as? [[String: Any]])?.contains { ($0["start"] as? String ?? "") < "10:00" && ($0["end"] as? String ?? "") > "11:00" } == true }),
            ("municipality=131211&municipality=131229", { ["131211", "131229"].contains(($0["municipality"] as? [String: Any])?["code"] as? String ?? "") }),
        ]
        for (filter, holds) in checks {
            let body = try await app.json("/api/v1/classrooms?limit=100&\(filter)")
            let count = try #require(body["total"] as? Int)
            #expect(count > 0 && count < total, "\(filter) gave \(count) of \(total)")
            #expect(body.items.allSatisfy(holds), "\(filter)")
        }
    }

    @Test func paginationWalksTheWholeListOnce() async throws {
        let app = try await TestApp.seeded()
        var seen: [Int] = []
        var offset = 0
        var total = 0
        repeat {
            let page = try await app.json("/api/v1/classrooms?limit=40&offset=\(offset)")
            total = try #require(page["total"] as? Int)
            seen += page.items.compactMap { $0["id"] as? Int }
            offset += 40
        } while offset < total
        #expect(seen.count == total)
        #expect(Set(seen).count == total)
        let beyond = try await app.json("/api/v1/classrooms?offset=100000")
        #expect(beyond.items.isEmpty && beyond["total"] as? Int == total)
    }

    @Test func defaultOrderIsByMunicipalityReadingThenStartTime() async throws {
        let app = try await TestApp.seeded()
        let body = try await app.json("/api/v1/classrooms?limit=100")
        let kana = body.items.compactMap { ($0["municipality"] as? [String: Any])?["kana"] as? String }
        // あきしま (昭島市) comes before あだち (足立区): gojūon, with the voiced だ after し as a reader expects.
        let firstSeen = kana.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        #expect(firstSeen.count == Set(firstSeen).count, "municipalities are grouped")
        #expect(firstSeen.first == "あきしまし")
    }

    @Test func freeTextUsesTheJapaneseEngine() async throws {
        let app = try await TestApp.seeded()
        for q in ["新宿", "しんじゅく", "シンジュク", "ｼﾝｼﾞｭｸ", "Shinjuku", "SHINJUKU", "Ｓｈｉｎｊｕｋｕ", "shinjuku-ku"] {
            let body = try await app.json("/api/v1/classrooms?q=\(enc(q))")
            #expect((body["total"] as? Int ?? 0) >= 5, "\(q)")
            #expect(body.items.first.flatMap { ($0["municipality"] as? [String: Any])?["code"] as? String } == "131041", "\(q)")
        }
        // A classroom's own name ranks first.
        let named = try await app.json("/api/v1/classrooms?q=\(enc("土曜日本語クラブ 新宿"))")
        #expect(named.items.first?["id"] as? Int == 10)
        let none = try await app.json("/api/v1/classrooms?q=zzzzqqq")
        #expect(none["total"] as? Int == 0 && none.items.isEmpty)
    }

    @Test func oneClassroomAndNotFound() async throws {
        let app = try await TestApp.seeded()
        let body = try await app.json("/api/v1/classrooms/10")
        #expect(body["name"] as? String == "土曜日本語クラブ 新宿")
        let schedule = try #require(body["schedule"] as? [String: Any])
        #expect((schedule["weekly"] as? [Any])?.isEmpty == false)
        #expect((schedule["upcoming"] as? [Any])?.count == 4)
        #expect(body["sample"] as? Bool == true)
        _ = try await app.problem("/api/v1/classrooms/999999", status: .notFound)
        _ = try await app.problem("/api/v1/classrooms/abc", status: .notFound)
        _ = try await app.problem("/api/v1/nothing-here", status: .notFound)
    }
}

@Suite("Calendar routes")
struct CalendarRouteTests {
    @Test func classroomAndMunicipalityCalendars() async throws {
        let app = try await TestApp.seeded()
        let one = try await app.get("/classrooms/10/calendar.ics")
        #expect(one.status == .ok)
        #expect(one.headers[.contentType] == "text/calendar; charset=utf-8")
        let text = String(decoding: one.body, as: UTF8.self)
        #expect(text.contains("BEGIN:VEVENT") && text.contains("RRULE:FREQ=WEEKLY;BYDAY=SA"))
        let ward = try await app.get("/municipalities/131041/calendar.ics")
        #expect(String(decoding: ward.body, as: UTF8.self).components(separatedBy: "BEGIN:VEVENT").count > 5)
        _ = try await app.problem("/classrooms/999999/calendar.ics", status: .notFound)
        _ = try await app.problem("/municipalities/139999/calendar.ics", status: .notFound)
    }
}
