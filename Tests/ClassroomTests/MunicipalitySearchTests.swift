import Classroom
import Foundation
import JapaneseText
import Testing
import TestSupport

@Suite("Every municipality is found first in every script")
struct MunicipalitySearchTests {
    /// The ways a learner may type a municipality's name.
    static func spellings(of m: Municipality) -> [String] {
        let stem = m.stem
        let stemKatakana = Kana.toKatakana(stem.kana)
        let suffix = ["ward": "City", "city": "City", "town": "Town", "village": "Village"][m.kind.rawValue]!
        return [
            m.name, stem.name, m.kana, stem.kana, Kana.toKatakana(m.kana), stemKatakana, Kana.toHalfwidth(stemKatakana),
            m.romaji, m.romaji.uppercased(), m.romaji.lowercased(), Kana.toFullwidth(m.romaji), Kana.toLatin(stem.kana),
            m.romajiFull, m.romajiFull.replacingOccurrences(of: "-", with: " "), "\(m.romaji) \(suffix)",
        ]
    }

    @Test func eachSpellingFindsItsMunicipalityFirst() async throws {
        // Given the 62 municipalities
        let test = try await TestDatabase.seeded(includeSamples: false)
        let directory = try await ClassroomDirectory(following: test.classrooms)
        let all = try directory.municipalities().map(\.municipality)
        #expect(all.count == 62)
        var failures: [String] = []
        for m in all {
            for spelling in Self.spellings(of: m) {
                // When a learner types it
                let found = try directory.municipalities(matching: spelling).map(\.municipality)
                // Then it comes first, unless another municipality has exactly the same name in that script
                // (豊島区 and 利島村 are both "Toshima"; the suffix tells them apart).
                guard let first = found.first else {
                    failures.append("\(spelling) → nothing (want \(m.name))")
                    continue
                }
                if first.code != m.code && !Self.spellings(of: first).contains(spelling) {
                    failures.append("\(spelling) → \(first.name) (want \(m.name))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) misses: \(failures.prefix(30))")
    }

    @Test func twoTypedCharactersAlreadyListTheMunicipality() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let directory = try await ClassroomDirectory(following: test.classrooms)
        for m in try directory.municipalities().map(\.municipality) {
            for typed in [String(m.kana.prefix(2)), String(m.romaji.prefix(2)), String(m.name.prefix(2))] {
                let found = try directory.municipalities(matching: typed).map(\.municipality.code)
                #expect(found.contains(m.code), "\(typed) does not list \(m.name)")
            }
        }
    }

    @Test func longVowelSpellingsAgree() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let directory = try await ClassroomDirectory(following: test.classrooms)
        for spelling in ["Ōta", "Ota", "Oota", "Outa", "Ohta", "ōta-ku", "OTA CITY"] {
            #expect(try directory.municipalities(matching: spelling).first?.municipality.name == "大田区", "\(spelling)")
        }
        for spelling in ["Hachiōji", "Hachioji", "Hachiouji", "Hachiohji", "Hachioji-shi", "hachioji shi"] {
            #expect(try directory.municipalities(matching: spelling).first?.municipality.name == "八王子市", "\(spelling)")
        }
        for spelling in ["Chūō", "Chuo", "Chuuou", "chuo-ku"] {
            #expect(try directory.municipalities(matching: spelling).first?.municipality.name == "中央区", "\(spelling)")
        }
    }

    @Test func prefixTypingSuggestsFromTwoCharacters() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let directory = try await ClassroomDirectory(following: test.classrooms)
        for typed in ["しん", "シン", "shin", "Shin", "新宿"] {
            #expect(try directory.municipalities(matching: typed).first?.municipality.name == "新宿区", "\(typed)")
        }
        #expect(try directory.suggestions(for: "hachi").contains { $0.label == "八王子市" })
    }
}
