import Foundation
import JapaneseText

/// A query in the two forms the directory compares: the script key (NFKC casefold, katakana as hiragana,
/// no spaces or punctuation) and, when the text is kana or Latin only, the loose romaji key. Any script a
/// learner types in lands on one of these.
struct QueryKeys: Sendable {
    /// Folded with kanji kept as written.
    let script: [UInt8]
    /// Folded with kanji replaced by their reading, so 日本語 meets にほんご; nil when the same as `script`.
    let scriptRead: [UInt8]?
    let latin: [UInt8]?

    init(_ text: String) {
        script = Array(SearchFold.scriptKey(text, readingsFrom: nil).utf8)
        let read = text.containsKanji ? Array(SearchFold.scriptKey(text).utf8) : script
        scriptRead = read == script || read.isEmpty ? nil : read
        // One letter of romaji (what ああ, おお or ō fold to) would find most names; the script key still searches.
        latin = SearchFold.romajiKey(text).flatMap { $0.utf8.count < 2 ? nil : Array($0.utf8) }
    }

    var isEmpty: Bool { script.isEmpty && (latin?.isEmpty ?? true) }
}

/// How well one key matched a query.
enum MatchStrength: Int, Comparable, Sendable {
    case contains = 1
    case prefix = 2
    case exact = 3

    static func < (lhs: MatchStrength, rhs: MatchStrength) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The keys one thing (a municipality, a language, a classroom field) is found by.
struct KeySet: Sendable {
    private(set) var script: [[UInt8]] = []
    private(set) var latin: [[UInt8]] = []

    init() {}

    /// Adds the script key of `text`, and its romaji key when it has one.
    mutating func add(_ text: String) {
        var forms = [SearchFold.scriptKey(text, readingsFrom: nil)]
        if text.containsKanji { forms.append(SearchFold.scriptKey(text)) }
        for form in forms {
            let key = Array(form.utf8)
            if !key.isEmpty, !script.contains(key) { script.append(key) }
        }
        addLatin(text)
    }

    /// Adds the keys of `other` that these do not have yet, after them (as adding its texts would).
    mutating func merge(_ other: KeySet) {
        for key in other.script where !script.contains(key) { script.append(key) }
        for key in other.latin where !latin.contains(key) { latin.append(key) }
    }

    /// Adds only the romaji key of `text` (for spellings such as `Shinjuku-ku` that are no name in their own script).
    mutating func addLatin(_ text: String) {
        if let key = SearchFold.romajiKey(text), !key.isEmpty {
            let bytes = Array(key.utf8)
            if !latin.contains(bytes) { latin.append(bytes) }
        }
    }

    /// The best match of `query` against these keys; `allowContains` also counts a match inside a key.
    func match(_ query: QueryKeys, allowContains: Bool = false) -> MatchStrength? {
        var best = Self.best(query.script, in: script, allowContains: allowContains)
        if let read = query.scriptRead, let readMatch = Self.best(read, in: script, allowContains: allowContains) {
            best = max(best ?? readMatch, readMatch)
        }
        if let latinQuery = query.latin, let latinMatch = Self.best(latinQuery, in: latin, allowContains: allowContains) {
            best = max(best ?? latinMatch, latinMatch)
        }
        return best
    }

    /// Like `match`, as a number that also prefers a match on the text as typed over one that needed
    /// kanji to be read: 利島 is then 利島村 before 豊島区, though both read としま.
    func rank(_ query: QueryKeys) -> Int? {
        var best: Int?
        if let m = Self.best(query.script, in: script, allowContains: false) { best = m.rawValue * 2 + 1 }
        if let latin = query.latin, let m = Self.best(latin, in: self.latin, allowContains: false) { best = max(best ?? 0, m.rawValue * 2 + 1) }
        if let read = query.scriptRead, let m = Self.best(read, in: script, allowContains: false) { best = max(best ?? 0, m.rawValue * 2) }
        return best
    }

    /// All keys, script and romaji, for prefix indexes.
    var all: [[UInt8]] { script + latin }

    private static func best(_ needle: [UInt8], in keys: [[UInt8]], allowContains: Bool) -> MatchStrength? {
        guard !needle.isEmpty else { return nil }
        var best: MatchStrength?
        for key in keys {
            let strength: MatchStrength?
            if key == needle {
                return .exact
            } else if key.starts(with: needle) {
                strength = .prefix
            } else if allowContains, bytes(key, contain: needle) {
                strength = .contains
            } else {
                strength = nil
            }
            if let strength, strength > (best ?? .contains) || best == nil { best = strength }
        }
        return best
    }

    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in glibcMemmem(h.baseAddress!, h.count, n.baseAddress!, n.count) != nil }
        }
    }
}

/// The keys of many items (classrooms) in one byte string, each key followed by a 0 byte (which no key
/// contains). Finding a query in every item is then a single `memmem` pass over one buffer, and where
/// a hit lands tells whether it is the whole key, its start, or inside it.
struct KeyCorpus: Sendable {
    private var bytes: [UInt8] = []
    /// `starts[i]` is where item i's keys begin; one extra entry marks the end.
    private var starts: [Int] = [0]

    init(_ items: [[[UInt8]]]) {
        for keys in items {
            for key in keys where !key.isEmpty {
                bytes += key
                bytes.append(0)
            }
            starts.append(bytes.count)
        }
    }

    var count: Int { starts.count - 1 }

    /// For every item, the best way any of `needles` occurs in its keys (0 none, else a `MatchStrength` raw value).
    func strengths(of needles: [[UInt8]]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        guard !bytes.isEmpty else { return result }
        bytes.withUnsafeBufferPointer { h in
            let base = UnsafeRawPointer(h.baseAddress!)
            for needle in needles where !needle.isEmpty && needle.count < h.count {
                needle.withUnsafeBufferPointer { n in
                    var position = 0
                    while position + n.count <= h.count,
                        let found = glibcMemmem(base + position, h.count - position, n.baseAddress!, n.count)
                    {
                        let at = base.distance(to: UnsafeRawPointer(found))
                        let atStart = at == 0 || h[at - 1] == 0
                        let strength: MatchStrength = atStart ? (h[at + n.count] == 0 ? .exact : .prefix) : .contains
                        let item = item(containing: at)
                        result[item] = max(result[item], UInt8(strength.rawValue))
                        position = at + 1
                    }
                }
            }
        }
        return result
    }

    /// The item whose keys hold byte offset `offset` (binary search over `starts`).
    private func item(containing offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low + 1 < high {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid } else { high = mid }
        }
        return low
    }
}

/// glibc's `memmem` (a two-way search with vector code), which the Glibc module does not export
/// because its header declares it only under `_GNU_SOURCE`. It is part of glibc's ABI on every
/// Linux this service targets, so binding the symbol directly is safe.
@_silgen_name("memmem")
private func glibcMemmem(_ haystack: UnsafeRawPointer, _ haystackLength: Int, _ needle: UnsafeRawPointer, _ needleLength: Int) -> UnsafeMutableRawPointer?
