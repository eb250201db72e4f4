import JapaneseText
import Testing

@Suite("Bad input")
struct TextInputTests {
    @Test(arguments: [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE6, 0x97], [0x61, 0xF8, 0x88, 0x80, 0x80, 0x80]] as [[UInt8]])
    func invalidUTF8IsRefused(bytes: [UInt8]) {
        #expect(throws: TextError.invalidUTF8) { try TextInput.validate(bytes) }
    }

    @Test func validBytesDecode() throws {
        #expect(try TextInput.validate(Array("狛江市\tの\r\n教室".utf8)) == "狛江市\tの\r\n教室")
    }

    @Test(arguments: ["\u{0}", "a\u{7}b", "\u{1B}[31m", "\u{7F}", "\u{85}", "x\u{9B}y"])
    func controlCharactersAreRefused(text: String) {
        #expect(throws: TextError.controlCharacters) { try TextInput.check(text) }
        #expect(throws: TextError.controlCharacters) { try TextInput.validate(Array(text.utf8)) }
        #expect(throws: TextError.controlCharacters) { try Engines.plain.segments(for: text) }
        #expect(throws: TextError.controlCharacters) { try Engines.plain.reading(of: text) }
    }

    @Test func overlongInputIsRefusedCountingCharacters() throws {
        let limit = FuriganaEngine.maxInputLength
        #expect(limit == 2000)
        let tooLong = String(repeating: "字", count: limit + 1)
        #expect(throws: TextError.tooLong(limit: limit, actual: limit + 1)) { try Engines.plain.segments(for: tooLong) }
        // 2000 family emoji are 50 000 bytes but only 2000 Characters: accepted.
        let emoji = String(repeating: "👨‍👩‍👧‍👦", count: limit)
        #expect(try Engines.plain.segments(for: emoji).map(\.text).joined() == emoji)
        #expect(throws: TextError.tooLong(limit: 3, actual: 4)) { try TextInput.validate(Array("abcd".utf8), limit: 3) }
    }

    @Test func missingDictionaryIsReportedNotFatal() {
        #expect {
            try FuriganaEngine(gazetteer: .empty, mecabArguments: "-d /nonexistent/mecab-dic")
        } throws: { error in
            guard case .engineUnavailable = error as? TextError else { return false }
            return true
        }
    }

    @Test func nonThrowingFunctionsAcceptAnything() {
        let nasty = "\u{0}\u{7}\u{85}\u{FFFD}\u{10FFFF}"
        _ = Kana.toHiragana(nasty)
        _ = Normalization.nfkcCasefold(nasty)
        _ = SearchFold.scriptKey(nasty)
        _ = SearchFold.romajiKey(nasty)
        _ = JapaneseCollator.shared.sortKey(nasty)
        #expect(SearchFold.scriptKey("a\u{0}b") == "ab")
    }
}
