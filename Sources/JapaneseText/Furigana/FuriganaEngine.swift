import Synchronization

/// MeCab + gazetteer furigana. Create once, share across concurrent requests.
///
/// Readings come from MeCab with the IPA dictionary (feature field 8, katakana, converted to
/// hiragana with ICU, one ICU call per text) unless a ``Gazetteer`` entry covers a run of whole
/// MeCab tokens, in which case the longest such entry wins (see ``Gazetteer`` for the rule).
/// Numbers followed by a counter (1月, 10時30分, 3日, 1人) take the counter's reading after that
/// number from ``CounterReadings`` instead of ipadic's word-by-word one (see ``CounterMatcher``).
/// Two context rules correct MeCab's readings first: 方 is かた where it means a person
/// (16歳以上の方, see `KataRule`), and a word taken for a person's name is read as the common noun
/// it is on its own (足立親子にほんごの会: 親子 おやこ, not ちかこ; see `PersonNameRule`).
/// Words MeCab does not know carry no reading in ipadic, and no per-character on'yomi table is
/// available, so kanji in such words get a `nil` reading rather than a guess.
///
/// The gazetteer can be replaced while the engine serves (``replaceGazetteer(_:)``), because the
/// names it holds change whenever a classroom is saved; each call reads one gazetteer throughout.
///
/// Thread safety: see `MeCabTagger` (shared model and tagger, one lattice per call) and
/// `Transliterator` (pooled ICU transforms). The gazetteer sits behind a mutex and is copied out
/// (copy-on-write, so no entries are copied) at the start of each call.
public final class FuriganaEngine: Sendable {
    /// Longest accepted input, in `Character`s.
    public static let maxInputLength = 2000

    private let tagger: MeCabTagger
    private let current: Mutex<(gazetteer: Gazetteer, version: Int)>

    /// Loads MeCab's dictionary (from /etc/mecabrc); throws ``TextError/engineUnavailable(_:)``
    /// when it cannot be loaded.
    public convenience init(gazetteer: Gazetteer = .empty) throws(TextError) {
        try self.init(gazetteer: gazetteer, mecabArguments: "")
    }

    /// As ``init(gazetteer:)`` with MeCab options, e.g. `-d /var/lib/mecab/dic/ipadic-utf8`.
    public init(gazetteer: Gazetteer, mecabArguments: String) throws(TextError) {
        self.tagger = try MeCabTagger(arguments: mecabArguments)
        self.current = Mutex((gazetteer, 0))
    }

    /// Changes each time the gazetteer is replaced, so callers can key cached readings on it.
    public var gazetteerVersion: Int { current.withLock { $0.version } }

    /// Uses `gazetteer` for every call that starts from now on.
    public func replaceGazetteer(_ gazetteer: Gazetteer) {
        current.withLock { $0 = (gazetteer, $0.version + 1) }
    }

    /// Furigana segments. They concatenate back to `text` exactly, never split a `Character`,
    /// and only segments containing kanji have a reading.
    ///
    /// The whole text is parsed once by MeCab; gazetteer entries then replace the readings of
    /// runs of whole tokens (the rule is spelled out on ``Gazetteer``), and counter readings those
    /// of numbers and counters that no entry covers. A segment may then hold digits and a counter
    /// together when the reading changes both (1日 ついたち, 1人 ひとり).
    ///
    /// Throws ``TextError/controlCharacters`` or ``TextError/tooLong(limit:actual:)``.
    public func segments(for text: String) throws(TextError) -> [FuriganaSegment] {
        try TextInput.check(text, limit: Self.maxInputLength)
        // Without kanji no segment can carry a reading, and plain runs are merged into one.
        guard text.containsKanji else { return text.isEmpty ? [] : [FuriganaSegment(text: text)] }
        let gazetteer = current.withLock { $0.gazetteer }
        let analysis = Analysis(text, keepingStableBytes: gazetteer.byteIndex != nil)
        var tokens = tagger.tokens(of: analysis.analysed) ?? []
        PersonNameRule.apply(to: &tokens)
        KataRule.apply(to: &tokens, in: analysis.analysed)
        let units = analysis.units(tokens)

        // One ICU call for every reading the text needs rather than one per token (line feeds
        // never occur in a reading and pass through the transform untouched).
        var readingTokens: [Int] = []
        for unit in units {
            if let token = unit.token, tokens[token].reading != nil, analysis.containsKanji(unit) {
                readingTokens.append(token)
            }
        }
        var hiragana = [String?](repeating: nil, count: tokens.count)
        if !readingTokens.isEmpty {
            // Split on the UTF-8 byte: splitting the String compares Characters, which is slow.
            let converted = Kana.toHiragana(readingTokens.map { tokens[$0].reading! }.joined(separator: "\n"))
                .utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if converted.count == readingTokens.count {
                for (token, reading) in zip(readingTokens, converted) { hiragana[token] = String(Substring(reading)) }
            } else {
                for token in readingTokens { hiragana[token] = Kana.toHiragana(tokens[token].reading!) }
            }
        }

        var output = SegmentBuilder()
        var index = 0
        while index < units.count {
            if let (end, entry) = Self.gazetteerMatch(gazetteer, units, from: index, in: analysis) {
                // Texts come from the input, not the entry, so canonically equivalent spellings
                // (and variation selectors) survive.
                var character = units[index].first
                for segment in entry {
                    let next = character + segment.text.count
                    output.append(FuriganaSegment(text: analysis.text(character..<next), reading: segment.reading))
                    character = next
                }
                index = end
                continue
            }
            // After the gazetteer: an entry that starts with a number (一日市場) is the better guess.
            if let token = units[index].token, tokens[token].startsNumber, let end = CounterMatcher.segments(
                units, from: index, in: analysis, tokens: tokens, readings: hiragana, emit: { output.append($0) }
            ) {
                index = end
                continue
            }
            let unit = units[index]
            if let token = unit.token, let reading = hiragana[token] {
                output.append(contentsOf: ReadingAligner.align(analysis.text(unit.first..<unit.end), reading: reading))
            } else {
                output.append(FuriganaSegment(text: analysis.text(unit.first..<unit.end)))
            }
            index += 1
        }
        return output.segments
    }

