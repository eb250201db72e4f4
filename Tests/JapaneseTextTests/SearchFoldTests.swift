import JapaneseText
import Testing

@Suite("Script key")
struct ScriptKeyTests {
    @Test func languageNamesMatchAcrossScripts() {
        #expect(SearchFold.scriptKey("ベトナム語") == SearchFold.scriptKey("べとなむご"))
        #expect(SearchFold.scriptKey("ﾍﾞﾄﾅﾑ ご") == SearchFold.scriptKey("べとなむご"))
    }

    @Test(arguments: [
        ("Ｔｏｋｙｏ!", "tokyo"),
        ("New  York", "newyork"),
        ("カタカナ・ひらがな", "かたかなひらがな"),
        ("らーめん", "らーめん"),
        ("ラーメン", "らーめん"),
        ("１２３ abc", "123abc"),
        ("Tiếng Việt", "tiếngviệt"),
        ("한국어", "한국어"),
        ("English (UK) — ★", "englishuk"),
        ("", ""),
    ])
    func foldsWidthCaseScriptAndPunctuation(input: String, expected: String) {
        #expect(SearchFold.scriptKey(input) == expected)
    }

    @Test func kanjiAreReadWithTheGivenEngine() throws {
        let engine = try FuriganaEngine(gazetteer: .placeNames([(name: "狛江市", kana: "こまえし")]))
        #expect(SearchFold.scriptKey("狛江市", readingsFrom: engine) == "こまえし")
        #expect(SearchFold.scriptKey("狛江市", readingsFrom: nil) == "狛江市")
        #expect(SearchFold.scriptKey("新宿区") == SearchFold.scriptKey("シンジュク区"))
    }
}

@Suite("Romaji key")
struct RomajiKeyTests {
    @Test func otaInEverySpelling() {
        let spellings = ["Ōta", "Ota", "Oota", "Outa", "Ohta", "OTA", "ōta", "おおた", "オオタ", "ｵｵﾀ", "Ｏｔａ"]
        let keys = Set(spellings.map(SearchFold.romajiKey))
        #expect(keys == ["ota"])
    }

    @Test func hachiojiInEverySpelling() {
        let keys = Set(["Hachiōji", "Hachioji", "Hachiouji", "Hachiohji", "はちおうじ", "ハチオウジ"].map(SearchFold.romajiKey))
        #expect(keys == ["hachioji"])
    }

    @Test func vietnameseDiacritics() {
        #expect(SearchFold.romajiKey("Tiếng Việt") == SearchFold.romajiKey("tieng viet"))
        #expect(SearchFold.romajiKey("Tiếng Việt") == "tiengviet")
        #expect(SearchFold.romajiKey("Đà Nẵng") == SearchFold.romajiKey("da nang"))
    }

    @Test(arguments: [
        ("Shimbashi", "しんばし"),
        ("Nihombashi", "にほんばし"),
        ("maccha", "まっちゃ"),
        ("Shinnjuku", "しんじゅく"),
        ("Kōzushima", "こうづしま"),
        ("Chūō", "ちゅうおう"),
        ("Chuuou", "ちゅうおう"),
        ("Chuoh", "ちゅうおう"),
        ("Ohshima", "おおしま"),
        ("va", "ヴァ"),
    ])
    func spellingVariants(latin: String, kana: String) {
        #expect(SearchFold.romajiKey(latin) == SearchFold.romajiKey(kana))
    }

    @Test(arguments: ["新宿", "한국어", "Русский", "青ヶ島", "々", "〇"])
    func noKeyForOtherScripts(input: String) {
        #expect(SearchFold.romajiKey(input) == nil)
    }

    @Test func separatorsDigitsAndEmojiAreAllowed() {
        #expect(SearchFold.romajiKey("Shinjuku 3-chome 🏠") == "shinjuku3chome")
        #expect(SearchFold.romajiKey("!!!") == "")
        #expect(SearchFold.romajiKey("") == "")
    }

    @Test(arguments: [("しん", "しんじゅく"), ("shin", "shinjuku"), ("はっ", "はった"), ("ちょ", "ちょうふ"), ("Oh", "Ohta"),
        ("Ou", "Outa"), ("おお", "おおた"), ("Hachio", "Hachiōji"), ("こうづ", "こうづしま")])
    func typedPrefixGivesAPrefix(prefix: String, word: String) throws {
        let full = try #require(SearchFold.romajiKey(word))
        let start = try #require(SearchFold.romajiKey(prefix))
        #expect(full.hasPrefix(start), "\(start) is not a prefix of \(full)")
    }
}

@Suite("Romaji key for the 62 municipalities")
struct MunicipalityRomajiKeyTests {
    /// Hepburn spellings derived from the kana: macrons, plain, oo/uu, ou and oh long vowels.
    static func latinSpellings(ofKana kana: String) -> [String] {
        let icu = Kana.toLatin(kana).replacing("dzu", with: "zu")
        let macron = icu.replacing("ou", with: "ō").replacing("oo", with: "ō").replacing("uu", with: "ū")
        var oh = ""
        let letters = Array(macron)
        for (index, letter) in letters.enumerated() {
            if letter == "ō" {
                let next = index + 1 < letters.count ? letters[index + 1] : nil
                oh += next.map { "aeiouy".contains($0) } == true ? "o" : "oh"
            } else {
                oh.append(letter)
            }
        }
        let plain = macron.replacing("ō", with: "o").replacing("ū", with: "u")
        let doubled = macron.replacing("ō", with: "oo").replacing("ū", with: "uu")
        let ou = macron.replacing("ō", with: "ou").replacing("ū", with: "uu")
        return [macron, macron.capitalized, macron.uppercased(), plain, plain.uppercased(), doubled, ou, oh.capitalized]
    }

    @Test(arguments: Municipalities.all)
    func everySpellingGivesTheSameKey(row: Municipalities.Row) throws {
        let expected = try #require(SearchFold.romajiKey(row.kana))
        let katakana = Kana.toKatakana(row.kana)
        var spellings = [row.kana, katakana, Kana.toHalfwidth(katakana), row.romajiFull, row.romajiFull.uppercased(),
            row.romajiFull.lowercased()]
        spellings += Self.latinSpellings(ofKana: row.kana)
        for spelling in spellings {
            #expect(SearchFold.romajiKey(spelling) == expected, "\(spelling)")
        }
        // The romaji column has no suffix (Chiyoda for ちよだく): its key starts the full key.
        let stem = try #require(SearchFold.romajiKey(row.romaji))
        #expect(expected.hasPrefix(stem))
    }

    @Test(arguments: Municipalities.all)
    func everyTypedPrefixGivesAPrefix(row: Municipalities.Row) throws {
        let smallKana: Set<Character> = ["ゃ", "ゅ", "ょ", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "ゎ"]
        let full = try #require(SearchFold.romajiKey(row.kana))
        let kana = Array(row.kana)
        // A prefix that stops before a small kana (ち of ちょ) is a different syllable, so it is skipped.
        for length in 1..<kana.count where !smallKana.contains(kana[length]) {
            let prefix = String(kana[..<length])
            #expect(full.hasPrefix(try #require(SearchFold.romajiKey(prefix))), "\(prefix)")
        }
        let latin = try #require(SearchFold.romajiKey(row.romajiFull))
        let typed = Array(row.romajiFull)
        for length in 1..<typed.count {
            let prefix = String(typed[..<length])
            #expect(latin.hasPrefix(try #require(SearchFold.romajiKey(prefix))), "\(prefix)")
        }
    }
}

extension String {
    fileprivate var capitalized: String { prefix(1).uppercased() + dropFirst() }
}
