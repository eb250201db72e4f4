import Classroom
import Curriculum
import Foundation

/// JSON shapes of the classroom API. Field names are camelCase here and snake_case on the wire.
struct MunicipalityRef {
    var code: String
    var name: String
    var kana: String

    init(_ m: Municipality) {
        code = m.code.rawValue
        name = m.name
        kana = m.kana
    }
}

struct SlotResponse {

    var weekday: String
    var start: String
    var end: String
    var validFrom: String?
    var validUntil: String?

    init(_ slot: WeeklySlot) {
        weekday = slot.weekday.code
        start = slot.start.description
        end = slot.end.description
        validFrom = slot.validFrom?.description
        validUntil = slot.validUntil?.description
    }
}

/// `next_session` as an ISO 8601 start with Tokyo's offset plus its end time.
struct SessionResponse {

    var date: String
    var start: String
    var end: String
    var startsAt: String

    init(_ session: Session) {
        date = session.date.description
        start = session.start.description
        end = session.end.description
        startsAt = session.startISO8601
    }
}

struct ClassroomSummaryResponse {

    var id: Int64
    var name: String
    var nameKana: String
    var organiser: String
    var municipality: MunicipalityRef
    var format: String
    var feeYen: Int
    var childcare: Bool
    var levels: [String]
    var languages: [String]
    var slots: [SlotResponse]
    /// One-off dates still to come, so a class found through a one-off date shows that date.
    var oneOff: [SessionResponse]
    var nextSession: SessionResponse?
    var accepting: Bool
    var lastConfirmed: String
    var sample: Bool

    init(_ hit: SearchHit, now: TokyoDateTime) {
        let c = hit.classroom
        id = c.id.rawValue
        name = c.name
        nameKana = c.nameKana
        organiser = c.organiser
        municipality = MunicipalityRef(hit.municipality)
        format = c.format.rawValue
        feeYen = c.feeYen
        childcare = c.childcare
        levels = c.levels.map(\.code)
        languages = c.languages.map(\.rawValue)
        slots = c.schedule.weekly.map(SlotResponse.init)
        oneOff = c.schedule.upcomingOneOff(after: now).map(SessionResponse.init)
        nextSession = hit.nextSession.map(SessionResponse.init)
        accepting = c.accepting
        lastConfirmed = c.lastConfirmed.description
        sample = c.isSample
    }
}

struct ClassroomPageResponse {
    var total: Int
    var limit: Int
    var offset: Int
    var items: [ClassroomSummaryResponse]
}

/// The full record of one classroom.
struct ClassroomDetailResponse {

    struct Schedule {

        var weekly: [SlotResponse]
        var oneOff: [SessionResponse]
        var cancellations: [String]
        var upcoming: [SessionResponse]
    }

    struct Contact {
        var url: String?
        var email: String?
        var phone: String?
    }

    var id: Int64
    var name: String
    var nameKana: String
    var organiser: String
    var municipality: MunicipalityRef
    var venue: String
    var address: String?
    var lat: Double?
    var lon: Double?
    var format: String
    var feeYen: Int
    var materialsYen: Int?
    var childcare: Bool
    var wheelchairAccessible: Bool
    var eligibility: String?
    var levels: [String]
    var languages: [String]
    var capacity: Int?
    var accepting: Bool
    var contact: Contact
    var status: String
    var lastConfirmed: String
    var schedule: Schedule
    var nextSession: SessionResponse?
    var sample: Bool
    var createdAt: String?
    var updatedAt: String?

    init(_ c: Classroom, municipality m: Municipality, now: TokyoDateTime) {
        let upcoming = c.schedule.upcomingSessions(after: now, count: 4)
        id = c.id.rawValue
        name = c.name
        nameKana = c.nameKana
        organiser = c.organiser
        municipality = MunicipalityRef(m)
        venue = c.venue
        address = c.address
        lat = c.latitude
        lon = c.longitude
        format = c.format.rawValue
        feeYen = c.feeYen
        materialsYen = c.materialsYen
        childcare = c.childcare
        wheelchairAccessible = c.wheelchairAccessible
        eligibility = c.eligibility
        levels = c.levels.map(\.code)
        languages = c.languages.map(\.rawValue)
        capacity = c.capacity
        accepting = c.accepting
        contact = Contact(url: c.contact.url, email: c.contact.email, phone: c.contact.phone)
        status = c.status.rawValue
        lastConfirmed = c.lastConfirmed.description
        schedule = Schedule(
            weekly: c.schedule.weekly.map(SlotResponse.init),
            oneOff: c.schedule.oneOff.map { SessionResponse(Session(date: $0.date, start: $0.start, end: $0.end)) },
            cancellations: c.schedule.cancellations.map(\.description),
            upcoming: upcoming.map(SessionResponse.init)
        )
        nextSession = upcoming.first.map(SessionResponse.init)
        sample = c.isSample
        createdAt = c.createdAt?.formatted(.iso8601)
        updatedAt = c.updatedAt?.formatted(.iso8601)
    }
}

