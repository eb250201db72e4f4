import CMeCab

/// One MeCab model and tagger, shared by all threads; a fresh lattice per parse.
///
/// MeCab's own header (mecab.h) documents the split this relies on: `Model` is shared and
/// `Tagger::parse(Lattice *)` "is thread safe", while the string-returning `parse(const char *)`
/// and `parseToNode` are not (they keep their result inside the tagger). All state of one
/// analysis lives in the `Lattice`, so each call creates its own with `mecab_model_new_lattice`,
/// parses through the shared tagger with `mecab_parse_lattice`, copies the nodes out and
/// destroys the lattice before returning.
final class MeCabTagger: @unchecked Sendable {
    // @unchecked: model and tagger are created once, never mutated, and only used through the
    // thread-safe lattice API described above; deinit runs after the last user is gone.
    private let model: OpaquePointer
    private let tagger: OpaquePointer

    /// A token of MeCab's best path, as a UTF-8 byte range of the parsed text.
    struct Token {
        var start: Int
        var end: Int
        /// Katakana reading (ipadic feature field 8), nil for unknown words, which have fewer fields.
        var reading: String?
        /// A numeral (ipadic 名詞,数: each Arabic or full-width digit run, each kanji numeral) or a
        /// word that begins with a digit (ipadic's months １月…１２月): where `CounterMatcher` looks
        /// for a number, so that it can turn every other token away without decoding it.
        var startsNumber = false
        var wordClass = IpadicFeature.WordClass.other
        /// See `IpadicFeature.isAttributive`.
        var isAttributive = false
        /// See `IpadicFeature.isPersonSuffix`.
        var isPersonSuffix = false
        /// For a token tagged 名詞,固有名詞,人名: the reading MeCab gives the same text parsed on its
        /// own, when that is one common noun with another reading (親子: チカコ as a given name in
        /// 足立親子にほんごの会, オヤコ on its own). See `PersonNameRule`.
        var commonNounReading: String?
    }

    /// `arguments` are MeCab command-line options, e.g. `-d /path/to/dic`; empty means /etc/mecabrc.
    init(arguments: String = "") throws(TextError) {
        guard let model = mecab_model_new2(arguments) else {
            throw .engineUnavailable("MeCab model: \(Self.lastError())")
        }
        guard let tagger = mecab_model_new_tagger(model) else {
            mecab_model_destroy(model)
            throw .engineUnavailable("MeCab tagger: \(Self.lastError())")
        }
        self.model = model
        self.tagger = tagger
    }

    deinit {
        // The tagger borrows the model, so it goes first.
        mecab_destroy(tagger)
        mecab_model_destroy(model)
    }

