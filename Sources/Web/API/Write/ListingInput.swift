import Accounts
import Classroom
import Foundation

/// A checked JSON body written onto a ``ClassroomForm``: each field becomes the text the form would hold, so the
/// form's validation (the import's) decides the rest, exactly as for a person typing into the page.
enum ListingInput {
    /// Writes the listing fields present in `members` onto `form`; null empties an optional field.
    static func apply(_ members: [String: JSONValue], to form: inout ClassroomForm) {
        for column in ClassroomForm.editableColumns {
            guard let value = members[column] else { continue }
            form.values[column] = text(value)
        }
        if case .array(let rows)? = members["weekly_slots"] { form.weekly = rows.map(weeklyRow) }
        if case .array(let rows)? = members["one_off_sessions"] { form.oneOff = rows.map(oneOffRow) }
        if case .array(let rows)? = members["cancellations"] { form.cancellations = rows.map(cancellationRow) }
    }

    /// The form's text for a JSON value: lists joined with `|` as in the import format.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): JSONShape.integer(value).map(String.init) ?? String(number)
        case .string(let text): text
        case .array(let items): items.map(text).joined(separator: "|")
        case .object: ""
        }
    }

    static func field(_ value: JSONValue, _ name: String) -> String {
        if case .object(let members) = value, let member = members[name] { return text(member) }
        return ""
    }

    static func weeklyRow(_ value: JSONValue) -> ClassroomForm.WeeklyRow {
        .init(weekday: field(value, "weekday"), start: field(value, "start"), end: field(value, "end"), from: field(value, "valid_from"), until: field(value, "valid_until"))
    }

    static func oneOffRow(_ value: JSONValue) -> ClassroomForm.OneOffRow {
        .init(date: field(value, "date"), start: field(value, "start"), end: field(value, "end"))
    }

    static func cancellationRow(_ value: JSONValue) -> ClassroomForm.CancellationRow {
        .init(date: field(value, "date"), reason: field(value, "reason"))
    }

    /// A schedule row with the fields present in `members` changed (a PATCH of one item).
    static func patched(_ row: ClassroomForm.WeeklyRow, _ members: [String: JSONValue]) -> ClassroomForm.WeeklyRow {
        var row = row
        if let v = members["weekday"] { row.weekday = text(v) }
        if let v = members["start"] { row.start = text(v) }
        if let v = members["end"] { row.end = text(v) }
        if let v = members["valid_from"] { row.from = text(v) }
        if let v = members["valid_until"] { row.until = text(v) }
        return row
    }

    static func patched(_ row: ClassroomForm.OneOffRow, _ members: [String: JSONValue]) -> ClassroomForm.OneOffRow {
        var row = row
        if let v = members["date"] { row.date = text(v) }
        if let v = members["start"] { row.start = text(v) }
        if let v = members["end"] { row.end = text(v) }
        return row
    }

    static func patched(_ row: ClassroomForm.CancellationRow, _ members: [String: JSONValue]) -> ClassroomForm.CancellationRow {
        var row = row
        if let v = members["date"] { row.date = text(v) }
        if let v = members["reason"] { row.reason = text(v) }
        return row
    }

    /// The form's problem keys as JSON pointers into the request body: `weekly.2` is `/weekly_slots/2`.
    static func pointer(_ field: String) -> String {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        let names = ["weekly": "weekly_slots", "one_off": "one_off_sessions", "cancellations": "cancellations", "form": ""]
        let head = names[parts[0]] ?? parts[0]
        return parts.count == 2 ? "/\(head)/\(parts[1])" : (head.isEmpty ? "" : "/\(head)")
    }
}

/// The id of a weekly slot or one-off session in the write API: the first 48 bits of the SHA-256 of what it says.
/// The schedule keeps no ids of its own, and an id that names the content cannot point at a different session after
/// another edit; a PATCH that changes a slot gives it a new id, which the answer shows.
enum ScheduleItemID {
    static func of(_ slot: WeeklySlot) -> String {
        digest("weekly \(slot.weekday.code) \(slot.start)-\(slot.end) \(slot.validFrom?.description ?? "")..\(slot.validUntil?.description ?? "")")
    }

    static func of(_ session: OneOffSession) -> String { digest("one-off \(session.date) \(session.start)-\(session.end)") }

    private static func digest(_ text: String) -> String { String(Secret.digest(text).prefix(12)) }
}
