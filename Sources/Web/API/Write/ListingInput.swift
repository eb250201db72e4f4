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

    /// A schedule row's fields by their names in the API; each row kind's text fields, in the form's order.
    typealias Fields<Row> = [(name: String, path: WritableKeyPath<Row, String>)]
    static var weeklyFields: Fields<ClassroomForm.WeeklyRow> { [("weekday", \.weekday), ("start", \.start), ("end", \.end), ("valid_from", \.from), ("valid_until", \.until)] }
    static var oneOffFields: Fields<ClassroomForm.OneOffRow> { [("date", \.date), ("start", \.start), ("end", \.end)] }
    static var cancellationFields: Fields<ClassroomForm.CancellationRow> { [("date", \.date), ("reason", \.reason)] }

    static func weeklyRow(_ value: JSONValue) -> ClassroomForm.WeeklyRow { patched(.init(), value, weeklyFields) }
    static func oneOffRow(_ value: JSONValue) -> ClassroomForm.OneOffRow { patched(.init(), value, oneOffFields) }
    static func cancellationRow(_ value: JSONValue) -> ClassroomForm.CancellationRow { patched(.init(), value, cancellationFields) }

    /// `row` with the members present in `value` (an object) written over its fields: a new row, or a PATCH of one.
    static func patched<Row>(_ row: Row, _ value: JSONValue, _ fields: Fields<Row>) -> Row {
        guard case .object(let members) = value else { return row }
        var row = row
        for (name, path) in fields { if let member = members[name] { row[keyPath: path] = text(member) } }
        return row
    }

    /// Whether two rows say the same, spaces around each field aside.
    static func same<Row>(_ a: Row, _ b: Row, _ fields: Fields<Row>) -> Bool {
        fields.allSatisfy { a[keyPath: $0.path].trimmingCharacters(in: .whitespaces) == b[keyPath: $0.path].trimmingCharacters(in: .whitespaces) }
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
