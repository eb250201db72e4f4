/// Known readings (place names, classroom names) that override MeCab.
///
/// **Matching rule: whole MeCab tokens only.** The text is first parsed by MeCab. An entry
/// applies where its surface equals the concatenation of one or more consecutive tokens, i.e. it
/// starts and ends at token boundaries; then it replaces those tokens' readings. Scanning from
/// the left, at each token boundary the longest such entry wins and scanning resumes after it.
/// The rest of the text keeps the analysis MeCab made of the whole text, in context.
/// An entry never applies inside a word MeCab recognised: 中野 does not touch 小中野 (こなかの),
/// 上板橋 or 中野坂上, which the dictionary knows better than a stem-by-substring rule would, and
/// 多摩 does not split 多摩川. Where MeCab's tokens line up with the entry (狛江/市, 東村山/市,
/// 日本語/教室/ひまわり) the entry wins, so readings MeCab gets wrong there (立川市 たつかわし,
/// 国立市 こくりつし) come from the gazetteer. Two relaxations were measured and left out (see
/// bench/furigana/RESULTS.md): an entry ending inside a token whose rest is a 区/市/町/村 suffix
/// never occurs in the Tokyo town or address lists, and letting a full municipality name end
/// inside the next token (八王子/市川/町 → 八王子市 + 川町) would fix 6 of 1,630 addresses but
/// would also break 狛江/市立/図書館 (しりつ) and the like, which are far more common in ordinary text.
///
/// Matching sees the text as MeCab does (without variation selectors) and compares with `String`
/// equality, so canonically equivalent spellings match (on UTF-8 bytes when text and entries are
/// made of scalars for which that is the same thing, see `isStableScalar`); segment texts
/// always come from the input.
///
/// Each entry is pre-split into segments, so that ruby covers kanji only: `EntryAligner` gives
/// each run of kanji its share of the reading, with the entry's kana as anchors and spaces,
/// punctuation, Latin letters and digits allowed to be missing from the reading (ひまわり日本語クラブ
/// 足立 gives ひまわり, 日本語(にほんご), クラブ, 足立(あだち)). An entry whose reading does not fit its
/// text, or fits it in more than one way, is left out, so MeCab reads that text. A surface that
/// starts with another entry (狛江市 after 狛江) reuses that entry's split, as does a kanji run that
/// another entry spells or starts (港区 in 土曜日本語クラブ 港区), and a final 区/市/町/村 after a
/// name of at least two Characters, whose reading ends the entry's reading, becomes its own segment,
/// so 狛江市 gives 狛江(こまえ) 市(し) while 羽村 stays whole.
public struct Gazetteer: Sendable {
    /// Segments for each surface.
    let entries: [String: [FuriganaSegment]]
    /// Distinct surface lengths in `Character`s.
    let lengths: Set<Int>
    /// The longest surface, in `Character`s (0 when empty).
    let maxLength: Int
    /// First `Character` of every surface, to skip token boundaries quickly.
    let firstCharacters: Set<Character>
    /// The entries by `byteHash` of their UTF-8, for texts made only of `isStableScalar`
    /// scalars; nil when some surface has other scalars (then only `entries` is used).
    /// `length` is the surface's length in `Character`s, which the input span must share.
    let byteIndex: [UInt64: [(bytes: [UInt8], length: Int, segments: [FuriganaSegment])]]?

