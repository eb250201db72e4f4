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
                    tokens.append(
                        Token(
                            start: offset, end: offset + length, reading: Self.reading(current.pointee.feature),
                            startsNumber: Self.startsNumber(surface, length: length, feature: current.pointee.feature)
                        )
                    )
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

    /// Field 8 of ipadic's CSV features (index 7): the reading in katakana, or nil if absent or "*".
    /// Reads the bytes in place; only the field itself becomes a `String`.
    private static func reading(_ feature: UnsafePointer<CChar>?) -> String? {
        guard let feature else { return nil }
        let comma = CChar(UInt8(ascii: ","))
        var position = 0
        var commas = 0
        while commas < 7 {
            let byte = feature[position]
            if byte == 0 { return nil }
            if byte == comma { commas += 1 }
            position += 1
        }
        var end = position
        while feature[end] != 0, feature[end] != comma { end += 1 }
        let length = end - position
        if length == 0 || (length == 1 && feature[position] == CChar(UInt8(ascii: "*"))) { return nil }
        return UnsafeRawPointer(feature + position).withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
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
