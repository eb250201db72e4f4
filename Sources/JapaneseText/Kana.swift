/// Script and width transforms backed by ICU transliterators; all thread-safe.
///
/// Each transform is an ICU system transform, sometimes preceded by a filtered
/// `Halfwidth-Fullwidth` step so that half-width katakana (`ｶﾀｶﾅ`) are treated like
/// full-width ones while half-width Latin and punctuation stay as they are.
public enum Kana {
    // Each rule set starts with ::Null; because ICU reads a filter on the first element as a
    // global filter for the whole chain, which would leave full-width kana untouched.
    // The filter keeps ー out of Katakana-Hiragana: ICU otherwise spells it as the vowel it
    // lengthens after some kana (ギー → ぎい), and a reader writes らーめん, not らあめん.
    private static let hiragana = Transliterator(
        id: "manabi-to-hiragana",
        rules: "::Null; ::[\\uFF66-\\uFF9F] Halfwidth-Fullwidth; ::[^\\u30FC] Katakana-Hiragana;"
    )
    private static let katakana = Transliterator(
        id: "manabi-to-katakana",
        rules: "::Null; ::[\\uFF66-\\uFF9F] Halfwidth-Fullwidth; ::[^\\u30FC] Hiragana-Katakana;"
    )
    private static let latin = Transliterator(
        id: "manabi-to-latin",
        rules: "::Null; ::[\\uFF66-\\uFF9F] Halfwidth-Fullwidth; ::Katakana-Latin; ::Hiragana-Latin;"
    )
    private static let fromLatinTransform = Transliterator(id: "manabi-from-latin", rules: "::Any-Lower; ::Latin-Hiragana;")
    private static let halfwidth = Transliterator(id: "Fullwidth-Halfwidth")
    private static let fullwidth = Transliterator(id: "Halfwidth-Fullwidth")

    /// Katakana (full- or half-width) to hiragana: `カタカナ`, `ｶﾀｶﾅ` → `かたかな`.
    /// The long-vowel mark ー and every non-katakana character are left as they are.
    public static func toHiragana(_ s: String) -> String { hiragana.apply(s) }

    /// Hiragana and half-width katakana to full-width katakana: `ひらがな`, `ﾋﾗｶﾞﾅ` → `ヒラガナ`.
    public static func toKatakana(_ s: String) -> String { katakana.apply(s) }

    /// Kana to romaji with ICU `Hiragana-Latin` / `Katakana-Latin`: `とうきょう` → `toukyou`,
    /// `ラーメン` → `rāmen`. ICU spells づ as `dzu` and a final っ as `~tsu`; see ``SearchFold/romajiKey(_:)``
    /// for a form that is comparable with Hepburn as people type it.
    public static func toLatin(_ s: String) -> String { latin.apply(s) }

    /// Romaji to hiragana with ICU `Latin-Hiragana` (input is lower-cased first): `Shinjuku` → `しんじゅく`.
    public static func fromLatin(_ s: String) -> String { fromLatinTransform.apply(s) }

    /// ICU `Fullwidth-Halfwidth`: `ＡＢＣ１２３アイウ` → `ABC123ｱｲｳ`.
    public static func toHalfwidth(_ s: String) -> String { halfwidth.apply(s) }

    /// ICU `Halfwidth-Fullwidth`: `ABC123ｱｲｳ` → `ＡＢＣ１２３アイウ`.
    public static func toFullwidth(_ s: String) -> String { fullwidth.apply(s) }
}
