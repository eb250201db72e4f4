/// How counters (助数詞) read after a number: 月 is がつ in 1月, 分 is ぷん in 10分 and ふん in 15分,
/// 日 joins the number in 2日 (ふつか).
///
/// ipadic keeps Arabic digits apart from the counter and reads the counter as a word of its own
/// (1月 → 月 つき), and reads kanji numerals and counter word by word (三日 さんにち, 一人 いちにん,
/// 六分 ろくふん). ``CounterMatcher`` finds the numbers and counters; this table says how they read.
enum CounterReadings {
    /// The counter spelled `utf8` (the bytes of a whole MeCab token), if it is one.
    static func counter(_ utf8: some Collection<UInt8>) -> CounterRule? {
        key(utf8).flatMap { counters[$0] }
    }

    /// Up to eight bytes packed into an integer (counters are at most two kanji, six bytes), so the
    /// lookup, made for every number, neither builds nor hashes a `String`. The packing would
    /// confuse a leading NUL with nothing, but input never holds one (`TextInput` rejects controls).
    private static func key(_ utf8: some Collection<UInt8>) -> UInt64? {
        guard utf8.count <= 8 else { return nil }
        return utf8.reduce(0) { key, byte in key << 8 | UInt64(byte) }
    }

    private static let counters: [UInt64: CounterRule] = Dictionary(
        uniqueKeysWithValues: spellings().map { spelling, counter in (key(spelling.utf8)!, counter) }
    )

    /// Counters by token surface.
    private static func spellings() -> [String: CounterRule] {
        // 2日–10日, 14日, 20日, 24日 read the same as dates and as numbers of days.
        let days = [
            2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか", 6: "むいか", 7: "なのか", 8: "ようか", 9: "ここのか",
            10: "とおか", 14: "じゅうよっか", 20: "はつか", 24: "にじゅうよっか",
        ]
        let always = [1, 6, 8, 10, 100]
        let rarely = [1, 8, 10]
        let minutes = CounterRule(
            reading: "ふん", geminatedAfter: always, geminatedReading: "ぷん",
            readingAfter: [3: "ぷん", 4: "ぷん", 1000: "ぷん", 10000: "ぷん"], startsFractions: true
        )
        let month = CounterRule(kanaBefore: 1, reading: "げつ", geminatedAfter: always)
        let hour: [Int: String] = [4: "よ", 7: "しち", 9: "く"]
        func voicing(_ reading: String, _ geminated: String, _ voiced: String) -> CounterRule {
            CounterRule(
                reading: reading, geminatedAfter: always, geminatedReading: geminated,
                readingAfter: [3: voiced, 1000: voiced, 10000: voiced]
            )
        }
        var counters: [String: CounterRule] = [
            "月": CounterRule(reading: "がつ", numeralReadings: [4: "し", 7: "しち", 9: "く"]),
            "日": CounterRule(reading: "にち", wholeReadings: days, dateReadings: [1: "ついたち"]),
            "日間": CounterRule(rest: 1, restReading: "かん", reading: "にち", wholeReadings: days),
            "年": CounterRule(reading: "ねん", numeralReadings: [4: "よ"]),
            "年間": CounterRule(reading: "ねんかん", numeralReadings: [4: "よ"]),
            "時": CounterRule(reading: "じ", numeralReadings: hour),
            "時半": CounterRule(reading: "じはん", numeralReadings: hour),
            "時間": CounterRule(reading: "じかん", numeralReadings: [4: "よ", 9: "く"]),
            "分": minutes,
            "週": CounterRule(reading: "しゅう", geminatedAfter: rarely),
            "週間": CounterRule(reading: "しゅうかん", geminatedAfter: rarely),
            "箇月": CounterRule(reading: "かげつ", geminatedAfter: always),
            "人": CounterRule(reading: "にん", numeralReadings: [4: "よ"], wholeReadings: [1: "ひとり", 2: "ふたり"]),
            "回": CounterRule(reading: "かい", geminatedAfter: always),
            "階": CounterRule(reading: "かい", geminatedAfter: always, readingAfter: [3: "がい"]),
            "個": CounterRule(reading: "こ", geminatedAfter: always),
            "冊": CounterRule(reading: "さつ", geminatedAfter: rarely),
            "枚": CounterRule(reading: "まい"),
            "本": voicing("ほん", "ぽん", "ぼん"),
            "杯": voicing("はい", "ぱい", "ばい"),
            "匹": voicing("ひき", "ぴき", "びき"),
            "歳": CounterRule(reading: "さい", geminatedAfter: rarely, wholeReadings: [20: "はたち"]),
            "円": CounterRule(reading: "えん", numeralReadings: [4: "よ"]),
        ]
        for spelling in ["か月", "カ月", "ヶ月", "ヵ月", "ケ月"] { counters[spelling] = month }
        // ipadic's tokens 分間 and 分の: the same 分 with かん or the particle after it.
        counters["分間"] = minutes.followed(by: "かん")
        counters["分の"] = minutes.followed(by: nil)
        return counters
    }
}
