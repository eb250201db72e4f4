import Foundation
import JapaneseText
import Testing

/// One engine per suite run: loading the dictionary takes a few milliseconds and it is shared by design.
enum Engines {
    static let plain = try! FuriganaEngine()
    static let places = try! FuriganaEngine(
        gazetteer: .placeNames(Municipalities.all.map { (name: $0.name, kana: $0.kana) })
    )
}

@Suite("Furigana segments")
struct FuriganaSegmentTests {
    @Test func okuriganaIsSplitOff() throws {
        #expect(try Engines.plain.segments(for: "食べる") == [.init(text: "食", reading: "た"), .init(text: "べる")])
        #expect(try Engines.plain.segments(for: "お茶") == [.init(text: "お"), .init(text: "茶", reading: "ちゃ")])
        #expect(
            try Engines.plain.segments(for: "日本語を勉強します")
                == [.init(text: "日本語", reading: "にほんご"), .init(text: "を"), .init(text: "勉強", reading: "べんきょう"), .init(text: "します")]
        )
    }

    @Test func gazetteerSplitsNameAndSuffix() throws {
        let segments = try Engines.places.segments(for: "狛江市の")
        #expect(segments == [.init(text: "狛江", reading: "こまえ"), .init(text: "市", reading: "し"), .init(text: "の")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(segments), as: UTF8.self)
        #expect(json == #"[{"reading":"こまえ","text":"狛江"},{"reading":"し","text":"市"},{"text":"の"}]"#)
    }

    @Test(arguments: [("福生", "ふっさ"), ("羽村", "はむら"), ("狛江", "こまえ"), ("檜原", "ひのはら"), ("青ヶ島", "あおがしま")])
    func gazetteerStemsOverrideMeCab(stem: String, reading: String) throws {
        #expect(try Engines.places.segments(for: stem) == [.init(text: stem, reading: reading)])
        #expect(try Engines.places.reading(of: "\(stem)の教室") == "\(reading)のきょうしつ")
    }

    @Test func longestGazetteerMatchWins() throws {
        let gazetteer = Gazetteer(entries: [("東", "ひがし"), ("東村山", "ひがしむらやま"), ("東村山市", "ひがしむらやまし")])
        let engine = try FuriganaEngine(gazetteer: gazetteer)
        #expect(
            try engine.segments(for: "東村山市")
                == [.init(text: "東", reading: "ひがし"), .init(text: "村山", reading: "むらやま"), .init(text: "市", reading: "し")]
        )
    }

    /// Entries apply only to runs of whole MeCab tokens: never inside a word MeCab knows.
    @Test(arguments: [("小中野", "こなかの"), ("上板橋", "かみいたばし"), ("東中野", "ひがしなかの"), ("多摩川", "たまがわ"),
        ("中野坂上", "なかのさかうえ")])
    func gazetteerRespectsWordBoundaries(word: String, reading: String) throws {
        #expect(try Engines.plain.reading(of: word) == reading)
        #expect(try Engines.places.reading(of: word) == reading)
        #expect(try Engines.places.segments(for: word) == Engines.plain.segments(for: word))
    }

    @Test func gazetteerAppliesWhereTokensLineUp() throws {
        // MeCab: 立川/タツカワ 市/シ and 国立/コクリツ 市/シ; the entries cover those tokens exactly.
        #expect(try Engines.plain.reading(of: "立川市の教室") == "たつかわしのきょうしつ")
        #expect(try Engines.places.reading(of: "立川市の教室") == "たちかわしのきょうしつ")
        // A full name does not cut into the next token: 市立 keeps its reading.
        #expect(try Engines.places.reading(of: "狛江市立図書館") == "こまえしりつとしょかん")
        #expect(
            try Engines.places.segments(for: "狛江市民センター")
                == [.init(text: "狛江", reading: "こまえ"), .init(text: "市民", reading: "しみん"), .init(text: "センター")]
        )
    }

    @Test func gazetteerMatchesLikeMeCabSeesTheText() throws {
        // The variation selector is ignored for matching and kept in the segment text.
        #expect(
            try Engines.places.segments(for: "葛\u{E0100}飾区")
                == [.init(text: "葛\u{E0100}飾", reading: "かつしか"), .init(text: "区", reading: "く")]
        )
    }

    /// Texts and entries made of NFC-stable scalars are matched on UTF-8 bytes, others as `String`s;
    /// both paths must agree. An entry with a combining accent switches the byte path off.
    @Test func byteAndStringMatchingAgree() throws {
        // Full names and their stems, as placeNames makes them.
        var entries: [(surface: String, reading: String)] = []
        for row in Municipalities.all {
            entries.append((row.name, row.kana))
            if row.name.count >= 3, row.name != "国立市" {
                entries.append((String(row.name.dropLast()), String(row.kana.dropLast(row.name.hasSuffix("町") || row.name.hasSuffix("村") ? 2 : 1))))
            }
        }
        let bytes = try FuriganaEngine(gazetteer: Gazetteer(entries: entries))
        let strings = try FuriganaEngine(gazetteer: Gazetteer(entries: entries + [("cafe\u{301}", "かふぇ")]))
        let texts = Municipalities.all.map { "\($0.name)の日本語教室、\($0.name)立図書館、小中野" } + FuriganaInvariantTests.texts
        for text in texts {
            #expect(try bytes.segments(for: text) == strings.segments(for: text))
        }
        // A text with a combining accent goes the String way and still finds the entries.
        #expect(
            try Engines.places.segments(for: "狛江市のcafe\u{301}")
                == [.init(text: "狛江", reading: "こまえ"), .init(text: "市", reading: "し"), .init(text: "のcafe\u{301}")]
        )
    }

    @Test func placeNamesSkipsShortAndAmbiguousStems() throws {
        #expect(try Engines.places.reading(of: "国立大学") == "こくりつだいがく")
        #expect(try Engines.places.reading(of: "国立市") == "くにたちし")
        #expect(try Engines.places.reading(of: "北海道") == "ほっかいどう")
        #expect(try Engines.places.reading(of: "北区") == "きたく")
    }

    @Test func classroomNamesWithKatakanaReadings() throws {
        let engine = try FuriganaEngine(gazetteer: Gazetteer(entries: [("日本語教室ひまわり", "ニホンゴキョウシツヒマワリ")]))
        #expect(
            try engine.segments(for: "日本語教室ひまわりへ")
                == [.init(text: "日本語教室", reading: "にほんごきょうしつ"), .init(text: "ひまわりへ")]
        )
    }

    @Test(arguments: Municipalities.all)
    func municipalityReadingsAreExact(row: Municipalities.Row) throws {
        #expect(try Engines.places.reading(of: row.name) == row.kana)
        #expect(try Engines.places.segments(for: row.name).map(\.text).joined() == row.name)
    }

    @Test func variationSelectorsStayWithTheirKanji() throws {
        // 葛 with an ideographic variation selector is still read as 葛 by the dictionary.
        let text = "葛\u{E0100}飾区"
        let segments = try Engines.places.segments(for: text)
        #expect(segments.map(\.text).joined() == text)
        #expect(try Engines.places.reading(of: text) == "かつしかく")
    }

    @Test func unknownKanjiKeepTheirTextAndHaveNoInventedReading() throws {
        // 𠮷 (Ext B) is not in ipadic: MeCab gives no reading, so none is made up.
        let segments = try Engines.plain.segments(for: "𠮷野家")
        #expect(segments.map(\.text).joined() == "𠮷野家")
        #expect(segments.allSatisfy { $0.reading == nil || $0.text.containsKanji })
    }
}

