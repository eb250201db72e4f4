/// Search keys: one query form finds the same thing whatever script it's typed in.
///
/// Index a field with the same function that folds the query, then compare keys with `==` or
/// `hasPrefix` (both keys are built so that a typed prefix gives a prefix of the full key).
public enum SearchFold {
    /// The engine that reads kanji for ``scriptKey(_:)``; nil when MeCab cannot start, in which
    /// case kanji are kept as they are.
    static let defaultEngine: FuriganaEngine? = try? FuriganaEngine()

    /// Script-insensitive key: NFKC casefold, kanji replaced by their MeCab reading, katakana →
    /// hiragana, then whitespace, punctuation, symbols and controls removed. Letters of every
    /// script, marks, digits and ー are kept.
    ///
    /// `ベトナム語`, `べとなむご` and `ﾍﾞﾄﾅﾑ ご` give the same key; `Ｔｏｋｙｏ` and `tokyo` too.
    /// Kanji are read with a gazetteer-less engine; pass your own engine with
    /// ``scriptKey(_:readingsFrom:)`` when place names matter.
    public static func scriptKey(_ s: String) -> String {
        scriptKey(s, readingsFrom: defaultEngine)
    }

    /// ``scriptKey(_:)`` reading kanji with `engine` (nil keeps kanji as they are).
    public static func scriptKey(_ s: String, readingsFrom engine: FuriganaEngine?) -> String {
        var text = Normalization.nfkcCasefold(s)
        // Reading errors (control characters, over-long input) just leave the kanji in place:
        // a search key must always exist, and controls are dropped below anyway.
        if text.containsKanji, let engine, let reading = try? engine.reading(of: text) {
            text = reading
        }
        text = Kana.toHiragana(text)
        var key = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where keepsInScriptKey(scalar) {
            key.append(scalar)
        }
        return String(key)
    }

    /// Loose romaji key, equal for every way people write a Japanese name in Latin letters or kana.
    ///
    /// Steps: NFKC casefold; kana → Latin (ICU); diacritics stripped and Latin folded to ASCII
    /// (`ō` → `o`, `ệ` → `e`, `đ` → `d`); only `[a-z0-9]` kept; then spelling variants collapsed
    /// the same way on both sides (see `RomajiFold`). `Ōta`, `Ota`, `Oota`, `Outa`, `Ohta`,
    /// `おおた`, `オオタ` and `ｵｵﾀ` all give `ota`.
    ///
    /// Returns nil when the text holds letters that are neither kana nor Latin (kanji, hangul,
    /// Cyrillic, …), because no romaji key exists for them. Digits, spaces, punctuation and
    /// symbols are separators and simply disappear.
    public static func romajiKey(_ s: String) -> String? {
        let folded = Normalization.nfkcCasefold(s)
        let scalars = Array(folded.unicodeScalars)
        var kana = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            switch RomajiFold.classify(scalar) {
            case .foreign:
                return nil
            case .sokuon:
                // A final っ has no sound of its own; ICU would spell it "~tsu", which would make
                // "はっ" → "hatsu" instead of a prefix of "はった" → "hatta".
                if index + 1 < scalars.count, RomajiFold.classify(scalars[index + 1]) == .kana {
                    kana.append(scalar)
                }
            case .kana, .latin, .other:
                kana.append(scalar)
            }
        }
        let ascii = romajiTransform.apply(String(kana))
        return RomajiFold.collapse(Array(ascii.utf8))
    }

    /// Kana → Latin, then accents off and Latin to ASCII, in one ICU pass. Decomposing only
    /// after kana are gone keeps the dakuten of が from being stripped as a combining mark.
    private static let romajiTransform = Transliterator(
        id: "manabi-romaji-key",
        rules: "::Katakana-Latin; ::Hiragana-Latin; ::Any-NFD; ::[:Nonspacing Mark:] Remove; ::Any-NFC; ::Latin-ASCII; ::Any-Lower;"
    )

    private static func keepsInScriptKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