    /// Tokens of `text` in order; bytes MeCab skips (spaces, newlines) belong to no token.
    func tokens(of text: String) -> [Token]? {
        guard let lattice = mecab_model_new_lattice(model) else { return nil }
        defer { mecab_lattice_destroy(lattice) }
        var text = text
        return text.withUTF8 { utf8 -> [Token]? in
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return [] }
            let start = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            // The lattice keeps a pointer to the sentence, so everything happens inside withUTF8.
            mecab_lattice_set_sentence2(lattice, start, utf8.count)
            guard mecab_parse_lattice(tagger, lattice) != 0 else { return nil }
            var tokens: [Token] = []
            tokens.reserveCapacity(utf8.count / 4)
            var node = mecab_lattice_get_bos_node(lattice)
            while let current = node {
                let stat = Int32(current.pointee.stat)
                if stat == MECAB_NOR_NODE || stat == MECAB_UNK_NODE, let surface = current.pointee.surface {
                    let offset = surface - start
                    let length = Int(current.pointee.length)
                    var token = Token(
                        start: offset, end: offset + length,
                        startsNumber: Self.startsNumber(surface, length: length, feature: current.pointee.feature)
                    )
                    if let featureString = current.pointee.feature {
                        let feature = IpadicFeature(featureString)
                        token.reading = feature.readingString(featureString)
                        token.wordClass = feature.wordClass
                        token.isAttributive = feature.isAttributive
                        token.isPersonSuffix = feature.isPersonSuffix
                        // Place names are often family names too (a fifth of the tokens of the Tokyo town
                        // names), so the second parse only runs where the lattice holds a common noun
                        // with the same span and another reading. Single kanji are left alone (see
                        // PersonNameRule).
                        if feature.isPersonName, Self.scalarCount(surface, length: length) >= 2,
                            Self.hasCommonNoun(in: lattice, at: offset - Int(current.pointee.rlength) + length, length: length, unlike: token.reading)
                        {
                            token.commonNounReading = commonNounReading(surface, length: length, unlike: token.reading)
                        }
                    }
                    tokens.append(token)
                }
                node = UnsafeMutablePointer(mutating: current.pointee.next)
            }
            return tokens
        }
    }

    /// Parses `text` and only counts the nodes of the best path: the bare MeCab cost, used as the
    /// baseline when measuring what furigana building adds on top.
    func parseOnly(_ text: String) -> Int {
        guard let lattice = mecab_model_new_lattice(model) else { return 0 }
        defer { mecab_lattice_destroy(lattice) }
        var text = text
        return text.withUTF8 { utf8 -> Int in
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return 0 }
            mecab_lattice_set_sentence2(lattice, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), utf8.count)
            guard mecab_parse_lattice(tagger, lattice) != 0 else { return 0 }
            var count = 0
            var node = mecab_lattice_get_bos_node(lattice)
            while let current = node {
                count += 1
                node = UnsafeMutablePointer(mutating: current.pointee.next)
            }
            return count
        }
    }

    /// The reading MeCab gives `length` bytes at `surface` when they are parsed on their own, if
    /// that parse is one common noun (`IpadicFeature.isCommonNoun`) and its reading is not `reading`.
    ///
    /// On their own, words lose the context that made MeCab choose a name (親子 before the hiragana
    /// にほんご it cannot parse) but keep the costs of standing alone, which favour the proper noun
    /// where it is the usual word (神田 stays かんだ, not the common noun しんでん; 上田 うえだ, not
    /// じょうでん). Taking the lattice's cheapest common noun instead, without this parse, lost 10 rows
    /// of the Tokyo town and address lists that way (bench/furigana/RESULTS.md, section 4).
    private func commonNounReading(_ surface: UnsafePointer<CChar>, length: Int, unlike reading: String?) -> String? {
        guard let lattice = mecab_model_new_lattice(model) else { return nil }
        defer { mecab_lattice_destroy(lattice) }
        mecab_lattice_set_sentence2(lattice, surface, length)
        guard mecab_parse_lattice(tagger, lattice) != 0 else { return nil }
        var found: String?
        var node = mecab_lattice_get_bos_node(lattice)
        while let current = node {
            defer { node = UnsafeMutablePointer(mutating: current.pointee.next) }
            let stat = Int32(current.pointee.stat)
            guard stat == MECAB_NOR_NODE || stat == MECAB_UNK_NODE else { continue }
            // More than one word, or one of another kind: no common noun to prefer.
            guard found == nil, Int(current.pointee.length) == length, let featureString = current.pointee.feature else { return nil }
            let feature = IpadicFeature(featureString)
            guard feature.isCommonNoun, let candidate = feature.readingString(featureString) else { return nil }
            found = candidate
        }
        return found == reading ? nil : found
    }

    /// Number of Unicode scalars in `length` UTF-8 bytes (the bytes that do not continue a scalar).
    private static func scalarCount(_ surface: UnsafePointer<CChar>, length: Int) -> Int {
        (0..<length).reduce(0) { count, index in UInt8(bitPattern: surface[index]) & 0xC0 == 0x80 ? count : count + 1 }
    }

    /// True when the lattice holds a common noun of `length` bytes starting at byte `position` (the
    /// position of the space before it, if any: MeCab's `rlength`) whose reading is not `reading`.
    /// MeCab keeps every dictionary word it looked up in the lattice (`begin_nodes`, linked by
    /// `bnext`) until the lattice is destroyed.
    private static func hasCommonNoun(in lattice: OpaquePointer, at position: Int, length: Int, unlike reading: String?) -> Bool {
        var node = mecab_lattice_get_begin_nodes(lattice, position)
        while let current = node {
            node = current.pointee.bnext
            guard Int(current.pointee.length) == length, let featureString = current.pointee.feature,
                IpadicFeature.mayBeCommonNoun(featureString)
            else { continue }
            let feature = IpadicFeature(featureString)
            if feature.isCommonNoun, let candidate = feature.readingString(featureString), candidate != reading { return true }
        }
        return false
    }

    /// See `Token.startsNumber`; reads the bytes in place.
    private static func startsNumber(_ surface: UnsafePointer<CChar>, length: Int, feature: UnsafePointer<CChar>?) -> Bool {
        guard length > 0 else { return false }
        let first = UInt8(bitPattern: surface[0])
        if (0x30...0x39).contains(first) { return true }
        // ０-９ are EF BC 90-99.
        if first == 0xEF, length >= 3, UInt8(bitPattern: surface[1]) == 0xBC, (0x90...0x99).contains(UInt8(bitPattern: surface[2])) {
            return true
        }
        guard let feature else { return false }
        // ipadic's part of speech for numerals opens the feature string. A StaticString needs no
        // lazy initialisation; the comparison stops at the feature's NUL, which matches no byte here.
        let numeral: StaticString = "名詞,数,"
        let pattern = numeral.utf8Start
        for index in 0..<numeral.utf8CodeUnitCount where UInt8(bitPattern: feature[index]) != pattern[index] { return false }
        return true
    }

    private static func lastError() -> String {
        guard let message = mecab_strerror(nil) else { return "unknown error" }
        return String(cString: message)
    }
}