@Suite("Furigana invariants")
struct FuriganaInvariantTests {
    static let texts = [
        "", "a", " ", "\n", "漢字", "ひらがな", "カタカナ", "ｶﾀｶﾅ", "Latin text", "ＡＢＣ１２３", "2026年4月1日",
        "東京都 新宿区\n西新宿２丁目８−１", "  前後に空白  ", "\t改行\r\nと\tタブ", "👨‍👩‍👧‍👦家族と🇯🇵日本へ", "🏳️‍🌈", "👍🏽いいね",
        "e\u{301}tudiant 学生", "日本語とEnglishとTiếng Việtのクラス", "〇〇区々木", "狛江市・福生市・檜原村", "。、！？「」",
        "A&B <b>太字</b> \"引用\" 'x'", String(repeating: "毎日日本語を勉強します。", count: 100), "葛\u{E0100}飾", "か\u{3099}き",
        "\u{FE00}狛江市", "\u{E0100}葛飾区\u{FE0F}", "区内在住・在勤の方, 16歳以上", "学生の方 歓迎", "足立親子にほんごの会（サンプル）",
        "佐藤実さん", "方",
    ]

    @Test(arguments: texts)
    func segmentsConcatenateBackExactly(text: String) throws {
        for engine in [Engines.plain, Engines.places] {
            let segments = try engine.segments(for: text)
            #expect(segments.map(\.text).joined().utf8.elementsEqual(text.utf8))
            for segment in segments {
                #expect(!segment.text.isEmpty)
                if let reading = segment.reading {
                    #expect(segment.text.containsKanji)
                    #expect(!reading.isEmpty)
                    #expect(Kana.toHiragana(reading) == reading)
                }
            }
            // Plain runs are merged, so two readingless segments never touch.
            for (a, b) in zip(segments, segments.dropFirst()) { #expect(a.reading != nil || b.reading != nil) }
        }
    }

    @Test func readingKeepsNonKanjiAndConvertsKana() throws {
        #expect(try Engines.plain.reading(of: "カタカナとabc 123") == "かたかなとabc 123")
        #expect(try Engines.plain.reading(of: "") == "")
    }
}

@Suite("Ruby and HTML")
struct RubyTests {
    @Test func rubyMarkup() {
        let segments: [FuriganaSegment] = [.init(text: "狛江", reading: "こまえ"), .init(text: "市", reading: "し"), .init(text: "の")]
        #expect(Ruby.html(segments) == "<ruby>狛江<rt>こまえ</rt></ruby><ruby>市<rt>し</rt></ruby>の")
        #expect(Ruby.html([]) == "")
    }

    @Test func rubyEscapesEverything() {
        let segments: [FuriganaSegment] = [.init(text: "<b>&", reading: "\"'"), .init(text: "<script>")]
        #expect(Ruby.html(segments) == "<ruby>&lt;b&gt;&amp;<rt>&quot;&#39;</rt></ruby>&lt;script&gt;")
    }

    @Test func htmlEscape() {
        #expect(HTML.escape(#"a & b < c > d " e ' f"#) == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        #expect(HTML.escape("日本語") == "日本語")
    }

    @Test(arguments: [("漢字", true), ("かな", false), ("々", true), ("〆切", true), ("ヶ", false), ("𠮷", true), ("㐂", true),
        ("﨑", true), ("abc", false), ("", false)])
    func containsKanji(text: String, expected: Bool) {
        #expect(text.containsKanji == expected)
    }
}
