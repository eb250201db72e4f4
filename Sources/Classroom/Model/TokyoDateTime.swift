import Foundation

/// A moment as a clock on a wall in Tokyo shows it. Japan Standard Time is UTC+9 all year (no DST),
/// so the conversion is a fixed offset and needs no time zone database.
public struct TokyoDateTime: Sendable, Hashable {
    public var date: LocalDate
    public var time: TimeOfDay

    public init(date: LocalDate, time: TimeOfDay) {
        self.date = date
        self.time = time
    }

    public init(_ instant: Date) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + 9 * 3600
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        self.date = LocalDate(dayNumber: days)
        self.time = TimeOfDay(minutes: (seconds - days * 86400) / 60)!
    }

    public static var now: TokyoDateTime { TokyoDateTime(Date()) }
}
