import JapaneseText
import Testing

@Suite("Kana transforms")
struct KanaTests {
    @Test(arguments: [
        ("カタカナ", "かたかな"),
        ("ｶﾀｶﾅ", "かたかな"),
        ("ｶﾞｯｺｳ", "がっこう"),
        ("ラーメン", "らーめん"),
        ("ヴァイオリン", "ゔぁいおりん"),
        ("東京タワー ABC 123", "東京たわー ABC 123"),
        ("ひらがな", "ひらがな"),
        ("", ""),
    ])
    func toHiragana(input: String, expected: String) {
        #expect(Kana.toHiragana(input) == expected)
    }

    @Test(arguments: [
        ("ひらがな", "ヒラガナ"),
        ("ﾋﾗｶﾞﾅ", "ヒラガナ"),
        ("らーめん", "ラーメン"),
        ("新宿えき abc", "新宿エキ abc"),
    ])
    func toKatakana(input: String, expected: String) {
        #expect(Kana.toKatakana(input) == expected)
    }

    @Test(arguments: [
        ("しんじゅく", "shinjuku"),
        ("シンジュク", "shinjuku"),
        ("ｼﾝｼﾞｭｸ", "shinjuku"),
        ("とうきょう", "toukyou"),
        ("まっちゃ", "matcha"),
        ("しんあい", "shin'ai"),
        ("ラーメン", "rāmen"),
        ("abc", "abc"),
    ])
    func toLatin(input: String, expected: String) {
        #expect(Kana.toLatin(input) == expected)
    }

    @Test(arguments: [
        ("shinjuku", "しんじゅく"),
        ("Shinjuku", "しんじゅく"),
        ("kyouto", "きょうと"),
        ("matcha", "まっちゃ"),
        ("oota", "おおた"),
    ])
    func fromLatin(input: String, expected: String) {
        #expect(Kana.fromLatin(input) == expected)
    }

    @Test func widthConversionsRoundTrip() {
        #expect(Kana.toHalfwidth("ＡＢＣ１２３アイウ") == "ABC123ｱｲｳ")
        #expect(Kana.toHalfwidth("ガッコウ") == "ｶﾞｯｺｳ")
        #expect(Kana.toFullwidth("ABC123ｱｲｳ") == "ＡＢＣ１２３アイウ")
        #expect(Kana.toFullwidth("ｶﾞｯｺｳ") == "ガッコウ")
        #expect(Kana.toFullwidth(Kana.toHalfwidth("カタカナ")) == "カタカナ")
    }

    @Test func longTextsSurviveTheTransformBuffers() {
        // Kana to Latin more than doubles the length; the shim must size its buffer, not truncate.
        #expect(Kana.toLatin(String(repeating: "きゃしゅ", count: 3000)) == String(repeating: "kyashu", count: 3000))
        #expect(Kana.toHiragana(String(repeating: "カ", count: 10_000)) == String(repeating: "か", count: 10_000))
    }
}

@Suite("Normalization")
struct NormalizationTests {
    @Test(arguments: [
        ("Ｔｏｋｙｏ", "tokyo"),
        ("１２３", "123"),
        ("ｶﾀｶﾅ", "カタカナ"),
        ("ｶﾞ", "ガ"),
        ("①", "1"),
        ("㍿", "株式会社"),
        ("ﬁ", "fi"),
        ("Straße", "strasse"),
        ("ÅNGSTRÖM", "ångström"),
        ("\u{3000}", " "),
    ])
    func nfkcCasefold(input: String, expected: String) {
        #expect(Normalization.nfkcCasefold(input) == expected)
    }

    @Test func combiningSequencesCompose() {
        #expect(Normalization.nfkcCasefold("e\u{301}") == "é")
        #expect(Normalization.nfkcCasefold("か\u{3099}") == "が")
    }
}