    /// The readings may be hiragana or katakana; they are stored as hiragana. Entries with an empty
    /// surface or reading are ignored; for a repeated surface the last reading wins.
    public init(entries: [(surface: String, reading: String)]) {
        var readings: [String: String] = [:]
        for entry in entries where !entry.surface.isEmpty && !entry.reading.isEmpty {
            readings[entry.surface] = Kana.toHiragana(entry.reading)
        }
        // Shorter surfaces first, so a longer one can reuse the split of its prefix.
        let ordered = readings.sorted { ($0.key.count, $0.key) < ($1.key.count, $1.key) }
        var segmented: [String: [FuriganaSegment]] = [:]
        for (surface, reading) in ordered {
            // An entry whose reading does not fit its text is left to MeCab (see EntryAligner).
            if let segments = Self.split(surface: surface, reading: reading, known: segmented) { segmented[surface] = segments }
        }
        self.entries = segmented
        self.lengths = Set(segmented.keys.map(\.count))
        self.maxLength = lengths.max() ?? 0
        self.firstCharacters = Set(segmented.keys.compactMap(\.first))
        if segmented.keys.allSatisfy({ $0.unicodeScalars.allSatisfy(Self.isStableScalar) }) {
            var index: [UInt64: [(bytes: [UInt8], length: Int, segments: [FuriganaSegment])]] = [:]
            for (surface, segments) in segmented {
                let bytes = Array(surface.utf8)
                index[Self.byteHash(bytes[...]), default: []].append((bytes, surface.count, segments))
            }
            self.byteIndex = index
        } else {
            self.byteIndex = nil
        }
    }

    // MARK: - Byte-level matching

