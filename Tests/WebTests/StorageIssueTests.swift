import Classroom
import Foundation
import Storage
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TestSupport
import Web

/// Found when Manabi was tried as a new user would: one-off dates in results, the ward list's order
/// for readers of Latin script, and starting a server on a seeded database from another folder.
@Suite("Results, ward order and start-up")
struct StorageIssueTests {
    /// A Saturday at least a week ahead, in Tokyo.
    static var comingSaturday: LocalDate {
        var date = TokyoDateTime.now.date.adding(days: 7)
        while date.weekday != .sat { date = date.adding(days: 1) }
        return date
    }

    @Test func aClassFoundThroughAOneOffDateShowsThatDate() async throws {
        // Given a class with no weekly slot, one past and one coming one-off Saturday
        let app = try await TestApp.seeded()
        let saturday = Self.comingSaturday
        let past = TokyoDateTime.now.date.adding(days: -14)
        try await app.services.classrooms.importCSV(Data(Fixtures.csv([Fixtures.row(id: 9600, [
            "name": "つばき教室", "name_kana": "つばききょうしつ", "slots": "", "one_off": "\(past) 10:00-12:00;\(saturday) 13:00-15:00",
        ])]).utf8), by: .commandLine)
        // When a learner searches Saturdays
        let found = try await app.json("/api/v1/classrooms?weekday=sat&q=\(enc("つばき教室"))")
        // Then the summary carries the coming date (not the past one) beside the empty weekly list
        let item = try #require(found.items.first)
        #expect(item["id"] as? Int == 9600)
        #expect((item["slots"] as? [Any])?.isEmpty == true)
        let oneOff = try #require(item["one_off"] as? [[String: Any]])
        #expect(oneOff.map { $0["date"] as? String } == [saturday.description])
        #expect(oneOff.first?["start"] as? String == "13:00")
        // And the results page shows it too
        let page = try await app.page("/?lang=en&weekday=sat&q=\(enc("つばき教室"))")
        #expect(page.text.contains("Also on these dates"))
        #expect(page.text.contains("13:00"))
    }

    @Test func theWardListIsInRomajiOrderForLatinReadersAndGojuonForJapanese() async throws {
        let app = try await TestApp.seeded()
        let options = { (html: String) -> [String] in
            let select = html.components(separatedBy: "<select id=\"municipality\"")[1].components(separatedBy: "</select>")[0]
            return select.components(separatedBy: "<option value=\"").dropFirst(2).map { String($0.prefix(6)) }
        }
        let municipalities = try await app.services.classrooms.municipalities()
        let romaji = Dictionary(uniqueKeysWithValues: municipalities.map {
            ($0.code.rawValue, $0.romajiFull.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil))
        })
        for lang in ["en", "vi", "ne", "ko", "zh-Hans"] {
            let codes = options(try await app.page("/?lang=\(lang)").text)
            #expect(codes.count == 62)
            let names = codes.map { romaji[$0] ?? "?" }
            #expect(names == names.sorted(), "\(lang): \(names.prefix(5))")
            #expect(names.first?.hasPrefix("adachi") == true)
        }
        // 青ヶ島村 (あおがしま) opens the Japanese list, in gojūon order.
        #expect(options(try await app.page("/?lang=ja").text).first == "134023")
    }

    @Test func everyLinkAPageEmitsIsServed() async throws {
        let app = try await TestApp.seeded()
        var links = Set<String>()
        for uri in ["/?lang=en", "/?lang=ja&municipality=131041", "/?lang=en&municipality=133621&level=b1", "/classrooms/10?lang=ja", "/?lang=ko&page=2"] {
            let page = try await app.page(uri)
            for part in page.text.components(separatedBy: "href=\"").dropFirst() {
                let link = String(part.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
                if link.hasPrefix("/") { links.insert(link) }
            }
        }
        #expect(links.count > 20)
        for link in links {
            let response = try await app.get(link)
            #expect(response.status == .ok, "\(link)")
        }
    }

    struct Arguments: AppArguments {
        var hostname = "127.0.0.1"
        var port = 0
        var databasePath: String
        var logLevel: Logger.Level? = .critical
    }

    @Test func aSeededDatabaseStartsWithoutSeedFilesUnlessTheyAreAskedFor() async throws {
        let seeded = try await TestDatabase.seeded(plan: ManabiSchema.plan)
        let nowhere = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/seed")
        // Default seed folder missing, database seeded: starts
        _ = try await buildApplication(Arguments(databasePath: seeded.path), seed: SeedSource(folder: nowhere, explicit: false))
        // Named on the command line and missing: a clear error
        await #expect(throws: StartupError.self) {
            _ = try await buildApplication(Arguments(databasePath: seeded.path), seed: SeedSource(folder: nowhere, explicit: true))
        }
        // An empty database with no seed files: the message names the file, the folder and the flag
        let empty = try TestDatabase(plan: ManabiSchema.plan)
        do {
            _ = try await buildApplication(Arguments(databasePath: empty.path), seed: SeedSource(folder: nowhere, explicit: false))
            Issue.record("started without municipalities")
        } catch let error as StartupError {
            #expect(error.description.contains("municipalities.csv"))
            #expect(error.description.contains(nowhere.path))
            #expect(error.description.contains("--seed-dir"))
        }
    }
}
