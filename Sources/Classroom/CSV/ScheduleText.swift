import Foundation

/// The compact schedule notation of the CSV columns `slots`, `one_off` and `cancellations`:
/// `sat 10:00-12:00 2026-04-01..2027-03-31; wed 18:30-20:30` and `2026-12-05 10:00-12:00`.
enum ScheduleText {
    /// Why an item of the notation could not be read, in words for the person who wrote it.
    struct Problem: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func weekly(_ slots: [WeeklySlot]) -> String {
        slots.map { slot in
            var text = "\(slot.weekday.code) \(slot.start)-\(slot.end)"
            if slot.validFrom != nil || slot.validUntil != nil {
                text += " \(slot.validFrom?.description ?? "")..\(slot.validUntil?.description ?? "")"
            }
            return text
        }.joined(separator: ";")
    }

    static func oneOff(_ sessions: [OneOffSession]) -> String {
        sessions.map { "\($0.date) \($0.start)-\($0.end)" }.joined(separator: ";")
    }

    static func items(_ text: String) -> [Substring] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces)[...] }.filter { !$0.isEmpty }
    }

    /// Parses `HH:MM-HH:MM` with start before end.
    static func timeRange(_ text: Substring) -> (TimeOfDay, TimeOfDay)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = TimeOfDay(parts[0]), let end = TimeOfDay(parts[1]), start < end else { return nil }
        return (start, end)
    }

    static func parseWeekly(_ item: Substring) -> Result<WeeklySlot, Problem> {
        let words = item.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 2 || words.count == 3 else { return .failure(Problem("'\(item)': expected 'sat 10:00-12:00' with an optional '2026-04-01..2027-03-31'")) }
        guard let weekday = Weekday(code: String(words[0])) else { return .failure(Problem("'\(words[0])' is not a weekday (mon…sun)")) }
        guard let (start, end) = timeRange(words[1]) else { return .failure(Problem("'\(words[1])' is not a time range HH:MM-HH:MM with start before end")) }
        var slot = WeeklySlot(weekday: weekday, start: start, end: end)
        if words.count == 3 {
            let range = words[2].split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
            guard range.count == 2 else { return .failure(Problem("'\(words[2])' is not a date range YYYY-MM-DD..YYYY-MM-DD")) }
            if !range[0].isEmpty {
                guard let from = LocalDate(range[0]) else { return .failure(Problem("'\(range[0])' is not a date YYYY-MM-DD")) }
                slot.validFrom = from
            }
            if !range[1].isEmpty {
                guard let until = LocalDate(range[1]) else { return .failure(Problem("'\(range[1])' is not a date YYYY-MM-DD")) }
                slot.validUntil = until
            }
            if let from = slot.validFrom, let until = slot.validUntil, until < from {
                return .failure(Problem("'\(words[2])' ends before it starts"))
            }
        }
        return .success(slot)
    }

    static func parseOneOff(_ item: Substring) -> Result<OneOffSession, Problem> {
        let words = item.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 2 else { return .failure(Problem("'\(item)': expected '2026-12-05 10:00-12:00'")) }
        guard let date = LocalDate(words[0]) else { return .failure(Problem("'\(words[0])' is not a date YYYY-MM-DD")) }
        guard let (start, end) = timeRange(words[1]) else { return .failure(Problem("'\(words[1])' is not a time range HH:MM-HH:MM with start before end")) }
        return .success(OneOffSession(date: date, start: start, end: end))
    }
}
