import Curriculum
import Foundation

/// A volunteer-run Japanese classroom (地域日本語教室) as the directory lists it.
public struct Classroom: Sendable, Hashable, Codable, Identifiable {
    /// A classroom's stable identifier.
    public struct ID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
        public let rawValue: Int64
        public init(_ rawValue: Int64) { self.rawValue = rawValue }
        public var description: String { String(rawValue) }
        public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// How to reach the organisers.
    public struct Contact: Sendable, Hashable, Codable {
        public var url: String?
        public var email: String?
        public var phone: String?
        public init(url: String? = nil, email: String? = nil, phone: String? = nil) {
            self.url = url
            self.email = email
            self.phone = phone
        }
    }

    public var id: ID
    public var name: String
    /// Reading of the name in hiragana (stored as given when it has Latin letters or digits).
    public var nameKana: String
    public var organiser: String
    public var municipalityCode: Municipality.Code
    public var venue: String
    public var address: String?
    public var latitude: Double?
    public var longitude: Double?
    public var format: ClassroomFormat
    /// Yen per session; 0 means free.
    public var feeYen: Int
    /// One-off materials cost in yen.
    public var materialsYen: Int?
    public var childcare: Bool
    public var wheelchairAccessible: Bool
    /// Who may join, e.g. 区内在住・在勤・在学の方.
    public var eligibility: String?
    public var levels: [Level]
    public var languages: [LanguageTag]
    public var capacity: Int?
    /// Whether the class currently takes new learners.
    public var accepting: Bool
    public var contact: Contact
    public var status: ClassroomStatus
    public var lastConfirmed: LocalDate
    public var schedule: Schedule
    /// Sample data written for this project rather than a real classroom; every view must say so.
    public var isSample: Bool
    public var createdAt: Date?
    public var updatedAt: Date?
    /// The organiser whose teachers may edit this listing; nil for listings that came only from an import.
    public var organiserId: Organiser.ID?
    /// Optimistic version: each stored change adds one, and a save made from an older version is refused.
    public var version: Int = 1
    /// A draft sent to the ward's staff for its first publication.
    public var awaitingApproval = false
    /// What staff wrote when they sent the listing back, shown to its teachers.
    public var reviewNote: String?

    public init(
        id: ID, name: String, nameKana: String, organiser: String, municipalityCode: Municipality.Code, venue: String,
        address: String? = nil, latitude: Double? = nil, longitude: Double? = nil, format: ClassroomFormat = .inPerson,
        feeYen: Int = 0, materialsYen: Int? = nil, childcare: Bool = false, wheelchairAccessible: Bool = false,
        eligibility: String? = nil, levels: [Level], languages: [LanguageTag] = [], capacity: Int? = nil, accepting: Bool = true,
        contact: Contact = Contact(), status: ClassroomStatus = .published, lastConfirmed: LocalDate, schedule: Schedule,
        isSample: Bool, createdAt: Date? = nil, updatedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.nameKana = nameKana
        self.organiser = organiser
        self.municipalityCode = municipalityCode
        self.venue = venue
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.format = format
        self.feeYen = feeYen
        self.materialsYen = materialsYen
        self.childcare = childcare
        self.wheelchairAccessible = wheelchairAccessible
        self.eligibility = eligibility
        self.levels = Array(Set(levels)).sorted()
        self.languages = Array(Set(languages)).sorted()
        self.capacity = capacity
        self.accepting = accepting
        self.contact = contact
        self.status = status
        self.lastConfirmed = lastConfirmed
        self.schedule = schedule
        self.isSample = isSample
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isFree: Bool { feeYen == 0 }

    /// Where the listing stands for the people who run it.
    public var listingState: ListingState {
        switch status {
        case .draft: awaitingApproval ? .awaitingApproval : .draft
        case .published: .published
        case .archived: .archived
        }
    }
}

/// The four states teachers and staff see: a draft becomes public only through staff approval the first
/// time; later edits of a published listing publish at once.
public enum ListingState: String, Sendable, Codable, CaseIterable {
    case draft
    case awaitingApproval = "awaiting_approval"
    case published
    case archived
}
