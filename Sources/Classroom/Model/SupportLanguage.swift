/// A language volunteers can explain things in, with the names a learner might type for it:
/// its code, English name, Japanese name (with reading) and its own name.
public struct SupportLanguage: Sendable, Hashable {
    public let tag: LanguageTag
    public let english: String
    /// Japanese name as written (e.g. `ベトナム語`, `英語`).
    public let japanese: String
    /// Hiragana reading of the Japanese name.
    public let japaneseKana: String
    /// The language's names for itself, first the usual one.
    public let endonyms: [String]

    init(_ code: String, _ english: String, _ japanese: String, _ japaneseKana: String, _ endonyms: [String]) {
        self.tag = LanguageTag(code)!
        self.english = english
        self.japanese = japanese
        self.japaneseKana = japaneseKana
        self.endonyms = endonyms
    }

    /// Every name this language answers to.
    public var names: [String] { [tag.rawValue, english, japanese, japaneseKana] + endonyms }

    /// The languages the directory knows by name. A tag outside this list is still accepted in data,
    /// and is then found by its code only.
    public static let catalog: [SupportLanguage] = [
        .init("en", "English", "英語", "えいご", ["English"]),
        .init("zh", "Chinese", "中国語", "ちゅうごくご", ["中文", "汉语", "漢語", "普通话", "Zhongwen", "Hanyu"]),
        .init("ko", "Korean", "韓国語", "かんこくご", ["한국어", "Hangugeo", "조선말"]),
        .init("vi", "Vietnamese", "ベトナム語", "べとなむご", ["Tiếng Việt"]),
        .init("ne", "Nepali", "ネパール語", "ねぱーるご", ["नेपाली", "Nepali"]),
        .init("tl", "Tagalog", "タガログ語", "たがろぐご", ["Tagalog", "Filipino", "Wikang Tagalog"]),
        .init("my", "Burmese", "ミャンマー語", "みゃんまーご", ["မြန်မာဘာသာ", "Myanmar", "Bama"]),
        .init("id", "Indonesian", "インドネシア語", "いんどねしあご", ["Bahasa Indonesia"]),
        .init("pt", "Portuguese", "ポルトガル語", "ぽるとがるご", ["Português"]),
        .init("es", "Spanish", "スペイン語", "すぺいんご", ["Español", "Castellano"]),
        .init("hi", "Hindi", "ヒンディー語", "ひんでぃーご", ["हिन्दी", "Hindi"]),
        .init("bn", "Bengali", "ベンガル語", "べんがるご", ["বাংলা", "Bangla"]),
        .init("th", "Thai", "タイ語", "たいご", ["ภาษาไทย", "ไทย", "Phasa Thai"]),
        .init("mn", "Mongolian", "モンゴル語", "もんごるご", ["Монгол хэл", "Mongol khel"]),
        .init("fr", "French", "フランス語", "ふらんすご", ["Français"]),
        .init("ru", "Russian", "ロシア語", "ろしあご", ["Русский", "Russkiy"]),
        .init("uk", "Ukrainian", "ウクライナ語", "うくらいなご", ["Українська", "Ukrainska"]),
        .init("ur", "Urdu", "ウルドゥー語", "うるどぅーご", ["اردو"]),
        .init("si", "Sinhala", "シンハラ語", "しんはらご", ["සිංහල", "Sinhala"]),
        .init("fa", "Persian", "ペルシャ語", "ぺるしゃご", ["فارسی", "Farsi"]),
        .init("ar", "Arabic", "アラビア語", "あらびあご", ["العربية", "Al-Arabiyya"]),
        .init("de", "German", "ドイツ語", "どいつご", ["Deutsch"]),
        .init("ms", "Malay", "マレー語", "まれーご", ["Bahasa Melayu"]),
        .init("km", "Khmer", "クメール語", "くめーるご", ["ភាសាខ្មែរ", "Khmer"]),
        .init("uz", "Uzbek", "ウズベク語", "うずべくご", ["Oʻzbekcha", "Ўзбекча"]),
        .init("ja", "Japanese", "日本語", "にほんご", ["日本語", "Nihongo"]),
    ]

    private static let byPrimary: [String: SupportLanguage] = Dictionary(catalog.map { ($0.tag.primary, $0) }, uniquingKeysWith: { a, _ in a })

    /// The catalogue entry for a tag (by its primary subtag), if any.
    public static func named(_ tag: LanguageTag) -> SupportLanguage? { byPrimary[tag.primary] }
}
