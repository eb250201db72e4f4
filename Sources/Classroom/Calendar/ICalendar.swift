import Foundation

/// Writes classrooms as an RFC 5545 calendar: one weekly recurring event (RRULE, with EXDATE for
/// cancellations) per slot and one event per one-off session, all in Asia/Tokyo wall-clock time.
/// UIDs are derived from the classroom and the slot, so a calendar app that subscribes sees the same
/// events updated rather than duplicated.
public enum ICalendar {
    /// The whole calendar for `classrooms`, with `name` as its title. `municipalities` names the place of each.
    public static func calendar(name: String, classrooms: [(Classroom, Municipality)]) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Manabi//Japanese classroom directory//JA", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:\(escape(name))", "X-WR-TIMEZONE:Asia/Tokyo",
            // Japan has had no daylight saving time since 1951: one STANDARD block describes it fully.
            "BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0900",
            "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE",
        ]
        for (classroom, municipality) in classrooms {
            lines += events(for: classroom, in: municipality)
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func events(for c: Classroom, in m: Municipality) -> [String] {
        let summary = (c.isSample ? "[サンプル Sample] " : "") + c.name
        let location = [c.venue, c.address ?? m.name].joined(separator: ", ")
        var description = "\(c.organiser)"
        if c.isSample { description += "\nサンプルデータです。実在の教室ではありません。 / Sample data, not a real classroom." }
        let stamp = utcStamp(c.updatedAt ?? Date(timeIntervalSince1970: TimeInterval(c.lastConfirmed.dayNumber * 86400)))
        var common = ["DTSTAMP:\(stamp)", "SUMMARY:\(escape(summary))", "LOCATION:\(escape(location))", "DESCRIPTION:\(escape(description))"]
        if let url = c.contact.url { common.append("URL:\(url)") }
        if let lat = c.latitude, let lon = c.longitude { common.append("GEO:\(lat);\(lon)") }

        var lines: [String] = []
        for slot in c.schedule.weekly {
            let anchor = slot.validFrom ?? c.lastConfirmed
            let first = anchor.adding(days: (slot.weekday.rawValue - anchor.weekday.rawValue + 7) % 7)
            lines += ["BEGIN:VEVENT", "UID:classroom-\(c.id)-\(slot.weekday.code)-\(compact(slot.start))@manabi"]
            lines += ["DTSTART;TZID=Asia/Tokyo:\(local(first, slot.start))", "DTEND;TZID=Asia/Tokyo:\(local(first, slot.end))"]
            var rule = "RRULE:FREQ=WEEKLY;BYDAY=\(byDay(slot.weekday))"
            // UNTIL must be UTC when DTSTART has a TZID: the end of the last day in Tokyo is 14:59:59Z that day.
            if let until = slot.validUntil { rule += ";UNTIL=\(basic(until))T145959Z" }
            lines.append(rule)
            let skipped = c.schedule.cancellations.filter { $0.weekday == slot.weekday && $0 >= first && slot.isValid(on: $0) }
            if !skipped.isEmpty {
                lines.append("EXDATE;TZID=Asia/Tokyo:" + skipped.map { local($0, slot.start) }.joined(separator: ","))
            }
            lines += common + ["END:VEVENT"]
        }
        for session in c.schedule.oneOff {
            lines += ["BEGIN:VEVENT", "UID:classroom-\(c.id)-\(basic(session.date))-\(compact(session.start))@manabi"]
            lines += ["DTSTART;TZID=Asia/Tokyo:\(local(session.date, session.start))", "DTEND;TZID=Asia/Tokyo:\(local(session.date, session.end))"]
            lines += common + ["END:VEVENT"]
        }
        return lines
    }

    static func byDay(_ day: Weekday) -> String { ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.rawValue - 1] }
    static func basic(_ date: LocalDate) -> String { date.description.replacingOccurrences(of: "-", with: "") }
    static func compact(_ time: TimeOfDay) -> String { time.description.replacingOccurrences(of: ":", with: "") }
    static func local(_ date: LocalDate, _ time: TimeOfDay) -> String { "\(basic(date))T\(compact(time))00" }

    static func utcStamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = LocalDate(dayNumber: seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        let rest = seconds - day.dayNumber * 86400
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(basic(day))T\(two(rest / 3600))\(two(rest % 3600 / 60))\(two(rest % 60))Z"
    }

    /// TEXT escaping of RFC 5545 §3.3.11.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets (§3.1) without splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var parts: [String] = []
        var current = ""
        var size = 0
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            let limit = parts.isEmpty ? 75 : 74  // continuation lines start with a space
            if size + width > limit {
                parts.append(current)
                current = ""
                size = 0
            }
            current.unicodeScalars.append(scalar)
            size += width
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}
