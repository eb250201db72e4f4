import Curriculum

extension DirectorySnapshot {
    /// Filters, ranks and pages the published classrooms.
    func search(_ query: ClassroomQuery, now: TokyoDateTime) -> Page<SearchHit> {
        let text = query.text.map(QueryKeys.init).flatMap { $0.isEmpty ? nil : $0 }
        let relevance = text.map { TextRelevance(snapshot: self, query: $0) }
        let levelMask = query.levels.reduce(UInt8(0)) { $0 | Self.bit($1) }
        let weekdayOrWindow = !query.weekdays.isEmpty || query.from != nil || query.to != nil

        var matches: [(index: Int, score: Int)] = []
        for (index, entry) in entries.enumerated() {
            let classroom = entry.classroom
            if !query.municipalities.isEmpty, !query.municipalities.contains(classroom.municipalityCode) { continue }
            if levelMask != 0, entry.levelMask & levelMask == 0 { continue }
            if let format = query.format, classroom.format != format { continue }
            if query.freeOnly, !classroom.isFree { continue }
            if query.childcareOnly, !classroom.childcare { continue }
            if query.acceptingOnly, !classroom.accepting { continue }
            if !query.languages.isEmpty, !query.languages.contains(where: { Self.supports(entry, $0, classroom) }) { continue }
            if weekdayOrWindow, !Self.meets(classroom.schedule, query: query, today: now.date) { continue }
            var score = 0
            if let relevance {
                guard let found = relevance.score(entry) else { continue }
                score = found
            }
            matches.append((index, score))
        }
        if relevance != nil {
            // Stable: equal scores keep the default order.
            matches.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
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

    /// A tag without subtags (`zh`) matches any variant (`zh-Hant`); a tag with subtags matches itself.
    private static func supports(_ entry: Entry, _ tag: LanguageTag, _ classroom: Classroom) -> Bool {
        tag.rawValue == tag.primary ? entry.languagePrimaries.contains(tag.primary) : classroom.languages.contains(tag)
    }

    /// Whether some weekly slot falls on an asked weekday and overlaps the asked window. A course made only of
    /// one-off sessions is matched by those still to come; a regular class is not matched by its occasional extras,
    /// which would list a Saturday class under Sunday.
    private static func meets(_ schedule: Schedule, query: ClassroomQuery, today: LocalDate) -> Bool {
        for slot in schedule.weekly where query.weekdays.isEmpty || query.weekdays.contains(slot.weekday) {
            if slot.validUntil.map({ $0 < today }) ?? false { continue }
            if slot.overlaps(from: query.from, to: query.to) { return true }
        }
        guard schedule.weekly.isEmpty else { return false }
        for session in schedule.oneOff where session.date >= today {
            guard query.weekdays.isEmpty || query.weekdays.contains(session.date.weekday) else { continue }
            let slot = WeeklySlot(weekday: session.date.weekday, start: session.start, end: session.end)
            if slot.overlaps(from: query.from, to: query.to) { return true }
        }
        return false
    }
}

/// Scores a classroom against free text: its own name counts most, then its municipality, the
/// organiser and venue, and a support language named by the text.
struct TextRelevance {
    let query: QueryKeys
    let municipalityStrength: [Municipality.Code: MatchStrength]
    let languagePrimaries: Set<String>

    init(snapshot: DirectorySnapshot, query: QueryKeys) {
        self.query = query
        var strengths: [Municipality.Code: MatchStrength] = [:]
        for (code, keys) in snapshot.municipalityKeys {
            if let strength = keys.match(query) { strengths[code] = strength }
        }
        municipalityStrength = strengths
        languagePrimaries = Set(snapshot.languages.filter { $0.keys.match(query) == .exact }.map(\.language.tag.primary))
    }

    func score(_ entry: DirectorySnapshot.Entry) -> Int? {
        var best = 0
        if let name = entry.nameKeys.match(query, allowContains: true) {
            best = [MatchStrength.contains: 70, .prefix: 90, .exact: 100][name]!
        }
        if let strength = municipalityStrength[entry.municipality.code] {
            best = max(best, strength == .exact ? 60 : 50)
        }
        if best < 40, [query.script, query.scriptRead ?? []].contains(where: { !$0.isEmpty && KeySet.bytes(entry.otherText, contain: $0) }) {
            best = 40
        }
        if best < 30, !languagePrimaries.isDisjoint(with: entry.languagePrimaries) { best = 30 }
        return best > 0 ? best : nil
    }
}
