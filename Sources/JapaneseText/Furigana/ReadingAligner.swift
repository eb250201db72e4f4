/// Splits a word's reading over its kanji and kana parts: 食べる + たべる → 食(た) べる.
///
/// The kana of the surface are anchors that must appear in the reading; each run of kanji
/// takes what lies between anchors (at least one kana, the shortest that lets the rest match).
enum ReadingAligner {
    private enum RunKind { case kanji, kana }

    private struct Run {
        var kind: RunKind
        var characters: [Character]
    }

    /// Segments for `surface` read as `reading` (hiragana). Falls back to one segment carrying
    /// the whole reading when the anchors cannot be found, or when the surface mixes in
    /// characters that are neither kanji nor kana (Ｔ字路: nothing tells how much of the
    /// reading belongs to the Ｔ).
    static func align(_ text: String, reading: String) -> [FuriganaSegment] {
        guard text.containsKanji else { return [FuriganaSegment(text: text)] }
        // Kanji only (most nouns): one run, nothing to split, no arrays to build. Checked on
        // scalars: kanji and ヶ/ヵ never extend a grapheme cluster, so when every scalar is a
        // kanji or a ヶ/ヵ right after one, every Character is one of them too.
        var previousIsKanji = false
        var kanjiOnly = true
        for scalar in text.unicodeScalars {
            if Character.isKanjiScalar(scalar) {
                previousIsKanji = true
            } else if previousIsKanji, scalar == "ヶ" || scalar == "ヵ" {
                previousIsKanji = false
            } else {
                kanjiOnly = false
                break
            }
        }
        if kanjiOnly { return [FuriganaSegment(text: text, reading: reading)] }
        return align(Array(text), text: text, reading: reading)
    }

    private static func align(_ surface: [Character], text: String, reading: String) -> [FuriganaSegment] {
        guard let runs = runs(of: surface), runs.count > 1 else {
            return [FuriganaSegment(text: text, reading: reading)]
        }
        let readingCharacters = Array(reading)
        // Okurigana are nearly always hiragana already; only katakana anchors need the ICU transform.
        let anchors = runs.map { run -> [Character] in
            guard run.kind == .kana else { return [] }
            let isHiragana = run.characters.allSatisfy { $0.unicodeScalars.allSatisfy { (0x3041...0x309F).contains($0.value) } }
            return isHiragana ? run.characters : Array(Kana.toHiragana(String(run.characters)))
        }
        guard let cuts = match(runs, anchors, 0, readingCharacters, 0) else {
            return [FuriganaSegment(text: text, reading: reading)]
        }
        var segments: [FuriganaSegment] = []
        var start = 0
        for (run, end) in zip(runs, cuts) {
            let runText = String(run.characters)
            if run.kind == .kanji {
                segments.append(FuriganaSegment(text: runText, reading: String(readingCharacters[start..<end])))
            } else {
                segments.append(FuriganaSegment(text: runText))
            }
            start = end
        }
        return segments
    }

    /// Groups the surface into kanji and kana runs; nil if any other character appears.
    /// ヶ and ヵ between or after kanji belong to the kanji run (青ヶ島 reads あおがしま, not あおけしま).
    private static func runs(of surface: [Character]) -> [Run]? {
        var runs: [Run] = []
        for (index, character) in surface.enumerated() {
            let kind: RunKind
            if character.isKanji {
                kind = .kanji
            } else if index > 0, surface[index - 1].isKanji, Self.isSmallKe(character) {
                kind = .kanji
            } else if character.isKana {
                kind = .kana
            } else {
                return nil
            }
            if runs.last?.kind == kind {
                runs[runs.count - 1].characters.append(character)
            } else {
                runs.append(Run(kind: kind, characters: [character]))
            }
        }
        return runs
    }

    /// `character == "ヶ" || character == "ヵ"` without a String comparison: neither has a
    /// decomposition or composes with anything, so only the single scalar is equal to it.
    private static func isSmallKe(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first, first == "ヶ" || first == "ヵ" else { return false }
        return scalars.index(after: scalars.startIndex) == scalars.endIndex
    }

    /// Backtracking match; returns the end offset in `reading` of every run.
    private static func match(
        _ runs: [Run], _ anchors: [[Character]], _ runIndex: Int, _ reading: [Character], _ position: Int
    ) -> [Int]? {
        if runIndex == runs.count { return position == reading.count ? [] : nil }
        if runs[runIndex].kind == .kana {
            let anchor = anchors[runIndex]
            let end = position + anchor.count
            guard end <= reading.count, reading[position..<end].elementsEqual(anchor) else { return nil }
            return match(runs, anchors, runIndex + 1, reading, end).map { [end] + $0 }
        }
        // Leave at least one reading character for every later kanji run.
        let laterKanji = runs[(runIndex + 1)...].filter { $0.kind == .kanji }.count
        guard position + 1 <= reading.count - laterKanji else { return nil }
        for end in (position + 1)...(reading.count - laterKanji) {
            if let rest = match(runs, anchors, runIndex + 1, reading, end) { return [end] + rest }
        }
        return nil
    }
}
