import Testing

@testable import JapaneseText

/// Segments written compactly: texts separated by spaces, a reading in brackets after its text.
private func rendered(_ text: String, engine: FuriganaEngine = Engines.plain) throws -> String {
    try engine.segments(for: text).map { segment in segment.reading.map { "\(segment.text)(\($0))" } ?? segment.text }
        .joined(separator: " ")
}

/// Numbers followed by counters. ipadic reads the counter after Arabic digits as a word of its own
/// (1月 → 月 つき, 1日 → 日 にち) and kanji numerals word by word (三日 さんにち), so each of these
/// fails without `CounterMatcher`.
@Suite("Counter readings")
struct CounterReadingTests {
    static let dates: [(String, String)] = [
        ("2026年1月1日", "2026 年(ねん) 1 月(がつ) 1日(ついたち)"),
        ("12月24日", "12 月(がつ) 24日(にじゅうよっか)"),
        ("3月20日", "3 月(がつ) 20日(はつか)"),
        ("5月5日", "5 月(がつ) 5日(いつか)"),
        ("4月", "4 月(がつ)"),
        ("3月31日", "3 月(がつ) 31 日(にち)"),
        ("3月1日（土）", "3 月(がつ) 1日(ついたち) （ 土(ど) ）"),
        ("1日(土)から", "1日(ついたち) ( 土(ど) )から"),
        ("毎月1日", "毎月(まいつき) 1日(ついたち)"),
        ("一月一日", "一月(いちがつ) 一日(ついたち)"),
        ("二十日", "二十日(はつか)"),
        ("三日", "三日(みっか)"),
    ]

    @Test(arguments: dates)
    func date(text: String, expected: String) throws {
        #expect(try rendered(text) == expected)
    }

    /// 1日 is ついたち only as a date; otherwise いちにち, which the digit (no ruby) and 日 (にち) already say.
    @Test func oneDayIsNotTheFirstUnlessADate() throws {
        #expect(try rendered("1日") == "1 日(にち)")
        #expect(try rendered("1日に2回") == "1 日(にち) に2 回(かい)")
        #expect(try rendered("3日間") == "3日(みっか) 間(かん)")
        #expect(try rendered("1日間") == "1 日(にち) 間(かん)")
        // A bare 月 is "a month": 月1日 is one day a month; 来月1日 is a date.
        #expect(try rendered("月1日") == "月(つき) 1 日(にち)")
        #expect(try rendered("来月1日") == "来月(らいげつ) 1日(ついたち)")
        // Not the whole number: after a decimal point or a thousands separator.
        #expect(try rendered("0.5日") == "0.5 日(にち)")
        #expect(try rendered("1,020日") == "1,020 日(にち)")
    }

    static let timesAndDurations: [(String, String)] = [
        ("10時30分", "10 時(じ) 30 分(ぷん)"),
        ("9時15分", "9 時(じ) 15 分(ふん)"),
        ("8時1分", "8 時(じ) 1 分(ぷん)"),
        ("7時5分", "7 時(じ) 5 分(ふん)"),
        ("100分", "100 分(ぷん)"),
        ("5分間", "5 分(ふん) 間(かん)"),
        ("2時間", "2 時間(じかん)"),
        ("2週間", "2 週間(しゅうかん)"),
        ("3か月", "3か 月(げつ)"),
        ("3ヶ月", "3ヶ 月(げつ)"),
        ("3ヵ月", "3ヵ 月(げつ)"),
        ("5年", "5 年(ねん)"),
        ("十時三十分", "十(じゅう) 時(じ) 三(さん) 十(じゅっ) 分(ぷん)"),
        ("六分", "六(ろっ) 分(ぷん)"),
        ("四時", "四(よ) 時(じ)"),
        ("一ヶ月", "一(いっ) ヶ 月(げつ)"),
        ("一週間", "一(いっ) 週間(しゅうかん)"),
    ]

    @Test(arguments: timesAndDurations)
    func timeOrDuration(text: String, expected: String) throws {
        #expect(try rendered(text) == expected)
    }

    /// ひとり and ふたり change the number too, so their ruby covers digit and 人.
    @Test func people() throws {
        #expect(try rendered("1人") == "1人(ひとり)")
        #expect(try rendered("2人で") == "2人(ふたり) で")
        #expect(try rendered("3人") == "3 人(にん)")
        #expect(try rendered("11人") == "11 人(にん)")
        #expect(try rendered("一人で") == "一人(ひとり) で")
        #expect(try rendered("二人") == "二人(ふたり)")
    }

