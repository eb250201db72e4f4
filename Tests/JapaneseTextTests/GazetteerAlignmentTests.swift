import Testing

@testable import JapaneseText

/// Gazetteer entries that hold kana, spaces, punctuation or Latin letters (classroom names with their
/// stored readings) get ruby over their kanji runs only, each with its share of the entry's reading.
/// Before `EntryAligner`, such an entry was one segment with the whole reading
/// (`ひまわり日本語クラブ 足立(ひまわりにほんごくらぶ あだち)`).
@Suite("Gazetteer entries with kana and other characters")
struct GazetteerAlignmentTests {
    /// An engine whose gazetteer holds only `entry`.
    private static func engine(_ entry: (String, String)) throws -> FuriganaEngine {
        try FuriganaEngine(gazetteer: Gazetteer(entries: [entry]))
    }

    /// Entry text, its reading as stored, and the expected segments of that text. Each expectation
    /// differs from MeCab's own segments (it splits 日本語教室 in two and reads 羽村 はね + むら, 檜原
    /// ひばる), so it can only come from the entry.
    static let entries: [(String, String, String)] = [
        ("ひまわり日本語クラブ 足立", "ひまわりにほんごくらぶ あだち", "ひまわり/日本語(にほんご)/クラブ /足立(あだち)"),
        // Brackets dropped from the reading.
        ("「ことのは」日本語教室 羽村", "ことのはにほんごきょうしつ はむら", "「ことのは」/日本語教室(にほんごきょうしつ)/ /羽村(はむら)"),
        ("にほんごカフェ \"ことのは\" 檜原", "にほんごかふぇ ことのは ひのはら", "にほんごカフェ \"ことのは\" /檜原(ひのはら)"),
        // A katakana reading, stored as hiragana.
        ("さくら日本語教室 羽村", "サクラニホンゴキョウシツ ハムラ", "さくら/日本語教室(にほんごきょうしつ)/ /羽村(はむら)"),
        // ー in the text against a vowel in the reading; Latin letters found without case or apostrophe.
        ("日本語ルーム・Let's Talk 檜原", "にほんごるうむ lets talk ひのはら", "日本語(にほんご)/ルーム・Let's Talk /檜原(ひのはら)"),
        // Latin letters left out of the reading, away from the kanji.
        ("日本語で話そう, Let's Talk 檜原", "にほんごではなそう ひのはら", "日本語(にほんご)/で/話(はな)/そう, Let's Talk /檜原(ひのはら)"),
        // Full-width letters and digits found as ASCII.
        ("ＡＢＣ日本語教室 ２ 羽村", "abcにほんごきょうしつ 2 はむら", "ＡＢＣ/日本語教室(にほんごきょうしつ)/ ２ /羽村(はむら)"),
    ]

    @Test(arguments: entries)
    func kanjiRunsTakeTheirShareOfTheReading(text: String, reading: String, expected: String) throws {
        let engine = try Self.engine((text, reading))
        #expect(try notation(text, engine) == expected)
        // Also inside a longer text, where MeCab's tokens line up with the entry.
        #expect(try notation("\(text)の教室です", engine) == "\(expected)/の/教室(きょうしつ)/です")
    }

    /// A reading that does not fit the entry's kana, or that fits it in two ways, is not used: MeCab
    /// reads that text, and no ruby covers kana.
    static let unalignable: [(String, String)] = [
        // The kana of the text are not in the reading.
        ("さくら日本語クラブ 羽村", "ひまわりにほんごくらぶ はむら"),
        ("日本語カフェ 羽村", "にほんごさろん はむら"),
        // Two kanji runs with only a left-out space between them: where does 協会 end?
        ("国際交流協会 日本語サロン 羽村", "こくさいこうりゅうきょうかいにほんごさろん はむら"),
        // A digit left out right before kanji: its sound may be in the kanji's share (だいに).
        ("第2日本語教室 羽村", "だいににほんごきょうしつ はむら"),
        // Latin letters read out in kana rather than left out.
        ("ABC日本語教室 羽村", "えーびーしーにほんごきょうしつ はむら"),
        // Characters that are not kana in a kanji's share.
        ("日本語教室 羽村", "にほんごきょうしつ1はむら"),
    ]

    @Test(arguments: unalignable)
    func unalignableEntriesFallBackToMeCab(text: String, reading: String) throws {
        #expect(EntryAligner.align(text, reading: reading) == nil)
        let engine = try Self.engine((text, reading))
        #expect(try engine.segments(for: text) == Engines.plain.segments(for: text))
        #expect(Gazetteer(entries: [(text, reading)]).count == 0)
    }

