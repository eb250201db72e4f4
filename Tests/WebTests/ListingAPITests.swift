import Accounts
import Classroom
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport

@testable import Web

/// The write API through the real router over a real SQLite file: two organisers' teachers, staff of two wards and an
/// admin, each with a token.
struct WriteAPIFixture {
    let test: TestDatabase
    let services: AppServices
    let app: Application<RouterResponder<AppRequestContext>>
    var tokens: [String: String] = [:]
    var accounts: [String: Account] = [:]

    static let shinjuku = "131041"
    static let shibuya = "131130"

    init() async throws {
        test = try await TestDatabase.seeded(includeSamples: false, plan: ManabiSchema.plan)
        services = try await AppServices(database: test.database, mail: .outbox, bcryptCost: 4)
        app = Application(router: try await buildRouter(services).router)
        let a = try await services.classrooms.createOrganiser(named: "ひまわりの会", by: .system)
        let b = try await services.classrooms.createOrganiser(named: "さくらの会", by: .system)
        let people: [(String, Role, Int64?, Set<String>)] = [
            ("teacherA", .teacher, a.id.rawValue, []), ("teacherB", .teacher, b.id.rawValue, []),
            ("staffShinjuku", .staff, nil, [Self.shinjuku]), ("staffShibuya", .staff, nil, [Self.shibuya]), ("admin", .admin, nil, []),
        ]
        for (name, role, organiser, wards) in people {
            let account = try await services.accounts.invite(email: "\(name.lowercased())@example.org", role: role, organiserId: organiser, municipalities: wards, by: .system).account
            accounts[name] = account
            tokens[name] = try await services.accounts.createToken(for: account.id, label: "tests", by: .system).secret
        }
    }

    struct Answer {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var json: [String: Any]
        var text: String
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, as who: String?, _ body: Any? = nil, raw: String? = nil, contentType: String = "application/json") async throws -> Answer {
        var headers: HTTPFields = [:]
        if let who { headers[.authorization] = "Bearer \(tokens[who] ?? who)" }
        var buffer: ByteBuffer?
        if let body { buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)) }
        if let raw { buffer = ByteBuffer(string: raw) }
        if buffer != nil { headers[.contentType] = contentType }
        let (sentHeaders, sentBody) = (headers, buffer)
        return try await app.test(.router) { client in
            try await client.execute(uri: uri, method: method, headers: sentHeaders, body: sentBody) { response in
                let data = Data(buffer: response.body)
                return Answer(status: response.status, headers: response.headers, json: (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:],
                              text: String(decoding: data, as: UTF8.self))
            }
        }
    }

    nonisolated(unsafe) static let newListing: [String: Any] = [
        "name": "API日本語教室", "name_kana": "えーぴーあいにほんごきょうしつ", "municipality_code": shinjuku, "venue": "新宿区民センター",
        "format": "in_person", "levels": ["pre_a1", "a1"], "languages": ["en", "vi"],
        "weekly_slots": [["weekday": "sat", "start": "10:00", "end": "12:00"]],
    ]

    /// A listing of teacher A's organiser made through the API, published by Shinjuku's staff; its id.
    func publishedListing() async throws -> Int64 {
        let made = try await send(.post, "/api/v1/listings", as: "teacherA", Self.newListing)
        let id = try #require(made.json["id"] as? Int64 ?? (made.json["id"] as? Int).map(Int64.init))
        _ = try await services.classrooms.apply(.submit, to: Classroom.ID(id), by: .system)
        _ = try await services.classrooms.apply(.approve, to: Classroom.ID(id), by: .system)
        return id
    }
}