struct MunicipalityResponse: Encodable {
    enum CodingKeys: String, CodingKey {
        case code
        case name
        case kana
        case romaji
        case kind
        case lat
        case lon
        case foreignResidents = "foreign_residents"
        case foreignResidentsDate = "foreign_residents_date"
        case foreignResidentsSource = "foreign_residents_source"
        case classroomCount = "classroom_count"
    }

    var code: String
    var name: String
    var kana: String
    var romaji: String
    var kind: String
    var lat: Double
    var lon: Double
    var foreignResidents: Int
    var foreignResidentsDate: String
    var foreignResidentsSource: String
    var classroomCount: Int

    init(_ listing: MunicipalityListing) {
        let m = listing.municipality
        code = m.code.rawValue
        name = m.name
        kana = m.kana
        romaji = m.romaji
        kind = m.kind.rawValue
        lat = m.latitude
        lon = m.longitude
        foreignResidents = m.foreignResidents
        foreignResidentsDate = m.foreignResidentsDate
        foreignResidentsSource = m.source
        classroomCount = listing.classroomCount
    }
}

struct ItemsResponse<Item: Encodable>: Encodable {
    var items: [Item]
}

// MARK: - JSON

extension MunicipalityRef: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("code", code)
        json.field("name", name)
        json.field("kana", kana)
        json.endObject()
    }
}

extension SlotResponse: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("weekday", weekday)
        json.field("start", start)
        json.field("end", end)
        if let validFrom { json.field("valid_from", validFrom) }
        if let validUntil { json.field("valid_until", validUntil) }
        json.endObject()
    }
}

extension SessionResponse: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("date", date)
        json.field("start", start)
        json.field("end", end)
        json.field("starts_at", startsAt)
        json.endObject()
    }
}

extension ClassroomSummaryResponse: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.writeIdentity(id: id, name: name, nameKana: nameKana, organiser: organiser, municipality: municipality)
        json.field("format", format)
        json.field("fee_yen", feeYen)
        json.field("childcare", childcare)
        json.field("levels", levels)
        json.field("languages", languages)
        json.field("slots") { slots.write(to: &$0) }
        json.field("one_off") { oneOff.write(to: &$0) }
        json.field("next_session", nextSession)
        json.field("accepting", accepting)
        json.field("last_confirmed", lastConfirmed)
        json.field("sample", sample)
        json.endObject()
    }
}

extension ClassroomPageResponse: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("total", total)
        json.field("limit", limit)
        json.field("offset", offset)
        json.field("items") { items.write(to: &$0) }
        json.endObject()
    }
}

extension ClassroomDetailResponse: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.writeIdentity(id: id, name: name, nameKana: nameKana, organiser: organiser, municipality: municipality)
        json.field("venue", venue)
        json.field("address", address)
        json.field("lat", lat)
        json.field("lon", lon)
        json.field("format", format)
        json.field("fee_yen", feeYen)
        json.field("materials_yen", materialsYen)
        json.field("childcare", childcare)
        json.field("wheelchair_accessible", wheelchairAccessible)
        json.field("eligibility", eligibility)
        json.field("levels", levels)
        json.field("languages", languages)
        json.field("capacity", capacity)
        json.field("accepting", accepting)
        json.field("contact") { json in
            json.beginObject()
            json.field("url", contact.url)
            json.field("email", contact.email)
            json.field("phone", contact.phone)
            json.endObject()
        }
        json.field("status", status)
        json.field("last_confirmed", lastConfirmed)
        json.field("schedule") { json in
            json.beginObject()
            json.field("weekly") { schedule.weekly.write(to: &$0) }
            json.field("one_off") { schedule.oneOff.write(to: &$0) }
            json.field("cancellations", schedule.cancellations)
            json.field("upcoming") { schedule.upcoming.write(to: &$0) }
            json.endObject()
        }
        json.field("next_session", nextSession)
        json.field("sample", sample)
        json.field("created_at", createdAt)
        json.field("updated_at", updatedAt)
        json.endObject()
    }
}

extension JSONOutput {
    /// The members that open both the summary and the full record of a classroom.
    mutating func writeIdentity(id: Int64, name: String, nameKana: String, organiser: String, municipality: MunicipalityRef) {
        field("id", id)
        field("name", name)
        field("name_kana", nameKana)
        field("organiser", organiser)
        field("municipality") { municipality.write(to: &$0) }
    }

    /// A member holding an object, or null.
    mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        field(name) { json in
            if let value { value.write(to: &json) } else { json.raw("null") }
        }
    }
}
