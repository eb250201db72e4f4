/// Reads 方 as かた (a person, politely) where ipadic says ほう (direction, side, comparison) but
/// the text is a listing or an eligibility line: 在住・在勤の方, 16歳以上の方, 学生の方歓迎.
///
/// The rule, for a token 方 that MeCab reads ホウ:
/// - it follows, with nothing in between, the particle の or a verb, adjective or auxiliary in its
///   attributive form (学びたい方, 苦手な方, 参加した方); and
/// - it ends the phrase: the text ends, or a space or punctuation (、。・）」,) follows, or one of the
///   particles は, も, や, と, で, のみ, など, or a noun of the kind eligibility lines end with
///   (歓迎, 限定, 対象, 優先, 募集, 専用, also after the prefix 大: 大歓迎).
///
/// Where が, を, に or へ follows, ほう stays: 安い方がいい and こちらの方が安い compare, 駅の方に歩く
/// points. Both readings are possible there (保護者の方に連絡します is かた), but ほう is the
/// dictionary's choice and the rule only overrides it where the phrase leaves no other sense.
/// 方々 (かたがた) and words such as やり方, 働いている方 are separate tokens that MeCab already reads
/// with かた.
enum KataRule {
    static func apply(to tokens: inout [MeCabTagger.Token], in analysed: String) {
        var analysed = analysed
        analysed.withUTF8 { bytes in
            for index in tokens.indices where Self.is(tokens[index], "方", in: bytes) && tokens[index].reading == "ホウ" {
                if Self.modifiesNoun(index, tokens, bytes) && Self.endsPhrase(index, tokens, bytes) {
                    tokens[index].reading = "カタ"
                }
            }
        }
    }

    private static func modifiesNoun(_ index: Int, _ tokens: [MeCabTagger.Token], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index > 0, tokens[index - 1].end == tokens[index].start else { return false }
        let previous = tokens[index - 1]
        switch previous.wordClass {
        case .particle: return Self.is(previous, "の", in: bytes)
        case .verb, .adjective, .auxiliary: return previous.isAttributive
        default: return false
        }
    }

    private static let particles: [StaticString] = ["は", "も", "や", "と", "で", "のみ", "など"]
    private static let nouns: [StaticString] = ["歓迎", "限定", "対象", "優先", "募集", "専用"]

    private static func endsPhrase(_ index: Int, _ tokens: [MeCabTagger.Token], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var next = index + 1
        // A space (which MeCab skips) or the end of the text.
        guard next < tokens.count, tokens[next].start == tokens[index].end else { return true }
        if tokens[next].wordClass == .prefix, Self.is(tokens[next], "大", in: bytes), next + 1 < tokens.count {
            next += 1
        }
        let token = tokens[next]
        // ipadic tags half-width punctuation as unknown nouns (在学の方, 16歳以上), so the character decides.
        if token.wordClass == .symbol || Self.startsWithPunctuation(token, in: bytes) { return true }
        switch token.wordClass {
        // ipadic tags some of these particles as auxiliaries in context (16歳以上の方で: だ; の方や: や).
        case .particle, .auxiliary: return particles.contains { Self.is(token, $0, in: bytes) }
        case .noun: return nouns.contains { Self.is(token, $0, in: bytes) }
        default: return false
        }
    }

    private static func startsWithPunctuation(_ token: MeCabTagger.Token, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = bytes[token.start..<token.end].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default: return false
        }
    }

    /// True when the token's text is `text`.
    private static func `is`(_ token: MeCabTagger.Token, _ text: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.end - token.start == text.utf8CodeUnitCount else { return false }
        return UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount).elementsEqual(bytes[token.start..<token.end])
    }
}