    /// The aligner on its own, where MeCab would not tell the difference.
    @Test func alignerMatchesLooselyWhereThatIsSafe() {
        func aligned(_ text: String, _ reading: String) -> String? { EntryAligner.align(text, reading: reading).map(notation) }
        // Half-width katakana, and a reading with a separator the text lacks.
        #expect(aligned("ｶﾀｶﾅ教室", "かたかなきょうしつ") == "ｶﾀｶﾅ/教室(きょうしつ)")
        #expect(aligned("日本語教室ひまわり", "にほんごきょうしつ・ひまわり") == "日本語教室(にほんごきょうしつ)/ひまわり")
        // ー in the reading against a vowel in the text, and ー on both sides.
        #expect(aligned("おねえさん教室", "おねーさんきょうしつ") == "おねえさん/教室(きょうしつ)")
        #expect(aligned("サーバー室", "さーばーしつ") == "サーバー/室(しつ)")
        // Digits and letters may be left out where kana separate them from the kanji.
        #expect(aligned("日本語サロン 2", "にほんごさろん") == "日本語(にほんご)/サロン 2")
        #expect(aligned("日本語2", "にほんご") == nil)
        // ヶ after a kanji belongs to its run, as in 青ヶ島.
        #expect(aligned("さくら青ヶ丘", "さくらあおがおか") == "さくら/青ヶ丘(あおがおか)")
        // Kanji only: one segment, as before.
        #expect(aligned("日本語教室", "にほんごきょうしつ") == "日本語教室(にほんごきょうしつ)")
    }

    /// A final 区/市/町/村 is split off only when the name before it has two or more Characters
    /// (counting the kanji and kana that end the entry), and a kanji run that a shorter entry spells
    /// is read like that entry.
    @Test func municipalitySuffixesAndKnownNamesInsideEntries() throws {
        let gazetteer = Gazetteer(entries: [
            ("港", "みなと"), ("港区", "みなとく"), ("あきる野", "あきるの"),
            ("ひまわり日本語クラブ 羽村", "ひまわりにほんごくらぶ はむら"),
            ("土曜日本語クラブ 港区", "どようにほんごくらぶ みなとく"),
            ("さくら教室 中央区", "さくらきょうしつ ちゅうおうく"),
            ("あきる野市", "あきるのし"), ("ひので町", "ひのでまち"),
        ])
        func split(_ surface: String) -> String? { gazetteer.entries[surface].map(notation) }
        // 羽村: 羽 alone is no name, so 村 stays with it (it used to become 羽(は) 村(むら)).
        #expect(split("ひまわり日本語クラブ 羽村") == "ひまわり/日本語(にほんご)/クラブ /羽村(はむら)")
        #expect(split("土曜日本語クラブ 港区") == "土曜日本語(どようにほんご)/クラブ /港(みなと)/区(く)")
        #expect(split("さくら教室 中央区") == "さくら/教室(きょうしつ)/ /中央(ちゅうおう)/区(く)")
        #expect(split("あきる野市") == "あきる/野(の)/市(し)")
        #expect(split("ひので町") == "ひので/町(まち)")
    }

    /// Whole-kanji entries split as before: municipality names and their stems.
    @Test func wholeKanjiEntriesAreUnchanged() throws {
        #expect(try notation("狛江市の", Engines.places) == "狛江(こまえ)/市(し)/の")
        #expect(try notation("青ヶ島村", Engines.places) == "青ヶ島(あおがしま)/村(むら)")
        #expect(try notation("羽村", Engines.places) == "羽村(はむら)")
        let engine = try FuriganaEngine(gazetteer: Gazetteer(entries: [("国分寺", "こくぶんじ"), ("国分寺日本語教室", "こくぶんじにほんごきょうしつ")]))
        #expect(try notation("国分寺日本語教室", engine) == "国分寺(こくぶんじ)/日本語教室(にほんごきょうしつ)")
    }

    /// Over classroom-style entries, whatever their shape: segments join back to the text and
    /// no ruby covers anything but kanji (and ヶ between them).
    @Test func rubyNeverCoversKanaOrSpaces() throws {
        let entries: [(String, String)] = Self.entries.map { ($0.0, $0.1) } + Self.unalignable + [
            ("江東オンラインにほんごカフェ", "こうとうおんらいんにほんごかふぇ"),
            ("世田谷国際交流協会 日本語サロン 2", "せたがやこくさいこうりゅうきょうかい にほんごさろん 2"),
            ("冬休みにほんご講座 江戸川", "ふゆやすみにほんごこうざ えどがわ"),
            ("仕事帰りの日本語教室 港区", "しごとがえりのにほんごきょうしつ みなとく"),
        ]
        let engine = try FuriganaEngine(gazetteer: Gazetteer(entries: entries))
        for (text, _) in entries {
            let segments = try engine.segments(for: text)
            #expect(segments.map(\.text).joined() == text)
            for segment in segments where segment.reading != nil {
                #expect(segment.text.allSatisfy { $0.isKanji || $0 == "ヶ" || $0 == "ヵ" }, "\(segment)")
            }
        }
    }
}
