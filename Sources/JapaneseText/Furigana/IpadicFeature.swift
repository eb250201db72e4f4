/// What the furigana rules need from one ipadic feature string
/// (品詞,細分類1,細分類2,細分類3,活用型,活用形,原形,読み,発音), read in place in one pass.
///
/// Only the reading becomes a `String`; everything else is decided by comparing bytes at the end
/// of the fields that matter, so the cost stays that of scanning to the reading, as before.
struct IpadicFeature {
    /// 品詞 (field 1), as far as the reading rules tell them apart.
    enum WordClass: UInt8 {
        case noun, verb, adjective, auxiliary, particle, prefix, symbol, other
    }

    var wordClass = WordClass.other
    /// 名詞 of a kind that makes an ordinary word (一般, サ変接続, 形容動詞語幹, 副詞可能,
    /// ナイ形容詞語幹): not a proper noun, numeral, pronoun, suffix or dependent noun.
    var isCommonNoun = false
    /// 名詞,固有名詞,人名: a family or given name.
    var isPersonName = false
    /// 名詞,接尾,人名: a title after a name (さん, 様, 氏, 君, ちゃん, 殿).
    var isPersonSuffix = false
    /// 活用形 基本形 or 体言接続: a verb, adjective or auxiliary in the form that can modify a
    /// following noun (ipadic has no separate 連体形: 学ぶ, 学びたい, 苦手な).
    var isAttributive = false
    /// Byte range of the reading (field 8) in the feature string; nil when absent or "*".
    var reading: Range<Int>?

    init(_ feature: UnsafePointer<CChar>) {
        var field = 0
        var start = 0
        var position = 0
        var isProperNoun = false
        var isSuffix = false
        while true {
            let byte = UInt8(bitPattern: feature[position])
            if byte == UInt8(ascii: ",") || byte == 0 {
                let range = start..<position
                switch field {
                case 0: wordClass = Self.wordClass(feature, range)
                case 1 where wordClass == .noun:
                    isProperNoun = Self.equals(feature, range, "固有名詞")
                    isSuffix = !isProperNoun && Self.equals(feature, range, "接尾")
                    isCommonNoun = !isProperNoun && !isSuffix && Self.isCommonNounKind(feature, range)
                case 2 where isProperNoun: isPersonName = Self.equals(feature, range, "人名")
                case 2 where isSuffix: isPersonSuffix = Self.equals(feature, range, "人名")
                case 5 where wordClass == .verb || wordClass == .adjective || wordClass == .auxiliary:
                    isAttributive = Self.equals(feature, range, "基本形") || Self.equals(feature, range, "体言接続")
                case 7:
                    if !range.isEmpty && !Self.equals(feature, range, "*") { reading = range }
                    return
                default: break
                }
                if byte == 0 { return }
                field += 1
                start = position + 1
            }
            position += 1
        }
    }

    /// The reading as a `String` (katakana, as ipadic spells it).
    func readingString(_ feature: UnsafePointer<CChar>) -> String? {
        guard let reading else { return nil }
        return UnsafeRawPointer(feature + reading.lowerBound).withMemoryRebound(to: UInt8.self, capacity: reading.count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: reading.count), as: UTF8.self)
        }
    }

    // Plain comparisons rather than a table: this runs for every token, and a static array of
    // StaticStrings searched through a closure cost about twice as many instructions (callgrind).
    private static func isCommonNounKind(_ feature: UnsafePointer<CChar>, _ range: Range<Int>) -> Bool {
        equals(feature, range, "一般") || equals(feature, range, "サ変接続") || equals(feature, range, "形容動詞語幹")
            || equals(feature, range, "副詞可能") || equals(feature, range, "ナイ形容詞語幹")
    }

    private static func wordClass(_ feature: UnsafePointer<CChar>, _ range: Range<Int>) -> WordClass {
        // Every class name here is two or three kanji (6 or 9 bytes); the others are rare.
        switch range.count {
        case 6:
            if equals(feature, range, "名詞") { return .noun }
            if equals(feature, range, "助詞") { return .particle }
            if equals(feature, range, "動詞") { return .verb }
            if equals(feature, range, "記号") { return .symbol }
        case 9:
            if equals(feature, range, "助動詞") { return .auxiliary }
            if equals(feature, range, "形容詞") { return .adjective }
            if equals(feature, range, "接頭詞") { return .prefix }
        default: break
        }
        return .other
    }

    /// A cheap first test for `isCommonNoun`, on the first fields only: a noun, not a proper one.
    static func mayBeCommonNoun(_ feature: UnsafePointer<CChar>) -> Bool {
        let noun: StaticString = "名詞,"
        let properNoun: StaticString = "名詞,固有名詞,"
        return equals(feature, 0..<noun.utf8CodeUnitCount, noun) && !equals(feature, 0..<properNoun.utf8CodeUnitCount, properNoun)
    }

    /// True when bytes `range` of `feature` spell `text`. Stops at the first difference, so it never
    /// reads past the end of a shorter NUL-terminated feature string.
    @inline(__always)
    static func equals(_ feature: UnsafePointer<CChar>, _ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let bytes = text.utf8Start
        for offset in 0..<range.count where UInt8(bitPattern: feature[range.lowerBound + offset]) != bytes[offset] {
            return false
        }
        return true
    }
}
