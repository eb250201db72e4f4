import Testing

@testable import JapaneseText

/// Words MeCab takes for a person's given name in group names (after a family name such as 足立,
/// before hiragana it cannot parse) are read as the common noun they are. The rule and its limits
/// are documented on `PersonNameRule`.
@Suite("Person names read as common nouns")
struct PersonNameReadingTests {
    static let commonNouns: [(String, String)] = [
        ("足立親子にほんごの会", "足立(あだち)/親子(おやこ)/にほんごの/会(かい)"),
        ("大田親子にほんごの会（サンプル）", "大田(おおた)/親子(おやこ)/にほんごの/会(かい)/（サンプル）"),
        ("町田親子にほんごひろば", "町田(まちだ)/親子(おやこ)/にほんごひろば"),
        ("足立光輝にほんごの会", "足立(あだち)/光輝(こうき)/にほんごの/会(かい)"),
    ]

    @Test(arguments: commonNouns)
    func commonNounReadingWins(text: String, expected: String) throws {
        #expect(try notation(text, Engines.plain) == expected)
    }

    /// Names keep their reading: with a title after them, when they are the usual reading of the word
    /// on its own, and when they are one kanji.
    static let names: [(String, String)] = [
        ("足立光輝さん", "足立(あだち)/光輝(みつてる)/さん"),
        ("講師：山田花子", "講師(こうし)/：/山田(やまだ)/花子(はなこ)"),
        ("佐藤実さん", "佐藤(さとう)/実(みのる)/さん"),
        ("足立実にほんごの会", "足立(あだち)/実(みのる)/にほんごの/会(かい)"),
        ("神田", "神田(かんだ)"),
        ("上田", "上田(うえだ)"),
    ]

    @Test(arguments: names)
    func namesStayNames(text: String, expected: String) throws {
        #expect(try notation(text, Engines.plain) == expected)
    }

    /// The common-noun reading comes from a second parse of the word alone, done only for person
    /// names whose lattice holds a common noun of the same span: most family names have none.
    @Test func onlyPersonNamesWithACommonTwinGetAReading() throws {
        let tagger = try MeCabTagger()
        let tokens = try #require(tagger.tokens(of: "足立親子にほんごの会"))
        #expect(tokens.compactMap(\.commonNounReading) == ["オヤコ"])
    }
}
