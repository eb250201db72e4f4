import Curriculum

extension DirectorySnapshot {
    /// Filters, ranks and pages the published classrooms last confirmed on or after `oldestConfirmed`.
    func search(_ query: ClassroomQuery, now: TokyoDateTime, oldestConfirmed: LocalDate) -> Page<SearchHit> {
        let text = query.text.map(QueryKeys.init)
        // Text that folds to nothing (only symbols or emoji) matches nothing, rather than being dropped
        // silently and showing every class as if it had matched.
        if let text, text.isEmpty { return Page(total: 0, limit: query.limit, offset: query.offset, items: []) }
        let candidates = filters.matching(query, today: now.date, oldestConfirmed: oldestConfirmed)
        var matches: [(index: Int, score: Int)]
        if let text {
            let relevance = TextRelevance(snapshot: self, query: text)
            matches = candidates.compactMap { index in relevance.score(index, in: self).map { (index, $0) } }
            // Stable: equal scores keep the default order.
            matches.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        } else {
            matches = candidates.map { ($0, 0) }
        }
        let page = matches.dropFirst(query.offset).prefix(query.limit)
        let items = page.map { match in
            let entry = entries[match.index]
            return SearchHit(
                classroom: entry.classroom, municipality: entry.municipality,
                nextSession: entry.classroom.schedule.upcomingSessions(after: now, count: 1).first
            )
        }
        return Page(total: matches.count, limit: query.limit, offset: query.offset, items: items)
    }
}

/// Scores a classroom against free text: its own name counts most, then its municipality, the
/// organiser and venue, and a support language named by the text. The text is looked up once in all
/// classrooms' keys (see `KeyCorpus`); scoring a classroom is then a few array reads.
struct TextRelevance {
    /// Per classroom: the best match in its name keys, and whether organiser or venue holds the query.
    let nameStrength: [UInt8]
    let otherStrength: [UInt8]
    /// Score a classroom gets from its municipality, by municipality index.
    let municipalityScore: [Int]
    let languageMask: UInt64

    init(snapshot: DirectorySnapshot, query: QueryKeys) {
        let scriptNeedles = [query.script, query.scriptRead ?? []].filter { !$0.isEmpty }
        var names = snapshot.nameScript.strengths(of: scriptNeedles)
        if let latin = query.latin {
            // A match inside a name needs three letters: one or two (a, oo → o) are inside nearly every name.
            let floor = latin.count >= 3 ? MatchStrength.contains.rawValue : MatchStrength.prefix.rawValue
            for (index, strength) in snapshot.nameLatin.strengths(of: [latin]).enumerated() where strength > names[index] && strength >= floor {
                names[index] = strength
            }
        }
        nameStrength = names
        let distinctOther = snapshot.otherText.strengths(of: scriptNeedles)
        otherStrength = snapshot.otherOf.map { max(distinctOther[Int($0.organiser)], distinctOther[Int($0.venue)]) }
        var scores = [Int](repeating: 0, count: snapshot.filters.municipalityIndex.count)
        for (code, keys) in snapshot.municipalityKeys {
            if let strength = keys.match(query), let index = snapshot.filters.municipalityIndex[code] {
                scores[Int(index)] = strength == .exact ? 60 : 50
            }
        }
        municipalityScore = scores
        let named = snapshot.languages.filter { $0.keys.match(query) == .exact }.compactMap { LanguageTag($0.language.tag.primary) }
        languageMask = snapshot.filters.languageMask(for: Set(named)) ?? 0
    }

    func score(_ index: Int, in snapshot: DirectorySnapshot) -> Int? {
        var best = [0, 70, 90, 100][Int(nameStrength[index])]
        let row = snapshot.filters.rows[index]
        if row.municipality >= 0 { best = max(best, municipalityScore[Int(row.municipality)]) }
        if best < 40, otherStrength[index] != 0 { best = 40 }
        if best < 30, row.languageMask & languageMask != 0 { best = 30 }
        return best > 0 ? best : nil
    }
}
