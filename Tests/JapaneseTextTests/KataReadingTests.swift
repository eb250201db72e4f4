import Testing

@testable import JapaneseText

/// 方 meaning "person" (かた) in listings and eligibility lines, where ipadic reads ほう
/// (direction, side). The rule is documented on `KataRule`.
@Suite("方 read かた or ほう")
struct KataReadingTests {
    /// The reading ruby gives every 方 of `text`, in order.
    private static func readingsOfKata(_ text: String) throws -> [String] {
        try Engines.plain.segments(for: text).filter { $0.text == "方" }.map { $0.reading ?? "" }
    }

    /// After の or an attributive verb, adjective or auxiliary, and at the end of the phrase.
    static let person: [(String, [String])] = [
        ("区内在住・在勤の方", ["かた"]),
        ("16歳以上の方", ["かた"]),
        ("小学生以下のお子さんと保護者の方", ["かた"]),
        // The same text used to give かた to the first (MeCab reads it as a suffix) and ほう to the second.
        ("働いている方・学生の方歓迎", ["かた", "かた"]),
        ("区内在住・在勤・在学の方, 16歳以上", ["かた"]),
        ("日本語を学びたい方、どうぞ", ["かた"]),
        ("日本語が苦手な方", ["かた"]),
        ("初めての方も歓迎します", ["かた"]),
        ("参加した方は無料です", ["かた"]),
        ("16歳以上の方で、日本語を学びたい方は", ["かた", "かた"]),
        ("外国籍の方や留学生", ["かた"]),
        ("在住の方のみ", ["かた"]),
        ("ボランティアの方など", ["かた"]),
        ("保護者の方と一緒に", ["かた"]),
        ("女性の方限定", ["かた"]),
        ("初めての方大歓迎", ["かた"]),
        ("在勤の方 16歳以上", ["かた"]),
        ("「初心者の方」", ["かた"]),
    ]

    @Test(arguments: person)
    func personIsKata(text: String, expected: [String]) throws {
        #expect(try Self.readingsOfKata(text) == expected)
    }

    /// Followed by が, を, に or へ, 方 compares or points, and stays ほう. Some of these could be
    /// かた in another sentence (こちらの方が先生です): there the dictionary's ほう is kept, since the
    /// phrase does not settle it.
    static let direction: [(String, [String])] = [
        ("こちらの方が安い", ["ほう"]),
        ("早い方がいい", ["ほう"]),
        ("行った方がいいです", ["ほう"]),
        ("駅の方に歩く", ["ほう"]),
        ("右の方を見てください", ["ほう"]),
        ("東の方へ", ["ほう"]),
        // Not after の or an attributive form.
        ("方角", []),
    ]

    @Test(arguments: direction)
    func directionStaysHou(text: String, expected: [String]) throws {
        #expect(try Self.readingsOfKata(text) == expected)
    }

    /// Words of their own that MeCab already reads with かた.
    @Test func kataWords() throws {
        #expect(try notation("関係者の方々", Engines.plain) == "関係(かんけい)/者(しゃ)/の/方々(かたがた)")
        #expect(try notation("参加者の方々へ", Engines.plain) == "参加(さんか)/者(しゃ)/の/方々(かたがた)/へ")
        #expect(try notation("申し込み方", Engines.plain).hasSuffix("方(かた)"))
        #expect(try Engines.plain.reading(of: "やり方") == "やりかた")
    }
}
