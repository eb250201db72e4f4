/// Finds numbers followed by a counter among MeCab's tokens and gives them the readings of
/// ``CounterReadings``, without parsing again.
///
/// A match is a run of tokens made only of numerals (２０２６ is four tokens, 二十四 three) and the
/// token right after it, when that token is a counter of the table. ipadic's one-token spellings of
/// full-width months (１月, １２月, read as a whole) count as digits plus 月, so that ruby sits on 月
/// as it does after ASCII digits. Only whole tokens are matched, so words the dictionary knows keep
/// their reading: 十分 (enough), 三日月, 一時, 十二月, 月曜日, 二日酔い.
///
/// Segments: Arabic digits get no ruby and the counter its reading (2026 年(ねん)); kanji numerals
/// keep MeCab's readings, the last one adjusted when the counter changes its sound (六(ろっ)分(ぷん));
/// a reading that changes the number too covers number and counter (1日(ついたち), 二人(ふたり)).
enum CounterMatcher {
    /// When a number and its counter start at unit `start`, passes their segments to `emit` and
    /// returns the index of the unit after the counter; otherwise emits nothing and returns nil.
    /// `readings` are the hiragana readings of the tokens that have one.
    ///
    /// Called at every unit, so anything MeCab did not mark as a possible number is turned away first.
    static func segments(
        _ units: [FuriganaEngine.Analysis.Unit], from start: Int, in analysis: FuriganaEngine.Analysis,
        tokens: [MeCabTagger.Token], readings: [String?], emit: (FuriganaSegment) -> Void
    ) -> Int? {
        guard let token = units[start].token, tokens[token].startsNumber else { return nil }
        var end = start
        while end < units.count, let token = units[end].token, tokens[token].startsNumber,
            analysis.isNumerals(units[end].first..<units[end].end)
        {
            end += 1
        }
        guard end < units.count, units[end].token != nil else { return nil }
        let number = start..<end
        let counterUnit = units[end]
        // ipadic's １月…１２月 are one token: its Arabic digits belong to the number.
        var counterFirst = counterUnit.first
        while counterFirst < counterUnit.end, analysis.numeral(at: counterFirst)?.isArabic == true { counterFirst += 1 }
        let numberFirst = units[start].first
        guard numberFirst < counterFirst, counterFirst < counterUnit.end,
            let counter = analysis.withAnalysedUTF8(counterFirst..<counterUnit.end, CounterReadings.counter) ?? nil,
            let numeral = Numeral((numberFirst..<counterFirst).lazy.compactMap { analysis.numeral(at: $0) })
        else { return nil }
        let kanjiFirst = counterFirst + counter.kanaBefore
        let restFirst = counterUnit.end - counter.rest
        // The の is the token's last Character (分の) or the next one (分).
        if counter.startsFractions, analysis.scalar(restFirst) == "の", analysis.numeral(at: restFirst + 1) != nil { return nil }

        if let whole = wholeReading(counter, numeral, from: numberFirst, to: counterUnit.end, in: analysis) {
            emit(FuriganaSegment(text: analysis.text(numberFirst..<restFirst), reading: whole))
        } else {
            for index in number {
                let unit = units[index]
                let text = analysis.text(unit.first..<unit.end)
                guard let token = unit.token, var reading = readings[token] else {
                    emit(FuriganaSegment(text: text))
                    continue
                }
                if index == end - 1, counterFirst == counterUnit.first, unit.end - unit.first == 1,
                    let symbol = analysis.numeral(at: unit.first), !symbol.isArabic, symbol.element == numeral.lastElement,
                    let changed = counter.reading(ofNumeral: reading, element: numeral.lastElement)
                {
                    reading = changed
                }
                ReadingAligner.align(text, reading: reading).forEach(emit)
            }
            if counterUnit.first < kanjiFirst { emit(FuriganaSegment(text: analysis.text(counterUnit.first..<kanjiFirst))) }
            emit(FuriganaSegment(text: analysis.text(kanjiFirst..<restFirst), reading: counter.reading(after: numeral.lastElement)))
        }
        if restFirst < counterUnit.end {
            emit(FuriganaSegment(text: analysis.text(restFirst..<counterUnit.end), reading: counter.restReading))
        }
        return end + 1
    }

    /// The reading of number and counter together, if the number has one with this counter.
    private static func wholeReading(
        _ counter: CounterRule, _ numeral: Numeral, from first: Int, to end: Int, in analysis: FuriganaEngine.Analysis
    ) -> String? {
        guard let value = numeral.value else { return nil }
        // After a decimal point or a thousands separator the digits are not the whole number (0.5日, 1,020日).
        switch analysis.scalar(first - 1) {
        case ".", "．", ",", "，": return nil
        default: break
        }
        if let reading = counter.dateReadings[value], isDate(from: first, to: end, in: analysis) { return reading }
        return counter.wholeReadings[value]
    }

    /// A day of the month: after a month (1月1日, 毎月1日, 来月1日) or before a weekday in brackets
    /// (1日（土）). A bare 月 is "a month" (月1日 is one day a month), not a month of the calendar.
    private static func isDate(from first: Int, to end: Int, in analysis: FuriganaEngine.Analysis) -> Bool {
        if analysis.scalar(first - 1) == "月" {
            if analysis.numeral(at: first - 2) != nil { return true }
            switch analysis.scalar(first - 2) {
            case "毎", "今", "来", "先", "翌", "前", "同", "当": return true
            default: break
            }
        }
        guard let bracket = analysis.scalar(end), bracket == "（" || bracket == "(" else { return false }
        switch analysis.scalar(end + 1) {
        case "月", "火", "水", "木", "金", "土", "日": return true
        default: return false
        }
    }
}
