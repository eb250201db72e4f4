/// MeCab + gazetteer furigana. Create once, share across concurrent requests.
///
/// Readings come from MeCab with the IPA dictionary (feature field 8, katakana, converted to
/// hiragana with ICU) unless a ``Gazetteer`` entry covers the text, in which case the longest
/// entry wins. Words MeCab does not know carry no reading in ipadic, and no per-character
/// on'yomi table is available, so kanji in such words get a `nil` reading rather than a guess.
///
/// Thread safety: see `MeCabTagger` (shared model and tagger, one lattice per call) and
/// `Transliterator` (pooled ICU transforms). Everything else here is immutable.
public final class FuriganaEngine: Sendable {
    /// Longest accepted input, in `Character`s.
    public static let maxInputLength = 2000

    private let tagger: MeCabTagger
    private let gazetteer: Gazetteer

    /// Loads MeCab's dictionary (from /etc/mecabrc); throws ``TextError/engineUnavailable(_:)``
    /// when it cannot be loaded.
    public convenience init(gazetteer: Gazetteer = .empty) throws(TextError) {
        try self.init(gazetteer: gazetteer, mecabArguments: "")
    }

    /// As ``init(gazetteer:)`` with MeCab options, e.g. `-d /var/lib/mecab/dic/ipadic-utf8`.
    public init(gazetteer: Gazetteer, mecabArguments: String) throws(TextError) {
        self.tagger = try MeCabTagger(arguments: mecabArguments)
        self.gazetteer = gazetteer
    }

    /// Furigana segments. They concatenate back to `text` exactly, never split a `Character`,
    /// and only segments containing kanji have a reading.
    ///
    /// Throws ``TextError/controlCharacters`` or ``TextError/tooLong(limit:actual:)``.
    public func segments(for text: String) throws(TextError) -> [FuriganaSegment] {
        try TextInput.check(text, limit: Self.maxInputLength)
        let characters = Array(text)
        var segments: [FuriganaSegment] = []
        var pieceStart = 0
        var index = 0
        while index < characters.count {
            guard let match = gazetteer.longestMatch(in: characters, at: index) else {
                index += 1
                continue
            }
            segments += analyse(characters[pieceStart..<index])
            // Texts come from the input, not the entry, so canonically equivalent spellings survive.
            var offset = index
            for segment in match.segments {
                let length = segment.text.count
                segments.append(FuriganaSegment(text: String(characters[offset..<offset + length]), reading: segment.reading))
                offset += length
            }
            index += match.length
            pieceStart = index
        }
        segments += analyse(characters[pieceStart..<characters.count])
        return Self.mergingPlainText(segments)
    }

    /// Whole hiragana reading: kanji replaced by their readings, kana as hiragana, other
    /// characters unchanged. Throws like ``segments(for:)``.
    public func reading(of text: String) throws(TextError) -> String {
        let joined = try segments(for: text).map { $0.reading ?? $0.text }.joined()
        return Kana.toHiragana(joined)
    }

    /// MeCab alone on `text` (lattice, parse, walk), for benchmarks; returns the node count.
    func rawMeCabParse(_ text: String) -> Int { tagger.parseOnly(text) }

    // MARK: - MeCab analysis

    /// Segments for text not covered by the gazetteer.
    private func analyse(_ characters: ArraySlice<Character>) -> [FuriganaSegment] {
        if characters.isEmpty { return [] }
        let text = String(characters)
        guard text.containsKanji else { return [FuriganaSegment(text: text)] }
        // MeCab gets the text without variation selectors (葛󠄀 = 葛 + U+E0100 is still 葛 in the
        // dictionary); `analysedText` keeps each Character's bytes as MeCab sees them.
        let analysedText = characters.map(Self.withoutVariationSelectors)
        guard let tokens = tagger.tokens(of: analysedText.joined()), !tokens.isEmpty else {
            return [FuriganaSegment(text: text)]
        }
        // A Character belongs to the token holding its first byte, so a token boundary inside a
        // grapheme cluster (emoji sequences, combining marks) moves to the cluster's end.
        // Characters in no token (whitespace MeCab skipped) form groups of their own.
        var groups: [(token: Int?, characters: [Character])] = []
        var byteOffset = 0
        var tokenIndex = 0
        for (character, analysed) in zip(characters, analysedText) {
            while tokenIndex < tokens.count, tokens[tokenIndex].end <= byteOffset { tokenIndex += 1 }
            let owner: Int? =
                tokenIndex < tokens.count && tokens[tokenIndex].start <= byteOffset ? tokenIndex : nil
            if let last = groups.last, last.token == owner {
                groups[groups.count - 1].characters.append(character)
            } else {
                groups.append((owner, [character]))
            }
            byteOffset += analysed.utf8.count
        }
        // One ICU call for all readings of the piece rather than one per token (line feeds never
        // occur in a reading and pass through the transform untouched).
        let hiragana = Kana.toHiragana(tokens.map { $0.reading ?? "" }.joined(separator: "\n"))
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var segments: [FuriganaSegment] = []
        for group in groups {
            if let token = group.token, tokens[token].reading != nil, hiragana.count == tokens.count {
                segments += ReadingAligner.align(group.characters, reading: hiragana[token])
            } else if let token = group.token, let reading = tokens[token].reading {
                segments += ReadingAligner.align(group.characters, reading: Kana.toHiragana(reading))
            } else {
                segments.append(FuriganaSegment(text: String(group.characters)))
            }
        }
        return segments
    }

    private static func withoutVariationSelectors(_ character: Character) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in character.unicodeScalars {
            switch scalar.value {
            case 0xFE00...0xFE0F, 0xE0100...0xE01EF: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Joins neighbouring segments without a reading, so plain text comes out in one piece.
    private static func mergingPlainText(_ segments: [FuriganaSegment]) -> [FuriganaSegment] {
        var merged: [FuriganaSegment] = []
        merged.reserveCapacity(segments.count)
        for segment in segments where !segment.text.isEmpty {
            if segment.reading == nil, let last = merged.last, last.reading == nil {
                merged[merged.count - 1].text += segment.text
            } else {
                merged.append(segment)
            }
        }
        return merged
    }
}
