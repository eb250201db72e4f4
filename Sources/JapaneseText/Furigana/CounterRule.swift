/// The readings of one counter (助数詞) after a number, as spelled in one ipadic token.
///
/// A class so that looking one up in ``CounterReadings`` for every number retains one object
/// rather than copying seven strings and tables.
final class CounterRule: Sendable {
    /// Kana before the kanji, read with the number and left without ruby: the か of 3か月.
    let kanaBefore: Int
    /// Characters after the kanji that MeCab keeps in the same token (間 of 日間, の of 分の) and
    /// their ruby (nil for kana).
    let rest: Int
    let restReading: String?
    /// Reading of the kanji after most numbers.
    let reading: String
    /// Numbers whose ``Numeral/lastElement`` is one of these end in a small っ before this
    /// counter (いっ, ろっ, はっ, じゅっ, ひゃっ), and the counter then reads `geminatedReading`.
    let geminatedAfter: [Int]
    let geminatedReading: String?
    /// Other readings of the kanji by the number's last element (3本 さんぼん).
    let readingAfter: [Int: String]
    /// Readings of a final kanji numeral by last element (四時 よじ: 四 is よん on its own).
    let numeralReadings: [Int: String]
    /// Readings of number and counter as one unit, by value (2日 ふつか, 1人 ひとり): the
    /// number's own sound changes, so no ruby over the counter alone would be right.
    let wholeReadings: [Int: String]
    /// As `wholeReadings`, where the number and counter are a date (1日 ついたち, else いちにち).
    let dateReadings: [Int: String]
    /// 分 is also the ぶん of fractions (3分の1), which ipadic already reads right.
    let startsFractions: Bool

    init(
        kanaBefore: Int = 0, rest: Int = 0, restReading: String? = nil, reading: String, geminatedAfter: [Int] = [],
        geminatedReading: String? = nil, readingAfter: [Int: String] = [:], numeralReadings: [Int: String] = [:],
        wholeReadings: [Int: String] = [:], dateReadings: [Int: String] = [:], startsFractions: Bool = false
    ) {
        self.kanaBefore = kanaBefore
        self.rest = rest
        self.restReading = restReading
        self.reading = reading
        self.geminatedAfter = geminatedAfter
        self.geminatedReading = geminatedReading
        self.readingAfter = readingAfter
        self.numeralReadings = numeralReadings
        self.wholeReadings = wholeReadings
        self.dateReadings = dateReadings
        self.startsFractions = startsFractions
    }

    /// The same counter with one more Character in its token, read `reading`.
    func followed(by reading: String?) -> CounterRule {
        CounterRule(
            kanaBefore: kanaBefore, rest: 1, restReading: reading, reading: self.reading, geminatedAfter: geminatedAfter,
            geminatedReading: geminatedReading, readingAfter: readingAfter, numeralReadings: numeralReadings,
            wholeReadings: wholeReadings, dateReadings: dateReadings, startsFractions: startsFractions
        )
    }

    /// Reading of the counter's kanji after a number ending in `element`.
    func reading(after element: Int) -> String {
        if geminatedAfter.contains(element) { return geminatedReading ?? reading }
        return readingAfter[element] ?? reading
    }

    /// New reading of the number's final kanji numeral, read `numeral` on its own, before this
    /// counter; nil when it does not change.
    func reading(ofNumeral numeral: String, element: Int) -> String? {
        if geminatedAfter.contains(element) {
            guard let last = numeral.last, last == "く" || last == "ち" || last == "う" else { return nil }
            return numeral.dropLast() + "っ"
        }
        return numeralReadings[element]
    }
}
