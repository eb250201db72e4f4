import Foundation
import Testing

@Suite("Municipalities, suggestions and furigana API")
struct TextAPITests {
    @Test func municipalitiesInGojuonOrderWithCounts() async throws {
        let app = try await TestApp.seeded()
        let body = try await app.json("/api/v1/municipalities")
        let items = body.items
        #expect(items.count == 62)
        let kana = items.compactMap { $0["kana"] as? String }
        // あお (青ヶ島村) before あき (昭島市): お precedes か-row kana in gojūon.
        #expect(Array(kana.prefix(3)) == ["あおがしまむら", "あきしまし", "あきるのし"])
        #expect(kana.firstIndex(of: "しんじゅくく")! < kana.firstIndex(of: "すぎなみく")!)
        let shinjuku = try #require(items.first { $0["code"] as? String == "131041" })
        #expect(shinjuku["foreign_residents"] as? Int == 51357)
        #expect(shinjuku["foreign_residents_date"] as? String == "2026-01")
        #expect((shinjuku["classroom_count"] as? Int ?? 0) > 0)
        for key in ["name", "romaji", "kind", "lat", "lon"] { #expect(shinjuku[key] != nil) }
    }

    @Test(arguments: [
        ("新宿区", "131041"), ("新宿", "131041"), ("しんじゅく", "131041"), ("シンジュクク", "131041"), ("ｼﾝｼﾞｭｸ", "131041"),
        ("Ｓｈｉｎｊｕｋｕ", "131041"), ("shinjuku ku", "131041"), ("Shinjuku City", "131041"), ("しん", "131041"),
        ("Ōta", "131113"), ("Ota", "131113"), ("Oota", "131113"), ("Outa", "131113"), ("Ohta", "131113"), ("ota-ku", "131113"),
        ("Hachioji-shi", "132012"), ("Hachiōji", "132012"), ("hachiouji", "132012"), ("Ōme", "132055"), ("oume", "132055"),
        ("ふっさ", "132187"), ("Komae", "132195"), ("檜原", "133078"), ("Toshima-mura", "133621"), ("豊島区", "131164"),
    ])
    func municipalityFoundFirst(_ q: String, _ code: String) async throws {
        let app = try await TestApp.seeded()
        let body = try await app.json("/api/v1/municipalities?q=\(enc(q))")
        #expect(body.items.first?["code"] as? String == code, "\(q) → \(body.items.prefix(3).map { $0["name"] ?? "" })")
    }

    @Test func suggestionsAsTheLearnerTypes() async throws {
        let app = try await TestApp.seeded()
        let shin = try await app.json("/api/v1/suggest?q=shin")
        #expect(shin.items.first?["label"] as? String == "新宿区")
        #expect(shin.items.count <= 10)
        let viet = try await app.json("/api/v1/suggest?q=\(enc("tieng viet"))")
        #expect(viet.items.first?["type"] as? String == "language")
        #expect(viet.items.first?["id"] as? String == "vi")
        let betonamu = try await app.json("/api/v1/suggest?q=\(enc("べとなむ"))")
        #expect(betonamu.items.contains { $0["id"] as? String == "vi" })
        let empty = try await app.json("/api/v1/suggest?q=")
        #expect(empty.items.isEmpty)
    }

    @Test func furiganaSegmentsUseTheGazetteer() async throws {
        let app = try await TestApp.seeded()
        let body = try await app.json("/api/v1/furigana?text=\(enc("狛江市の"))")
        let segments = try #require(body["segments"] as? [[String: Any]])
        #expect(segments.count == 3)
        #expect(segments[0]["text"] as? String == "狛江" && segments[0]["reading"] as? String == "こまえ")
        #expect(segments[1]["text"] as? String == "市" && segments[1]["reading"] as? String == "し")
        #expect(segments[2]["text"] as? String == "の" && segments[2]["reading"] == nil)
        let mixed = "福生市で Japanese を 12 時から 🇯🇵"
        let round = try await app.json("/api/v1/furigana?text=\(enc(mixed))")
        let joined = (round["segments"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined()
        #expect(joined == mixed)
    }

    /// The app's gazetteer (places and classroom names) reads 国立市 as the city but leaves 国立 the word alone,
    /// and puts ruby over the kanji of a classroom name only.
    @Test func appGazetteerKeepsCommonWordsAndKanaOutOfRuby() async throws {
        let app = try await TestApp.seeded()
        let readings = { (text: String) async throws -> [String] in
            let body = try await app.json("/api/v1/furigana?text=\(enc(text))")
            return (body["segments"] as? [[String: Any]] ?? []).map { "\($0["text"] as? String ?? "")/\($0["reading"] as? String ?? "")" }
        }
        #expect(try await readings("国立大学の留学生").first == "国立/こくりつ")
        #expect(try await readings("国立市").first?.hasPrefix("国立/くにたち") == true)
        let name = try await readings("ひまわり日本語クラブ 足立")
        #expect(!name.contains { $0.hasPrefix("ひまわり日本語") }, "\(name)")
        #expect(name.contains("足立/あだち"), "\(name)")
    }
}