@Suite("Write API: tokens, validation, permissions, versions and audit, as the forms have them")
struct ListingAPITests {
    @Test func withoutAValidTokenEveryRouteAnswers401WithAChallenge() async throws {
        let f = try await WriteAPIFixture()
        let revoked = try await f.services.accounts.createToken(for: f.accounts["teacherA"]!.id, label: "old", by: .system)
        try await f.services.accounts.revokeToken(revoked.token.id, of: f.accounts["teacherA"]!.id, by: .system)
        for who in [nil, "manabi_not-a-token", revoked.secret] {
            for (method, path) in [(HTTPRequest.Method.get, "/api/v1/listings"), (.post, "/api/v1/listings"), (.patch, "/api/v1/listings/1"), (.delete, "/api/v1/listings/1"),
                                   (.post, "/api/v1/listings/1/weekly-slots"), (.delete, "/api/v1/listings/1/cancellations/2026-12-24")] {
                let answer = try await f.send(method, path, as: who, WriteAPIFixture.newListing)
                #expect(answer.status == .unauthorized, "\(method) \(path)")
                #expect(answer.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(answer.headers[.contentType] == "application/problem+json")
            }
        }
        // A session cookie is no credential here, and a Basic header is refused too.
        var headers: HTTPFields = [.authorization: "Basic dGVhY2hlcjpwYXNz"]
        headers[.cookie] = "manabi_session=whatever"
        let sent = headers
        let basic = try await f.app.test(.router) { client in try await client.execute(uri: "/api/v1/listings", method: .get, headers: sent) { $0.status } }
        #expect(basic == .unauthorized)
    }

