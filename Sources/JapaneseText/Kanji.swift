extension Character {
    /// True for CJK ideographs (URO, Extensions A–H, compatibility ideographs) and the
    /// ideographic marks 々 〆 〇 〻, which stand for or repeat a kanji and so need a reading.
    ///
    /// The small ヶ/ヵ of place names (青ヶ島) are kana, not kanji: on their own they do not
    /// make text need furigana, but the furigana aligner reads them with an adjacent kanji.
    public var isKanji: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        return Self.isKanjiScalar(scalar)
    }

    /// True for hiragana, katakana (also half-width) and the long-vowel mark ー.
    public var isKana: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3041...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true
        default: return false
        }
    }

    static func isKanjiScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005, 0x3006, 0x3007, 0x303B: true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: true
        case 0x20000...0x323AF, 0x2F800...0x2FA1F: true
        default: false
        }
    }
}

extension String {
    /// True when any `Character` is a kanji (see ``Swift/Character/isKanji``).
    public var containsKanji: Bool {
        unicodeScalars.contains(where: Character.isKanjiScalar)
    }
}
