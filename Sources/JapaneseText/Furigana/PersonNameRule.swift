/// Reads a word MeCab tagged as a person's name as the common noun spelled the same, when MeCab
/// reads the word that way on its own: 足立親子にほんごの会 is 親子 おやこ (parent and child), not the
/// given name ちかこ that ipadic picks after the family name 足立 and before hiragana it cannot parse.
///
/// The texts this engine reads (classroom names, organisers, venues, eligibility) name places and
/// groups far more often than people, and a misread ordinary word is a worse mistake for a learner
/// than a given name read as the word it is spelled with. Limits, each against a measured or
/// obvious loss:
/// - the common noun is the one MeCab picks for the word parsed on its own (see
///   `MeCabTagger.Token.commonNounReading`), so names whose usual reading is the name keep it
///   (神田 かんだ rather than the common noun しんでん, 上田 うえだ, 花子);
/// - names of one kanji keep their reading: they are common given names (実 みのる, 望 のぞむ)
///   whose common nouns (み, もち) are rarely meant, or pieces of a compound MeCab cut up
///   (丹三郎, 旭丘, 堤通: 4 town names change and all are wrong either way);
/// - a name followed by a title (さん, 様, 氏, 君, ちゃん: ipadic 名詞,接尾,人名) is a person.
///
/// On the Tokyo town and address lists (3,182 rows) the rule changes no reading
/// (bench/furigana/RESULTS.md, section 4).
enum PersonNameRule {
    static func apply(to tokens: inout [MeCabTagger.Token]) {
        for index in tokens.indices {
            guard let reading = tokens[index].commonNounReading else { continue }
            let next = index + 1
            if next < tokens.count, tokens[next].start == tokens[index].end, tokens[next].isPersonSuffix { continue }
            tokens[index].reading = reading
        }
    }
}
