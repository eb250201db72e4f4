import Foundation
import GRDB

/// Row of `classroom`; levels, languages and the schedule live in child tables.
struct ClassroomRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "classroom"

    var id: Int64
    var name: String
    var nameKana: String
    var organiser: String
    var municipalityCode: String
    var venue: String
    var address: String?
    var latitude: Double?
    var longitude: Double?
    var format: String
    var feeYen: Int
    var materialsYen: Int?
    var childcare: Bool
    var wheelchairAccessible: Bool
    var eligibility: String?
    var capacity: Int?
    var accepting: Bool
    var url: String?
    var email: String?
    var phone: String?
    var status: String
    var lastConfirmed: String
    var isSample: Bool
    var createdAt: Date
    var updatedAt: Date
    var organiserId: Int64?
    var version: Int
    var awaitingApproval: Bool
    var reviewNote: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let status = Column(CodingKeys.status)
        static let createdAt = Column(CodingKeys.createdAt)
        static let organiserId = Column(CodingKeys.organiserId)
        static let municipalityCode = Column(CodingKeys.municipalityCode)
        static let updatedAt = Column(CodingKeys.updatedAt)
        static let lastConfirmed = Column(CodingKeys.lastConfirmed)
    }

    init(_ c: Classroom, createdAt: Date, updatedAt: Date) {
        id = c.id.rawValue
        name = c.name
        nameKana = c.nameKana
        organiser = c.organiser
        municipalityCode = c.municipalityCode.rawValue
        venue = c.venue
        address = c.address
        latitude = c.latitude
        longitude = c.longitude
        format = c.format.rawValue
        feeYen = c.feeYen
        materialsYen = c.materialsYen
        childcare = c.childcare
        wheelchairAccessible = c.wheelchairAccessible
        eligibility = c.eligibility
        capacity = c.capacity
        accepting = c.accepting
        url = c.contact.url
        email = c.contact.email
        phone = c.contact.phone
        status = c.status.rawValue
        lastConfirmed = c.lastConfirmed.description
        isSample = c.isSample
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        organiserId = c.organiserId?.rawValue
        version = c.version
        awaitingApproval = c.awaitingApproval
        reviewNote = c.reviewNote
    }
}

/// Rows of the child tables, keyed by classroom.
struct ClassroomLevelRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "classroomLevel"
    var classroomId: Int64
    var level: String
}

struct ClassroomLanguageRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "classroomLanguage"
    var classroomId: Int64
    var tag: String
}

struct WeeklySlotRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "weeklySlot"
    var classroomId: Int64
    var weekday: Int
    var startMinute: Int
    var endMinute: Int
    var validFrom: String?
    var validUntil: String?
}

struct OneOffSessionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "oneOffSession"
    var classroomId: Int64
    var date: String
    var startMinute: Int
    var endMinute: Int
}

struct CancellationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "cancellation"
    var classroomId: Int64
    var date: String
    var reason: String?
}

struct OrganiserRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "organiser"
    var id: Int64?
    var name: String
    var createdAt: Date

    var organiser: Organiser? { id.map { Organiser(id: Organiser.ID($0), name: name) } }
}
