/// Splits a gazetteer entry's reading over the entry's text so that ruby covers kanji only:
/// ひまわり日本語クラブ 足立 read ひまわりにほんごくらぶ あだち gives ひまわり, 日本語(にほんご), クラブ,
/// a space, 足立(あだち).
///
/// Entries come from people (classroom names and their stored readings), so the reading is matched
/// loosely where that is safe and not at all where it is not:
/// - kana in the text are anchors: they must appear in the reading, compared after katakana →
///   hiragana folding; ー also matches a vowel kana and the other way round (ルーム, るうむ);
/// - spaces, punctuation, quotes and other symbols in the text may appear in the reading or be left
///   out, and the reading may hold such characters that the text lacks;
/// - Latin letters and digits may appear in the reading (case- and width-insensitively) or be left
///   out, but not right next to a kanji run: there the kanji's share of the reading could hold
///   their sound (２号館 read にごうかん);
/// - each kanji run (with ヶ/ヵ after a kanji, as in 青ヶ島) takes at least one kana of the reading and
///   only kana.
///
/// The split is used only when it is the only one. When the reading does not fit the text, or fits
/// in two ways (two kanji runs with only a left-out space between them), ``align(_:reading:)``
/// returns nil and the gazetteer leaves the entry out, so MeCab reads that text.
enum EntryAligner {
    /// Segments for `text` read as `reading` (hiragana), or nil when there is not exactly one way
    /// to split the reading.
    static func align(_ text: String, reading: String) -> [FuriganaSegment]? {
        let runs = Self.runs(of: Array(text))
        var search = Search(runs: runs, reading: Array(reading))
        let found = search.solutions(run: 0, position: 0, after: .anchor)
        guard found.count == 1 else { return nil }
        var segments: [FuriganaSegment] = []
        var kanjiReadings = found[0].makeIterator()
        for run in runs {
            let runText = String(run.characters)
            if run.kind == .kanji, let range = kanjiReadings.next() {
                segments.append(FuriganaSegment(text: runText, reading: String(search.reading[range])))
            } else if let last = segments.last, last.reading == nil {
                segments[segments.count - 1].text += runText
            } else {
                segments.append(FuriganaSegment(text: runText))
            }
        }
        return segments
    }

    // MARK: - Runs

    enum Kind { case kanji, kana, other }

    struct Run {
        var kind: Kind
        var characters: [Character]
        /// Kana runs: the characters in hiragana. Other runs: each character case- and width-folded.
        var folded: [String] = []
    }

    private static func runs(of characters: [Character]) -> [Run] {
        var runs: [Run] = []
        for (index, character) in characters.enumerated() {
            let kind: Kind
            if character.isKanji || (index > 0 && characters[index - 1].isKanji && (character == "ヶ" || character == "ヵ")) {
                kind = .kanji
            } else if character.isKana {
                kind = .kana
            } else {
                kind = .other
            }
            if runs.last?.kind == kind {
                runs[runs.count - 1].characters.append(character)
            } else {
                runs.append(Run(kind: kind, characters: [character]))
            }
        }
        for index in runs.indices {
            switch runs[index].kind {
            case .kana: runs[index].folded = Kana.toHiragana(String(runs[index].characters)).map { String($0) }
            case .other: runs[index].folded = runs[index].characters.map(fold)
            case .kanji: break
            }
        }
        return runs
    }

    /// Case- and width-insensitive form of a character that is neither kanji nor kana.
    static func fold(_ character: Character) -> String {
        character.isASCII ? character.lowercased() : Normalization.nfkcCasefold(String(character))
    }

    /// Never read aloud, so leaving it out of a reading cannot shift a kanji's share.
    static func isSilent(_ character: Character) -> Bool {
        character.isWhitespace || character.isPunctuation || character.isSymbol
    }
}
