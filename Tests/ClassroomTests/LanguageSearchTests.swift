import Classroom
import Foundation
import JapaneseText
import Testing
import TestSupport

@Suite("Support languages are found by any of their names")
struct LanguageSearchTests {
    /// Strips diacritics the way someone without the keyboard for them types (Tiếng Việt → Tieng Viet).
    static func withoutDiacritics(_ text: String) -> String {
        text.applyingTransform(.stripDiacritics, reverse: false) ?? text
    }

    @Test func everyCatalogueNameFindsItsLanguage() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let directory = try await ClassroomDirectory(following: test.classrooms)
        var failures: [String] = []
        for language in SupportLanguage.catalog {
            var names = [language.english, language.english.lowercased(), language.japanese, language.japaneseKana, Kana.toKatakana(language.japaneseKana)]
            for endonym in language.endonyms {
                names.append(endonym)
                // Only Latin-script names are typed without their accents (й in Русский is a letter, not an accent).
                let plain = Self.withoutDiacritics(endonym)
                if plain.unicodeScalars.allSatisfy(\.isASCII) { names.append(plain.lowercased()) }
            }
            for name in names where directory.language(named: name) != language.tag {
                failures.append("\(name) → \(directory.language(named: name)?.rawValue ?? "nothing") (want \(language.tag))")
            }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func theLanguagesOfTheSampleDirectoryAreAllInTheCatalogue() async throws {
        let test = try await TestDatabase.seeded()
        let used = Set(try await test.classrooms.storedClassrooms().flatMap(\.languages).map(\.primary))
        let known = Set(SupportLanguage.catalog.map(\.tag.primary))
        #expect(used.isSubset(of: known), "\(used.subtracting(known))")
    }
}
