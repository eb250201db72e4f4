import Curriculum

/// The facts every filter needs, packed into plain values, one row per published classroom in the
/// snapshot's order. Scanning these rows touches no String, array or reference count, which keeps a
/// full scan of 10,000 classrooms in the tens of microseconds.
struct FilterTable: Sendable {
    struct Row: Sendable {
        var municipality: Int16
        var levelMask: UInt8
        var flags: UInt8
        var languageMask: UInt64
        var slotStart: Int32
        var slotCount: Int16
        /// Whether the schedule is made of one-off sessions only (then those count for weekday filters).
        var oneOffOnly: Bool
        /// Day number of the last confirmation: listings confirmed too long ago leave search (``FreshnessPolicy``).
        var lastConfirmedDay: Int32
    }

    /// A weekly slot, or a one-off session of a one-off-only course, as integers.
    struct Slot: Sendable {
        var weekday: UInt8
        var start: Int16
        var end: Int16
        /// Last day (day number) the slot takes place; `Int32.max` when open.
        var lastDay: Int32
    }

    static let free: UInt8 = 1, childcare: UInt8 = 2, accepting: UInt8 = 4
    static func formatBit(_ format: ClassroomFormat) -> UInt8 {
        switch format {
        case .inPerson: 8
        case .online: 16
        case .hybrid: 32
        }
    }

    private(set) var rows: [Row] = []
    private(set) var slots: [Slot] = []
    let municipalityIndex: [Municipality.Code: Int16]
    /// Bit positions of language tags and of their primary subtags; the first 64 distinct ones.
    private(set) var languageBits: [String: Int] = [:]

    init(classrooms: [Classroom], municipalities: [Municipality]) {
        municipalityIndex = Dictionary(uniqueKeysWithValues: municipalities.enumerated().map { ($1.code, Int16($0)) })
        rows.reserveCapacity(classrooms.count)
        for classroom in classrooms {
            var flags = Self.formatBit(classroom.format)
            if classroom.isFree { flags |= Self.free }
            if classroom.childcare { flags |= Self.childcare }
            if classroom.accepting { flags |= Self.accepting }
            var languageMask: UInt64 = 0
            for tag in classroom.languages {
                for name in Set([tag.rawValue, tag.primary]) { languageMask |= bit(forLanguage: name, adding: true) }
            }
            let start = Int32(slots.count)
            let oneOffOnly = classroom.schedule.weekly.isEmpty
            if oneOffOnly {
                for session in classroom.schedule.oneOff {
                    slots.append(Slot(weekday: UInt8(session.date.weekday.rawValue), start: Int16(session.start.minutes), end: Int16(session.end.minutes), lastDay: Int32(session.date.dayNumber)))
                }
            } else {
                for slot in classroom.schedule.weekly {
                    slots.append(Slot(weekday: UInt8(slot.weekday.rawValue), start: Int16(slot.start.minutes), end: Int16(slot.end.minutes), lastDay: slot.validUntil.map { Int32($0.dayNumber) } ?? Int32.max))
                }
            }
            rows.append(Row(
                municipality: municipalityIndex[classroom.municipalityCode] ?? -1,
                levelMask: classroom.levels.reduce(0) { $0 | Self.bit($1) }, flags: flags, languageMask: languageMask,
                slotStart: start, slotCount: Int16(Int32(slots.count) - start), oneOffOnly: oneOffOnly,
                lastConfirmedDay: Int32(classroom.lastConfirmed.dayNumber)
            ))
        }
    }

    static func bit(_ level: Level) -> UInt8 { 1 << UInt8(Level.allCases.firstIndex(of: level)!) }

    private mutating func bit(forLanguage name: String, adding: Bool) -> UInt64 {
        if let index = languageBits[name] { return 1 << UInt64(index) }
        guard adding, languageBits.count < 64 else { return 0 }
        languageBits[name] = languageBits.count
        return 1 << UInt64(languageBits.count - 1)
    }

    /// The mask a query's language tags select: a bare tag (`zh`) selects every variant through its primary bit.
    /// Nil when a tag is unknown to every classroom (no row can match).
    func languageMask(for tags: Set<LanguageTag>) -> UInt64? {
        var mask: UInt64 = 0
        for tag in tags {
            if let index = languageBits[tag.rawValue] { mask |= 1 << UInt64(index) }
        }
        return mask == 0 ? nil : mask
    }

    /// Indices of rows passing every structured filter of `query`, in order, leaving out those last confirmed
    /// before `oldestConfirmed`.
    func matching(_ query: ClassroomQuery, today: LocalDate, oldestConfirmed: LocalDate) -> [Int] {
        var municipalityAllowed = [Bool](repeating: query.municipalities.isEmpty, count: municipalityIndex.count + 1)
        for code in query.municipalities { if let index = municipalityIndex[code] { municipalityAllowed[Int(index)] = true } }
        let levelMask = query.levels.reduce(UInt8(0)) { $0 | Self.bit($1) }
        var required: UInt8 = 0
        if query.freeOnly { required |= Self.free }
        if query.childcareOnly { required |= Self.childcare }
        if query.acceptingOnly { required |= Self.accepting }
        let formatBit = query.format.map(Self.formatBit) ?? 0
        var languageMask: UInt64 = 0
        if !query.languages.isEmpty {
            guard let mask = self.languageMask(for: query.languages) else { return [] }
            languageMask = mask
        }
        var weekdayMask: UInt8 = 0
        for day in query.weekdays { weekdayMask |= 1 << UInt8(day.rawValue) }
        let bySchedule = weekdayMask != 0 || query.from != nil || query.to != nil
        let from = Int16(query.from?.minutes ?? -1), to = Int16(query.to?.minutes ?? 2000)
        let todayNumber = Int32(today.dayNumber)
        let oldest = Int32(oldestConfirmed.dayNumber)

        let unfiltered = query.municipalities.isEmpty && levelMask == 0 && required == 0 && formatBit == 0 && languageMask == 0 && !bySchedule
        if unfiltered { return rows.indices.filter { rows[$0].lastConfirmedDay >= oldest } }
        var result: [Int] = []
        rows.withUnsafeBufferPointer { rows in
            slots.withUnsafeBufferPointer { slots in
                for index in rows.indices {
                    let row = rows[index]
                    if row.lastConfirmedDay < oldest { continue }
                    if row.municipality < 0 || !municipalityAllowed[Int(row.municipality)] { continue }
                    if levelMask != 0, row.levelMask & levelMask == 0 { continue }
                    if row.flags & required != required { continue }
                    if formatBit != 0, row.flags & formatBit == 0 { continue }
                    if languageMask != 0, row.languageMask & languageMask == 0 { continue }
                    if bySchedule {
                        var meets = false
                        for s in Int(row.slotStart)..<Int(row.slotStart) + Int(row.slotCount) {
                            let slot = slots[s]
                            if weekdayMask != 0, weekdayMask & (1 << slot.weekday) == 0 { continue }
                            if slot.lastDay < todayNumber { continue }
                            // The slot must overlap [from, to).
                            if slot.end <= from || slot.start >= to { continue }
                            meets = true
                            break
                        }
                        if !meets { continue }
                    }
                    result.append(index)
                }
            }
        }
        return result
    }
}