    /// Scalars that are in NFC on their own, have combining class 0 and are never the second
    /// half of a canonical composition: ASCII and Latin-1 up to U+02FF, CJK symbols (without the
    /// combining tone marks U+302A–302F), kana (without the combining marks U+3099/U+309A),
    /// CJK ideographs (without the compatibility ideographs), full- and half-width forms.
    /// A string made only of these is in NFC, so two such strings are canonically equivalent (equal
    /// as `String`s) exactly when their UTF-8 bytes are equal, and matching can compare bytes
    /// instead of hashing normalised `String`s. (Checked against Python's unicodedata 14.0.)
    static func isStableScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000...0x02FF, 0x3000...0x3029, 0x3030...0x303F, 0x3041...0x3096, 0x309B...0x30FF: true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFFEF: true
        case 0x20000...0x2F7FF, 0x2FA20...0x3134F: true
        default: false
        }
    }

    /// FNV-1a over UTF-8 bytes; `FuriganaEngine` extends it token by token through `continuing`.
    static func byteHash(_ bytes: ArraySlice<UInt8>, continuing hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// No entries: furigana come from MeCab alone.
    public static let empty = Gazetteer(entries: [])

    /// Number of entries.
    public var count: Int { entries.count }

    /// The reading of `surface` if it is an entry.
    public func reading(of surface: String) -> String? {
        entries[surface].map(Self.reading(of:))
    }

    /// Place-name stems that are ordinary words far more often than places: 国立 is almost always
    /// こくりつ (国立大学); only the city is くにたち.
    public static let stemsThatAreWords: Set<String> = ["国立"]

    /// Whether a municipality's stem (its name without 区/市/町/村) may stand in a gazetteer on its own:
    /// at least two `Character`s (港 and 北 alone would override ordinary words such as 北海道) and
    /// not a common word (`stemsThatAreWords`).
    public static func acceptsStem(_ stem: String, exclusions: Set<String> = stemsThatAreWords) -> Bool {
        stem.count >= 2 && !exclusions.contains(stem)
    }

    /// A gazetteer of municipality names: each full name (狛江市/こまえし) plus its stem without
    /// the 区/市/町/村 suffix (狛江/こまえ) where ``acceptsStem(_:exclusions:)`` allows it, so the
    /// stem is also read right on its own.
    public static func placeNames(
        _ rows: [(name: String, kana: String)], stemExclusions: Set<String> = stemsThatAreWords
    ) -> Gazetteer {
        var entries: [(surface: String, reading: String)] = []
        for row in rows {
            let reading = Kana.toHiragana(row.kana)
            entries.append((row.name, reading))
            if let split = suffixSplit(surface: row.name, reading: reading), acceptsStem(split.stem.surface, exclusions: stemExclusions) {
                entries.append(split.stem)
            }
        }
        return Gazetteer(entries: entries)
    }

    /// The segments of the entry spelled `surface` (up to canonical equivalence), if any.
    func segments(of surface: Substring) -> [FuriganaSegment]? { entries[String(surface)] }

    // MARK: - Splitting entries

    /// Readings a municipality suffix can take.
    private static let suffixReadings: [Character: [String]] = [
        "区": ["く"], "市": ["し"], "町": ["まち", "ちょう"], "村": ["むら", "そん"],
    ]

    private static func suffixSplit(
        surface: String, reading: String
    ) -> (stem: (surface: String, reading: String), suffix: FuriganaSegment)? {
        guard surface.count >= 2, let last = surface.last, let candidates = suffixReadings[last] else { return nil }
        for suffixReading in candidates where reading.hasSuffix(suffixReading) && reading.count > suffixReading.count {
            let stem = String(surface.dropLast())
            let stemReading = String(reading.dropLast(suffixReading.count))
            return ((stem, stemReading), FuriganaSegment(text: String(last), reading: suffixReading))
        }
        return nil
    }

    private static func split(surface: String, reading: String, known: [String: [FuriganaSegment]]) -> [FuriganaSegment]? {
        // Longest known proper prefix whose reading is also a prefix of this reading.
        var prefix = surface.dropLast()
        while !prefix.isEmpty {
            if let head = known[String(prefix)] {
                let headReading = Self.reading(of: head)
                if reading.hasPrefix(headReading), reading.count > headReading.count,
                    let rest = align(String(surface.dropFirst(prefix.count)), reading: String(reading.dropFirst(headReading.count)), known: known)
                {
                    return head + rest
                }
            }
            prefix = prefix.dropLast()
        }
        return align(surface, reading: reading, known: known).map { splittingSuffix($0, of: surface) }
    }

    /// `EntryAligner`'s segments, with each kanji run read like a known entry when one spells it or
    /// begins it with the same reading: 港区 in ひまわり日本語クラブ 港区 gives 港 + 区 like the entry 港区.
    private static func align(_ surface: String, reading: String, known: [String: [FuriganaSegment]]) -> [FuriganaSegment]? {
        EntryAligner.align(surface, reading: reading)?.flatMap { segment -> [FuriganaSegment] in
            guard let runReading = segment.reading else { return [segment] }
            if let whole = known[segment.text], Self.reading(of: whole) == runReading { return whole }
            var prefix = segment.text.dropLast()
            while !prefix.isEmpty {
                if let head = known[String(prefix)] {
                    let headReading = Self.reading(of: head)
                    if runReading.hasPrefix(headReading), runReading.count > headReading.count {
                        let rest = FuriganaSegment(
                            text: String(segment.text.dropFirst(prefix.count)), reading: String(runReading.dropFirst(headReading.count))
                        )
                        return head + [rest]
                    }
                }
                prefix = prefix.dropLast()
            }
            return [segment]
        }
    }

    private static func reading(of segments: [FuriganaSegment]) -> String {
        segments.map { $0.reading ?? Kana.toHiragana($0.text) }.joined()
    }

    /// Splits a final 区/市/町/村 off the last segment when the name it ends (the kanji and kana at the
    /// end of the entry) has at least two Characters before it: 狛江市 and あきる野市 split, 羽村 and
    /// ひまわり日本語クラブ 羽村 do not, since there 村 is part of the name.
    private static func splittingSuffix(_ segments: [FuriganaSegment], of surface: String) -> [FuriganaSegment] {
        guard let last = segments.last, let reading = last.reading, let suffix = last.text.last,
            let candidates = suffixReadings[suffix], last.text.count >= 2
        else { return segments }
        let nameLength = surface.reversed().prefix { $0.isKanji || $0.isKana }.count
        guard nameLength >= 3 else { return segments }
        for suffixReading in candidates where reading.hasSuffix(suffixReading) && reading.count > suffixReading.count {
            let stem = FuriganaSegment(text: String(last.text.dropLast()), reading: String(reading.dropLast(suffixReading.count)))
            return segments.dropLast() + [stem, FuriganaSegment(text: String(suffix), reading: suffixReading)]
        }
        return segments
    }
}
