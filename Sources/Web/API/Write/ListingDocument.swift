import Classroom
import Foundation

/// A listing as the write API answers it: the fields a request may send, under the same names and types, with
/// what only the server sets (id, version, state, dates). A client can read one, change it and send it back
/// as a PATCH, leaving out the read-only members.
struct ListingDocument: Encodable {
    struct Slot: Encodable {
        var id, weekday, start, end: String
        var validFrom, validUntil: String?
        enum CodingKeys: String, CodingKey { case id, weekday, start, end, validFrom = "valid_from", validUntil = "valid_until" }
    }

    struct Session: Encodable {
        var id, date, start, end: String
    }

    struct Cancellation: Encodable {
        var date: String
        var reason: String?
    }

    var id: Int64
    var version: Int
    var state: String
    var reviewNote: String?
    var lastConfirmed: String
    var sample: Bool
    var publicURL: String?
    var name, nameKana, organiser, municipalityCode, venue: String
    var address: String?
    var lat, lon: Double?
    var format: String
    var feeYen: Int
    var materialsYen: Int?
    var childcare, wheelchair, accepting: Bool
    var eligibility: String?
    var levels, languages: [String]
    var capacity: Int?
    var url, email, phone: String?
    var weeklySlots: [Slot]
    var oneOffSessions: [Session]
    var cancellations: [Cancellation]

    enum CodingKeys: String, CodingKey {
        case id, version, state, sample, name, organiser, venue, address, lat, lon, format, childcare, wheelchair, accepting, eligibility, levels
        case languages, capacity, url, email, phone, cancellations
        case reviewNote = "review_note", lastConfirmed = "last_confirmed", publicURL = "public_url", nameKana = "name_kana"
        case municipalityCode = "municipality_code", feeYen = "fee_yen", materialsYen = "materials_yen", weeklySlots = "weekly_slots"
        case oneOffSessions = "one_off_sessions"
    }

    init(_ c: Classroom) {
        id = c.id.rawValue
        version = c.version
        state = c.listingState.rawValue
        reviewNote = c.reviewNote
        lastConfirmed = c.lastConfirmed.description
        sample = c.isSample
        publicURL = c.listingState == .published ? SiteURL.classroom(.value(c.id)).path : nil
        name = c.name
        nameKana = c.nameKana
        organiser = c.organiser
        municipalityCode = c.municipalityCode.rawValue
        venue = c.venue
        address = c.address
        lat = c.latitude
        lon = c.longitude
        format = c.format.rawValue
        feeYen = c.feeYen
        materialsYen = c.materialsYen
        childcare = c.childcare
        wheelchair = c.wheelchairAccessible
        accepting = c.accepting
        eligibility = c.eligibility
        levels = c.levels.map(\.rawValue)
        languages = c.languages.map(\.description)
        capacity = c.capacity
        url = c.contact.url
        email = c.contact.email
        phone = c.contact.phone
        weeklySlots = c.schedule.weekly.map {
            Slot(id: ScheduleItemID.of($0), weekday: $0.weekday.code, start: "\($0.start)", end: "\($0.end)", validFrom: $0.validFrom?.description, validUntil: $0.validUntil?.description)
        }
        oneOffSessions = c.schedule.oneOff.map { Session(id: ScheduleItemID.of($0), date: $0.date.description, start: "\($0.start)", end: "\($0.end)") }
        cancellations = c.schedule.cancellations.map { Cancellation(date: $0.description, reason: c.schedule.cancellationReasons[$0]) }
    }

    /// The response schema, from the request fields' shapes (types only: stored data may predate a limit).
    static func schema(municipalityCodes: [String]) -> [String: Any] {
        var properties: [String: Any] = [:]
        for (name, shape) in ListingSchema.fields(municipalityCodes: municipalityCodes) { properties[name] = shape.schema(strict: false) }
        let withID: (JSONShape) -> [String: Any] = { shape in
            var schema = shape.schema(strict: false)
            var props = schema["properties"] as? [String: Any] ?? [:]
            props["id"] = ["type": "string", "pattern": ListingSchema.itemIDPattern]
            schema["properties"] = props
            schema["required"] = ((schema["required"] as? [String]) ?? []) + ["id"]
            return schema
        }
        properties["weekly_slots"] = ["type": "array", "items": withID(ListingSchema.weeklySlot)]
        properties["one_off_sessions"] = ["type": "array", "items": withID(ListingSchema.oneOffSession)]
        properties["id"] = ["type": "integer"]
        properties["version"] = ["type": "integer"]
        properties["state"] = ["type": "string", "enum": ListingState.allCases.map(\.rawValue)]
        properties["review_note"] = ["type": "string"]
        properties["last_confirmed"] = ["type": "string"]
        properties["sample"] = ["type": "boolean"]
        properties["public_url"] = ["type": "string"]
        // Absent optional members are left out rather than sent as null.
        for name in ["address", "lat", "lon", "materials_yen", "eligibility", "capacity", "url", "email", "phone"] {
            if let schema = properties[name] as? [String: Any], let anyOf = schema["anyOf"] as? [[String: Any]], let first = anyOf.first { properties[name] = first }
        }
        return [
            "type": "object", "properties": properties,
            "required": ["id", "version", "state", "last_confirmed", "sample", "name", "name_kana", "organiser", "municipality_code", "venue", "format",
                         "fee_yen", "childcare", "wheelchair", "accepting", "levels", "languages", "weekly_slots", "one_off_sessions", "cancellations"],
        ]
    }
}