    /// The longest gazetteer entry equal to `units[start..<end]` for some `end`, with that `end`.
    private static func gazetteerMatch(
        _ gazetteer: Gazetteer,
        _ units: [Analysis.Unit], from start: Int, in analysis: Analysis
    ) -> (end: Int, entry: [FuriganaSegment])? {
        guard gazetteer.maxLength > 0 else { return nil }
        let first = units[start].first
        if let byteIndex = gazetteer.byteIndex, let bytes = analysis.stableBytes {
            // Same rule, comparing UTF-8 bytes (see Gazetteer.isStableScalar); the hash grows unit by unit.
            var best: (end: Int, entry: [FuriganaSegment])?
            var hash = Gazetteer.byteHash([])
            let from = analysis.analysedOffsets[first]
            var end = start
            while end < units.count, units[end].end - first <= gazetteer.maxLength {
                let to = analysis.analysedOffsets[units[end].end]
                hash = Gazetteer.byteHash(bytes[analysis.analysedOffsets[units[end].first]..<to], continuing: hash)
                end += 1
                if let candidates = byteIndex[hash] {
                    // The Character count too: a lone variation selector is a Character with no bytes here.
                    let length = units[end - 1].end - first
                    for candidate in candidates where candidate.length == length && candidate.bytes[...] == bytes[from..<to] {
                        best = (end, candidate.segments)
                    }
                }
            }
            return best
        }
        guard analysis.firstAnalysedCharacter(first).map(gazetteer.firstCharacters.contains) == true else { return nil }
        var best: (end: Int, entry: [FuriganaSegment])?
        var end = start
        while end < units.count, units[end].end - first <= gazetteer.maxLength {
            let length = units[end].end - first
            end += 1
            if gazetteer.lengths.contains(length), let entry = gazetteer.segments(of: analysis.analysedText(first..<units[end - 1].end)) {
                best = (end, entry)
            }
        }
        return best
    }

    /// Whole hiragana reading: kanji replaced by their readings, kana as hiragana, other
    /// characters unchanged. Throws like ``segments(for:)``.
    public func reading(of text: String) throws(TextError) -> String {
        let joined = try segments(for: text).map { $0.reading ?? $0.text }.joined()
        return Kana.toHiragana(joined)
    }

    /// MeCab alone on `text` (lattice, parse, walk), for benchmarks; returns the node count.
    func rawMeCabParse(_ text: String) -> Int { tagger.parseOnly(text) }

    // MARK: - Text as MeCab sees it

    /// The input's `Character`s, the text handed to MeCab, and how the two line up.
    ///
    /// MeCab gets the text without variation selectors (葛󠄀 = 葛 + U+E0100 is still 葛 in the
    /// dictionary). Character `k` spans `text[boundaries[k]..<boundaries[k + 1]]` and UTF-8 bytes
    /// `analysedOffsets[k]..<analysedOffsets[k + 1]` of `analysed`.
    struct Analysis {
        let text: String
        let analysed: String
        let boundaries: [String.Index]
        let analysedOffsets: [Int]
        /// UTF-8 of `analysed` when it consists of `Gazetteer.isStableScalar` scalars only.
        let stableBytes: [UInt8]?

