import Classroom
import Curriculum
import Foundation

/// The write API's bodies, as ``JSONShape``s: one table serves the OpenAPI document and the server's first check.
/// Field names are the import format's columns (those of `ClassroomForm.editableColumns`), so a listing reads the
/// same in a CSV file, a form and a request. Rules JSON Schema cannot state (an end after its start, a reading in
/// kana, lat and lon together) are the form's own, checked after this one.
enum ListingSchema {
    /// No control characters (Unicode Cc), as every text field of the form refuses them.
    static let plainText = "^[^\\x00-\\x1F\\x7F-\\x9F]*$"
    static let timePattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
    static let datePattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
    /// A weekly slot's or one-off session's id: derived from what it says (see ``ScheduleItemID``).
    static let itemIDPattern = "^[0-9a-f]{12}$"

    static func text(_ maxLength: Int, required: Bool = false) -> JSONShape {
        .string(minLength: required ? 1 : 0, maxLength: maxLength, pattern: plainText)
    }
    static let time = JSONShape.string(minLength: 5, maxLength: 5, pattern: timePattern)
    static let date = JSONShape.string(minLength: 10, maxLength: 10, pattern: datePattern)
    static let weekday = JSONShape.enumeration(Weekday.allCases.map(\.code))

    static let weeklySlot = JSONShape.object(
        [("weekday", weekday), ("start", time), ("end", time), ("valid_from", .nullable(date)), ("valid_until", .nullable(date))],
        required: ["weekday", "start", "end"]
    )
    static let oneOffSession = JSONShape.object([("date", date), ("start", time), ("end", time)], required: ["date", "start", "end"])
    static let cancellation = JSONShape.object([("date", date), ("reason", .nullable(text(ClassroomForm.reasonLimit)))], required: ["date"])
    /// Optional on the schedule's own routes: when given, a stale version is refused with 409 instead of applied.
    static let version = JSONShape.integer(minimum: 1, maximum: Int64(Int32.max))

    /// The listing's fields; `municipalityCodes` are those the server knows.
    static func fields(municipalityCodes: [String]) -> [(name: String, shape: JSONShape)] {
        [
            ("name", text(200, required: true)),
            ("name_kana", text(200, required: true)),
            ("organiser", text(200, required: true)),
            ("municipality_code", .enumeration(municipalityCodes)),
            ("venue", text(200, required: true)),
            ("address", .nullable(text(300))),
            ("lat", .nullable(.number(minimum: -90, maximum: 90))),
            ("lon", .nullable(.number(minimum: -180, maximum: 180))),
            ("format", .enumeration(ClassroomFormat.allCases.map(\.rawValue))),
            ("fee_yen", .integer(minimum: 0, maximum: 1_000_000)),
            ("materials_yen", .nullable(.integer(minimum: 0, maximum: 1_000_000))),
            ("childcare", .boolean),
            ("wheelchair", .boolean),
            ("accepting", .boolean),
            ("eligibility", .nullable(text(500))),
            ("levels", .array(.enumeration(Level.allCases.map(\.rawValue)), minItems: 1, maxItems: Level.allCases.count, uniqueItems: true)),
            ("languages", .array(.string(minLength: 2, maxLength: 11, pattern: "^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$"), maxItems: 20, uniqueItems: true)),
            ("capacity", .nullable(.integer(minimum: 1, maximum: 10_000))),
            ("url", .nullable(.string(maxLength: 500, pattern: "^https?://[^\\s\\x00-\\x1F\\x7F-\\x9F]+$"))),
            ("email", .nullable(text(200))),
            ("phone", .nullable(.string(maxLength: 30, pattern: "^[0-9+() -]*$"))),
            ("weekly_slots", .array(weeklySlot, maxItems: 50)),
            ("one_off_sessions", .array(oneOffSession, maxItems: 200)),
            ("cancellations", .array(cancellation, maxItems: 200)),
        ]
    }

    /// Fields a new listing must give; the rest have the form's defaults (free, accepting, the teacher's organiser).
    static let requiredOnCreate: Set<String> = ["name", "name_kana", "municipality_code", "venue", "format", "levels"]

    /// `POST /api/v1/listings`.
    static func create(municipalityCodes: [String]) -> JSONShape {
        .object(fields(municipalityCodes: municipalityCodes), required: requiredOnCreate)
    }

    /// `PATCH /api/v1/listings/{id}`: any fields (null clears an optional one, a schedule array replaces that part
    /// whole) and the version the change was made from.
    static func patch(municipalityCodes: [String]) -> JSONShape {
        .object(fields(municipalityCodes: municipalityCodes) + [("version", version)], required: ["version"])
    }

    /// The body of a schedule route: the item's own fields and an optional version.
    static func item(_ shape: JSONShape, partial: Bool) -> JSONShape {
        guard case .object(let properties, let required) = shape else { return shape }
        return .object(properties + [("version", version)], required: partial ? [] : required)
    }
}
