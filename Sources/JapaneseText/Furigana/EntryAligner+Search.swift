/// The search behind `EntryAligner.align(_:reading:)`: every way to lay the entry's runs over its reading.
extension EntryAligner {
    /// What came last before a kanji run may start or a letter or digit may be left out.
    enum Event: Hashable {
        /// The start of the text, or a character of the text found in the reading.
        case anchor
        /// The end of a kanji run: its share ends here only if the next character is found.
        case kanjiEnd
        /// A letter or digit left out of the reading since the last anchor.
        case leftOutSound
    }

    /// Depth-first search over (run, position in the reading), remembering results per state.
    /// A solution is the reading range of every kanji run; at most two are kept, since two already
    /// make the entry ambiguous.
    struct Search {
        let runs: [Run]
        let reading: [Character]
        private var memo: [State: [[Range<Int>]]] = [:]

        private struct State: Hashable {
            var run: Int
            var position: Int
            var event: Event
        }

        init(runs: [Run], reading: [Character]) {
            self.runs = runs
            self.reading = reading
        }

        mutating func solutions(run: Int, position: Int, after event: Event) -> [[Range<Int>]] {
            let state = State(run: run, position: position, event: event)
            if let known = memo[state] { return known }
            var found: [[Range<Int>]] = []
            func add(_ more: [[Range<Int>]], after head: Range<Int>? = nil) {
                for solution in more where found.count < 2 {
                    let full = head.map { [$0] + solution } ?? solution
                    if !found.contains(full) { found.append(full) }
                }
            }
            // The reading may hold spaces and punctuation the text lacks.
            var start = position
            while true {
                if run == runs.count {
                    if start == reading.count { add([[]]) }
                } else {
                    switch runs[run].kind {
                    case .kana:
                        if let end = matchKana(runs[run].folded, at: start) {
                            add(solutions(run: run + 1, position: end, after: .anchor))
                        }
                    case .other:
                        for next in matchOther(runs[run], at: start, after: event) {
                            add(solutions(run: run + 1, position: next.position, after: next.event))
                        }
                    case .kanji:
                        guard event != .leftOutSound else { break }
                        var end = start
                        while end < reading.count, Self.isReadingKana(reading[end]), found.count < 2 {
                            end += 1
                            add(solutions(run: run + 1, position: end, after: .kanjiEnd), after: start..<end)
                        }
                    }
                }
                guard start < reading.count, !Self.isReadingKana(reading[start]), EntryAligner.isSilent(reading[start]) else { break }
                start += 1
            }
            memo[state] = found
            return found
        }

        /// The end of `anchor` in the reading when it starts at `start`.
        private func matchKana(_ anchor: [String], at start: Int) -> Int? {
            guard start + anchor.count <= reading.count else { return nil }
            for (offset, kana) in anchor.enumerated() where !Self.kanaMatch(kana, reading[start + offset]) { return nil }
            return start + anchor.count
        }

        private struct Reach: Hashable {
            var position: Int
            var event: Event
        }

        /// Every (end, last event) an other-run can reach from `start`: each character is found at the
        /// current position or left out.
        private func matchOther(_ run: Run, at start: Int, after event: Event) -> Set<Reach> {
            var reached: Set<Reach> = [Reach(position: start, event: event)]
            for (character, folded) in zip(run.characters, run.folded) {
                var next: Set<Reach> = []
                for reach in reached {
                    if reach.position < reading.count, EntryAligner.fold(reading[reach.position]) == folded {
                        next.insert(Reach(position: reach.position + 1, event: .anchor))
                    }
                    if EntryAligner.isSilent(character) {
                        next.insert(reach)
                    } else if reach.event != .kanjiEnd {
                        next.insert(Reach(position: reach.position, event: .leftOutSound))
                    }
                }
                reached = next
            }
            return reached
        }

        /// Hiragana and ー: what a kanji's share of the reading may hold.
        static func isReadingKana(_ character: Character) -> Bool {
            guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return false }
            return (0x3041...0x309F).contains(scalar.value) || scalar == "ー"
        }

        private static let vowels: Set<Character> = ["あ", "い", "う", "え", "お", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ"]

        /// `kana` (one Character of a text's kana in hiragana) against a Character of the reading.
        private static func kanaMatch(_ kana: String, _ reading: Character) -> Bool {
            if kana == String(reading) { return true }
            if kana == "ー" { return vowels.contains(reading) }
            return reading == "ー" && kana.count == 1 && vowels.contains(Character(kana))
        }
    }
}