        /// A run of Characters owned by one MeCab token, or by none (whitespace MeCab skipped).
        struct Unit {
            var first: Int
            var end: Int
            var token: Int?
        }

        init(_ text: String, keepingStableBytes: Bool) {
            self.text = text
            var boundaries: [String.Index] = []
            boundaries.reserveCapacity(text.utf8.count / 2 + 1)
            var index = text.startIndex
            while index < text.endIndex {
                boundaries.append(index)
                index = text.index(after: index)
            }
            boundaries.append(text.endIndex)
            self.boundaries = boundaries
            if !Self.mayContainVariationSelectors(text) {
                analysed = text
                analysedOffsets = boundaries.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
                stableBytes =
                    keepingStableBytes && text.unicodeScalars.allSatisfy(Gazetteer.isStableScalar) ? Array(text.utf8) : nil
                return
            }
            var analysed = String.UnicodeScalarView()
            var offsets = [0]
            offsets.reserveCapacity(boundaries.count)
            var offset = 0
            for character in text {
                for scalar in character.unicodeScalars where !Self.isVariationSelector(scalar) {
                    analysed.append(scalar)
                    offset += UTF8.width(scalar)
                }
                offsets.append(offset)
            }
            self.analysed = String(analysed)
            self.analysedOffsets = offsets
            stableBytes =
                keepingStableBytes && analysed.allSatisfy(Gazetteer.isStableScalar) ? Array(self.analysed.utf8) : nil
        }

        /// Groups the Characters by MeCab token. A Character belongs to the token holding its
        /// first byte, so a token boundary inside a grapheme cluster (emoji sequences, combining
        /// marks) moves to the cluster's end; Characters in no token form units of their own.
        func units(_ tokens: [MeCabTagger.Token]) -> [Unit] {
            var units: [Unit] = []
            units.reserveCapacity(tokens.count + 1)
            var tokenIndex = 0
            for character in 0..<(boundaries.count - 1) {
                let byteOffset = analysedOffsets[character]
                while tokenIndex < tokens.count, tokens[tokenIndex].end <= byteOffset { tokenIndex += 1 }
                let owner: Int? =
                    tokenIndex < tokens.count && tokens[tokenIndex].start <= byteOffset ? tokenIndex : nil
                if let last = units.last, last.token == owner {
                    units[units.count - 1].end = character + 1
                } else {
                    units.append(Unit(first: character, end: character + 1, token: owner))
                }
            }
            return units
        }

        /// The input text of Characters `range`.
        func text(_ range: Range<Int>) -> String {
            String(text[boundaries[range.lowerBound]..<boundaries[range.upperBound]])
        }

        /// What MeCab saw of Characters `range`.
        func analysedText(_ range: Range<Int>) -> Substring {
            let utf8 = analysed.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: analysedOffsets[range.lowerBound])
            let end = utf8.index(utf8.startIndex, offsetBy: analysedOffsets[range.upperBound])
            return analysed[start..<end]
        }

        /// Character `index` as MeCab saw it; nil if it was only variation selectors.
        func firstAnalysedCharacter(_ index: Int) -> Character? {
            let text = analysedText(index..<(index + 1))
            return text.first
        }

        func containsKanji(_ unit: Unit) -> Bool {
            text[boundaries[unit.first]..<boundaries[unit.end]].unicodeScalars.contains(where: Character.isKanjiScalar)
        }

        static func isVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0xFE00...0xFE0F, 0xE0100...0xE01EF: true
            default: false
            }
        }

        /// False when no variation selector can occur: their UTF-8 forms start EF B8 (U+FE00–FE0F)
        /// or F3 A0 (U+E0100–E01EF), so a byte scan rules most text out without decoding.
        static func mayContainVariationSelectors(_ text: String) -> Bool {
            var previous: UInt8 = 0
            for byte in text.utf8 {
                if (previous == 0xEF && byte == 0xB8) || (previous == 0xF3 && byte == 0xA0) { return true }
                previous = byte
            }
            return false
        }
    }

    /// Collects segments, joining neighbouring ones without a reading so plain text comes out in
    /// one piece, and dropping empty ones.
    private struct SegmentBuilder {
        var segments: [FuriganaSegment] = []

        mutating func append(_ segment: FuriganaSegment) {
            if segment.text.isEmpty { return }
            if segment.reading == nil, let last = segments.last, last.reading == nil {
                segments[segments.count - 1].text += segment.text
            } else {
                segments.append(segment)
            }
        }

        mutating func append(contentsOf segments: [FuriganaSegment]) {
            for segment in segments { append(segment) }
        }
    }
}
