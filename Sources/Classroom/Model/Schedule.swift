/// When a classroom meets: weekly slots, one-off sessions, and dates on which the weekly slots are cancelled.
/// Kept in this shape (rather than as expanded dates) so that an RFC 5545 RRULE/EXDATE export and the
/// "next session" computation both read straight off it.
public struct Schedule: Sendable, Hashable, Codable {
    public var weekly: [WeeklySlot]
    public var oneOff: [OneOffSession]
    public var cancellations: [LocalDate]
    /// Why there is no class on a cancelled date, where the teacher said (shown to learners).
    public var cancellationReasons: [LocalDate: String]

    public init(weekly: [WeeklySlot] = [], oneOff: [OneOffSession] = [], cancellations: [LocalDate] = [], cancellationReasons: [LocalDate: String] = [:]) {
        self.weekly = weekly.sorted()
        self.oneOff = oneOff.sorted()
        self.cancellations = Array(Set(cancellations)).sorted()
        self.cancellationReasons = cancellationReasons.filter { cancellations.contains($0.key) && !$0.value.isEmpty }
    }

    public var isEmpty: Bool { weekly.isEmpty && oneOff.isEmpty }

    /// The one-off sessions still to come (starting at or after `now`), in time order, leaving out those on
    /// a cancelled date: what a weekly summary alone would not show (a Saturday class held on one date only).
    public func upcomingOneOff(after now: TokyoDateTime) -> [Session] {
        // Most classes have none; every search result asks, so the common case allocates nothing.
        guard !oneOff.isEmpty else { return [] }
        let cancelled = Set(cancellations)
        return oneOff.filter { !cancelled.contains($0.date) }.map { Session(date: $0.date, start: $0.start, end: $0.end) }
            .filter { $0.starts(atOrAfter: now) }.sorted()
    }

    /// The next `count` sessions that start at or after `now` (Tokyo wall-clock), skipping cancelled dates
    /// and slots outside their validity range. Looks at most a year ahead.
    public func upcomingSessions(after now: TokyoDateTime, count: Int) -> [Session] {
        guard count > 0, !isEmpty else { return [] }
        let cancelled = Set(cancellations)
        var found: [Session] = []
        var oneOffIndex = oneOff.firstIndex { Session(date: $0.date, start: $0.start, end: $0.end).starts(atOrAfter: now) } ?? oneOff.endIndex
        for offset in 0...366 {
            let date = now.date.adding(days: offset)
            var today: [Session] = []
            while oneOffIndex < oneOff.endIndex, oneOff[oneOffIndex].date == date {
                let item = oneOff[oneOffIndex]
                today.append(Session(date: date, start: item.start, end: item.end))
                oneOffIndex += 1
            }
            if !cancelled.contains(date) {
                for slot in weekly where slot.weekday == date.weekday && slot.isValid(on: date) {
                    today.append(Session(date: date, start: slot.start, end: slot.end))
                }
            }
            for session in today.sorted() where session.starts(atOrAfter: now) {
                found.append(session)
                if found.count == count { return found }
            }
            if weekly.isEmpty && oneOffIndex == oneOff.endIndex { break }
        }
        return found
    }
}

/// A slot that repeats every week on one weekday, optionally only within a date range.
public struct WeeklySlot: Sendable, Hashable, Codable, Comparable {
    public var weekday: Weekday
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var validFrom: LocalDate?
    public var validUntil: LocalDate?

    public init(weekday: Weekday, start: TimeOfDay, end: TimeOfDay, validFrom: LocalDate? = nil, validUntil: LocalDate? = nil) {
        self.weekday = weekday
        self.start = start
        self.end = end
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// Whether the slot takes place on `date` as far as its validity range goes.
    public func isValid(on date: LocalDate) -> Bool {
        if let validFrom, date < validFrom { return false }
        if let validUntil, date > validUntil { return false }
        return true
    }

    /// Whether the slot overlaps the window `[from, to)`; a missing bound is open.
    public func overlaps(from: TimeOfDay?, to: TimeOfDay?) -> Bool {
        if let from, end <= from { return false }
        if let to, start >= to { return false }
        return true
    }

    public static func < (lhs: WeeklySlot, rhs: WeeklySlot) -> Bool {
        (lhs.weekday, lhs.start, lhs.end) < (rhs.weekday, rhs.start, rhs.end)
    }
}

/// A session on one date only.
public struct OneOffSession: Sendable, Hashable, Codable, Comparable {
    public var date: LocalDate
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(date: LocalDate, start: TimeOfDay, end: TimeOfDay) {
        self.date = date
        self.start = start
        self.end = end
    }

    public static func < (lhs: OneOffSession, rhs: OneOffSession) -> Bool {
        (lhs.date, lhs.start, lhs.end) < (rhs.date, rhs.start, rhs.end)
    }
}

/// One concrete meeting of a classroom.
public struct Session: Sendable, Hashable, Codable, Comparable {
    public var date: LocalDate
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(date: LocalDate, start: TimeOfDay, end: TimeOfDay) {
        self.date = date
        self.start = start
        self.end = end
    }

    func starts(atOrAfter now: TokyoDateTime) -> Bool {
        date > now.date || (date == now.date && start >= now.time)
    }

    /// ISO 8601 local time with Tokyo's offset, e.g. `2026-11-28T10:00:00+09:00`.
    public var startISO8601: String { "\(date)T\(start):00+09:00" }

    public static func < (lhs: Session, rhs: Session) -> Bool { (lhs.date, lhs.start) < (rhs.date, rhs.start) }
}