    @Test func aTeacherCreatesADraftForTheirOrganiserAndTheChangeIsAudited() async throws {
        let f = try await WriteAPIFixture()
        let made = try await f.send(.post, "/api/v1/listings", as: "teacherA", WriteAPIFixture.newListing)
        #expect(made.status == .created, "\(made.text)")
        let id = try #require(made.json["id"] as? Int)
        #expect(made.headers[.location] == "/api/v1/listings/\(id)")
        #expect(made.json["state"] as? String == "draft")
        #expect(made.json["version"] as? Int == 1)
        #expect(made.json["organiser"] as? String == "ひまわりの会")
        #expect(made.json["fee_yen"] as? Int == 0)
        #expect(made.json["accepting"] as? Bool == true)
        let slots = try #require(made.json["weekly_slots"] as? [[String: Any]])
        #expect(slots.count == 1 && (slots[0]["id"] as? String)?.count == 12)

        let stored = try #require(try await f.services.classrooms.storedClassroom(Classroom.ID(Int64(id))))
        #expect(stored.organiserId?.rawValue == f.accounts["teacherA"]!.organiserId)
        let history = try await f.services.classrooms.history(of: stored.id)
        #expect(history.first?.author == .account(f.accounts["teacherA"]!.id.rawValue))
        // A draft is not in the public directory.
        #expect(try await f.send(.get, "/api/v1/classrooms/\(id)", as: nil).status == .notFound)

        // Staff and admin do not create listings (as on the pages, where only teachers can).
        for who in ["staffShinjuku", "admin"] { #expect(try await f.send(.post, "/api/v1/listings", as: who, WriteAPIFixture.newListing).status == .forbidden) }
    }

    @Test func badBodiesAreRefusedWithAPointerPerProblemAndNothingIsStored() async throws {
        let f = try await WriteAPIFixture()
        let count = try await f.services.classrooms.storedCount()
        var listing = WriteAPIFixture.newListing

        // Not JSON, not JSON at all, too large.
        #expect(try await f.send(.post, "/api/v1/listings", as: "teacherA", raw: "{\"name\": ").status == .badRequest)
        #expect(try await f.send(.post, "/api/v1/listings", as: "teacherA", raw: "name=x", contentType: "application/x-www-form-urlencoded").status == .unsupportedMediaType)
        #expect(try await f.send(.post, "/api/v1/listings", as: "teacherA", raw: "[" + String(repeating: "1,", count: 200_000) + "1]").status == .contentTooLarge)

        // What the schema refuses: an unknown field, a string for a number, a missing field, a bad time.
        listing["colour"] = "red"
        listing["fee_yen"] = "500"
        listing["name"] = nil
        listing["weekly_slots"] = [["weekday": "sat", "start": "9:00", "end": "12:00"]]
        let schema = try await f.send(.post, "/api/v1/listings", as: "teacherA", listing)
        #expect(schema.status == .unprocessableContent)
        let pointers = Set((schema.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String })
        #expect(pointers == ["/colour", "/fee_yen", "/name", "/weekly_slots/0/start"])

        // What only the form's rules refuse: a slot ending before it starts, a reading in kanji.
        listing = WriteAPIFixture.newListing
        listing["weekly_slots"] = [["weekday": "sat", "start": "12:00", "end": "10:00"]]
        listing["name_kana"] = "日本語"
        let domain = try await f.send(.post, "/api/v1/listings", as: "teacherA", listing)
        #expect(domain.status == .unprocessableContent)
        let domainPointers = Set((domain.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String })
        #expect(domainPointers == ["/weekly_slots/0", "/name_kana"])
        #expect(try await f.services.classrooms.storedCount() == count)
    }

    @Test func aStaleVersionIs409WithTheCurrentVersionAndAFreshOneSaves() async throws {
        let f = try await WriteAPIFixture()
        let id = try await f.publishedListing()
        let current = try await f.send(.get, "/api/v1/listings/\(id)", as: "teacherA").json["version"] as? Int
        let v = try #require(current)

        let saved = try await f.send(.patch, "/api/v1/listings/\(id)", as: "teacherA", ["version": v, "fee_yen": 300, "address": NSNull()])
        #expect(saved.status == .ok, "\(saved.text)")
        #expect(saved.json["version"] as? Int == v + 1)
        #expect(saved.json["fee_yen"] as? Int == 300)
        #expect(saved.json["state"] as? String == "published")

        let stale = try await f.send(.patch, "/api/v1/listings/\(id)", as: "teacherA", ["version": v, "fee_yen": 0])
        #expect(stale.status == .conflict)
        #expect(stale.json["current_version"] as? Int == v + 1)
        #expect(try await f.services.classrooms.storedClassroom(Classroom.ID(id))?.feeYen == 300)

        // The learner directory follows at once.
        let learner = try await f.send(.get, "/api/v1/classrooms/\(id)", as: nil)
        #expect(learner.json["fee_yen"] as? Int == 300)
        // PATCH needs the version it was made from.
        #expect(try await f.send(.patch, "/api/v1/listings/\(id)", as: "teacherA", ["fee_yen": 0]).status == .unprocessableContent)
    }

    @Test func scheduleItemsAreAddedChangedAndRemovedByTheirIds() async throws {
        let f = try await WriteAPIFixture()
        let id = try await f.publishedListing()
        let base = "/api/v1/listings/\(id)"

        let added = try await f.send(.post, base + "/weekly-slots", as: "teacherA", ["weekday": "wed", "start": "18:30", "end": "20:00"])
        #expect(added.status == .created, "\(added.text)")
        let slots = try #require(added.json["weekly_slots"] as? [[String: Any]])
        #expect(slots.count == 2)
        let wednesday = try #require(slots.first { $0["weekday"] as? String == "wed" }?["id"] as? String)
        #expect(try await f.send(.post, base + "/weekly-slots", as: "teacherA", ["weekday": "wed", "start": "18:30", "end": "20:00"]).status == .conflict)

        let moved = try await f.send(.patch, base + "/weekly-slots/\(wednesday)", as: "teacherA", ["start": "19:00"])
        #expect(moved.status == .ok, "\(moved.text)")
        let movedSlot = (moved.json["weekly_slots"] as? [[String: Any]] ?? []).first { $0["weekday"] as? String == "wed" }
        #expect(movedSlot?["start"] as? String == "19:00")
        #expect(movedSlot?["id"] as? String != wednesday)
        // The old id names nothing now.
        #expect(try await f.send(.patch, base + "/weekly-slots/\(wednesday)", as: "teacherA", ["start": "18:00"]).status == .notFound)

        let cancelled = try await f.send(.post, base + "/cancellations", as: "teacherA", ["date": "2026-12-26", "reason": "年末のため"])
        #expect(cancelled.status == .created)
        #expect((cancelled.json["cancellations"] as? [[String: Any]])?.first?["reason"] as? String == "年末のため")
        #expect(try await f.send(.post, base + "/cancellations", as: "teacherA", ["date": "2026-12-26"]).status == .conflict)
        #expect(try await f.send(.patch, base + "/cancellations/2026-12-26", as: "teacherA", ["reason": "会場の点検"]).status == .ok)
        #expect(try await f.send(.delete, base + "/cancellations/2026-12-26", as: "teacherA").status == .ok)
        #expect(try await f.send(.delete, base + "/cancellations/2026-12-26", as: "teacherA").status == .notFound)

        let session = try await f.send(.post, base + "/one-off-sessions", as: "teacherA", ["date": "2027-01-09", "start": "13:00", "end": "15:00"])
        #expect(session.status == .created)
        let sessionID = try #require((session.json["one_off_sessions"] as? [[String: Any]])?.first?["id"] as? String)
        // A version in the body must be the current one.
        let version = try #require(session.json["version"] as? Int)
        let stale = try await f.send(.patch, base + "/one-off-sessions/\(sessionID)", as: "teacherA", ["end": "16:00", "version": version - 1])
        #expect(stale.status == .conflict && stale.json["current_version"] as? Int == version)
        #expect(try await f.send(.delete, base + "/one-off-sessions/\(sessionID)", as: "teacherA").status == .ok)

        // A published listing keeps at least one session: removing the last is refused as the form refuses it.
        let now = try await f.send(.get, base, as: "teacherA")
        for slot in (now.json["weekly_slots"] as? [[String: Any]] ?? []).dropLast() {
            #expect(try await f.send(.delete, base + "/weekly-slots/\(slot["id"] as! String)", as: "teacherA").status == .ok)
        }
        let last = try #require((try await f.send(.get, base, as: "teacherA").json["weekly_slots"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(try await f.send(.delete, base + "/weekly-slots/\(last)", as: "teacherA").status == .unprocessableContent)
    }

    /// Every route against every role: the same answers as the pages' rules.
    @Test func thePermissionMatrixMatchesThePages() async throws {
        let f = try await WriteAPIFixture()
        let id = try await f.publishedListing()
        let base = "/api/v1/listings/\(id)"
        let slot = ["weekday": "mon", "start": "10:00", "end": "11:00"]
        // route → who gets which status (teacher A is the listing's; it is in Shinjuku)
        let expected: [(HTTPRequest.Method, String, Any?, [String: HTTPResponse.Status])] = [
            (.get, base, nil, ["teacherA": .ok, "teacherB": .forbidden, "staffShinjuku": .ok, "staffShibuya": .forbidden, "admin": .ok]),
            (.post, base + "/weekly-slots", slot, ["teacherA": .created, "teacherB": .forbidden, "staffShinjuku": .forbidden, "staffShibuya": .forbidden, "admin": .forbidden]),
            (.post, base + "/cancellations", ["date": "2027-02-06"], ["teacherA": .created, "teacherB": .forbidden, "staffShinjuku": .forbidden, "staffShibuya": .forbidden, "admin": .forbidden]),
            (.post, base + "/confirm", nil, ["teacherA": .ok, "teacherB": .forbidden, "staffShinjuku": .ok, "staffShibuya": .forbidden, "admin": .ok]),
        ]
        for (method, path, body, statuses) in expected {
            for (who, status) in statuses.sorted(by: { $0.key < $1.key }) {
                let answer = try await f.send(method, path, as: who, body)
                #expect(answer.status == status, "\(who) \(method) \(path): \(answer.text)")
            }
        }
        let version = try #require(try await f.send(.get, base, as: "teacherA").json["version"] as? Int)
        for who in ["teacherB", "staffShinjuku", "staffShibuya", "admin"] {
            #expect(try await f.send(.patch, base, as: who, ["version": version, "fee_yen": 1]).status == .forbidden, "\(who) PATCH")
        }
        for who in ["teacherB", "staffShibuya"] { #expect(try await f.send(.delete, base, as: who).status == .forbidden, "\(who) DELETE") }

        // Lists: each sees their own.
        #expect((try await f.send(.get, "/api/v1/listings", as: "teacherA").json["total"] as? Int) == 1)
        #expect((try await f.send(.get, "/api/v1/listings", as: "teacherB").json["total"] as? Int) == 0)
        #expect((try await f.send(.get, "/api/v1/listings", as: "staffShinjuku").json["total"] as? Int) == 1)
        #expect((try await f.send(.get, "/api/v1/listings", as: "staffShibuya").json["total"] as? Int) == 0)

        // Ward staff archive it; it is gone from this API and the directory, its record stays.
        #expect(try await f.send(.delete, base, as: "staffShinjuku").status == .noContent)
        #expect(try await f.send(.get, base, as: "teacherA").status == .notFound)
        #expect(try await f.send(.patch, base, as: "teacherA", ["version": version + 1, "fee_yen": 1]).status == .notFound)
        #expect(try await f.send(.delete, base, as: "teacherA").status == .notFound)
        #expect(try await f.send(.get, "/api/v1/classrooms/\(id)", as: nil).status == .notFound)
        #expect(try await f.services.classrooms.storedClassroom(Classroom.ID(id))?.listingState == .archived)
        #expect(try await f.send(.get, "/api/v1/listings/999999", as: "teacherA").status == .notFound)
    }
}