    static let things: [(String, String)] = [
        ("1本", "1 本(ぽん)"), ("3本", "3 本(ぼん)"), ("2本", "2 本(ほん)"), ("一本", "一(いっ) 本(ぽん)"),
        ("6杯", "6 杯(ぱい)"), ("3匹", "3 匹(びき)"), ("3階", "3 階(がい)"), ("8個", "8 個(こ)"), ("1冊", "1 冊(さつ)"),
        ("2枚", "2 枚(まい)"), ("100円", "100 円(えん)"), ("1万円", "1 万(まん) 円(えん)"), ("20歳", "20歳(はたち)"),
        ("二十歳", "二十歳(はたち)"), ("8歳", "8 歳(さい)"), ("第1回", "第(だい) 1 回(かい)"),
    ]

    @Test(arguments: things)
    func thing(text: String, expected: String) throws {
        #expect(try rendered(text) == expected)
    }

    /// ipadic spells full-width months as one word (１月 イチガツ); ruby goes on 月 as after ASCII digits.
    @Test func fullWidthDigits() throws {
        #expect(try rendered("２０２６年１月１日") == "２０２６ 年(ねん) １ 月(がつ) １日(ついたち)")
        #expect(try rendered("１２月２４日") == "１２ 月(がつ) ２４日(にじゅうよっか)")
        #expect(try rendered("４月") == "４ 月(がつ)")
        #expect(try rendered("１人") == "１人(ひとり)")
        #expect(try rendered("１０時３０分") == "１０ 時(じ) ３０ 分(ぷん)")
    }

    /// 分 is ぶん in fractions, which ipadic reads right; minutes before の are not fractions.
    @Test func fractions() throws {
        #expect(try rendered("3分の1") == "3 分(ぶん) の1")
        #expect(try rendered("三分の一") == "三(さん) 分(ぶん) の 一(いち)")
        #expect(try rendered("10分の休憩") == "10 分(ぷん) の 休憩(きゅうけい)")
    }

    /// Counters only apply to whole tokens after a number, so words keep ipadic's reading.
    @Test func wordsStayAsTheyAre() throws {
        #expect(try rendered("月がきれい") == "月(つき) がきれい")
        #expect(try rendered("月曜日") == "月曜日(げつようび)")
        #expect(try rendered("土曜日") == "土曜日(どようび)")
        #expect(try rendered("毎日") == "毎日(まいにち)")
        #expect(try rendered("今日") == "今日(きょう)")
        #expect(try rendered("日本語") == "日本語(にほんご)")
        // ipadic reads 日本 alone にっぽん; the point here is that it stays one word.
        #expect(try Engines.plain.segments(for: "日本").count == 1)
        #expect(try rendered("十二月") == "十二月(じゅうにがつ)")
        #expect(try rendered("十分に") == "十分(じゅうぶん) に")
        #expect(try rendered("三日月") == "三日月(みかづき)")
        #expect(try rendered("月1回") == "月(つき) 1 回(かい)")
    }

    @Test func gazetteerEntriesWin() throws {
        let engine = try FuriganaEngine(gazetteer: Gazetteer(entries: [("一日市場", "ひといちば")]))
        #expect(try rendered("一日市場", engine: engine) == "一日市場(ひといちば)")
    }

    @Test func segmentsConcatenateBackExactly() throws {
        let texts =
            (Self.dates + Self.timesAndDurations + Self.things).map(\.0) + [
                "1日", "1日に2回", "3日間", "0.5日", "1,020日", "2人で", "一人で", "２０２６年１月１日", "１２月２４日", "４月",
                "3分の1", "10分の休憩", "月がきれい", "日本", "1️⃣日", "9\u{FE0F}月", "２０２６年１月１日（木）10時〜12時、定員20人",
            ]
        for text in texts {
            for engine in [Engines.plain, Engines.places] {
                let segments = try engine.segments(for: text)
                #expect(segments.map(\.text).joined().utf8.elementsEqual(text.utf8), "\(text)")
                for segment in segments where segment.reading != nil { #expect(segment.text.containsKanji, "\(text)") }
            }
        }
    }
}

@Suite("Numerals before counters")
struct NumeralTests {
    static func numeral(_ text: String) -> Numeral? {
        Numeral(text.unicodeScalars.compactMap(Numeral.Symbol.init))
    }

    @Test(arguments: [
        ("1", 1, 1), ("30", 30, 10), ("100", 100, 100), ("2000", 2000, 1000), ("50000", 50000, 10000), ("0", 0, 0),
        ("２０２６", 2026, 6), ("二十四", 24, 4), ("三十", 30, 10), ("二〇二〇", 2020, 10), ("十", 10, 10), ("百", 100, 100),
        ("1万", 10000, 10000), ("3千", 3000, 1000), ("一万二千", 12000, 1000),
    ])
    func valueAndLastElement(text: String, value: Int, lastElement: Int) {
        #expect(Self.numeral(text)?.value == value)
        #expect(Self.numeral(text)?.lastElement == lastElement)
    }

    @Test func tooLargeHasNoValue() {
        #expect(Self.numeral("12345678901234567890")?.value == nil)
        #expect(Self.numeral("12345678901234567890")?.lastElement == 10)
        #expect(Self.numeral("") == nil)
    }
}
