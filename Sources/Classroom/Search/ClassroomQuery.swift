import Curriculum

/// What a learner asks the directory for. Empty sets and nil values mean "any".
public struct ClassroomQuery: Sendable, Hashable {
    /// Most results one page may hold.
    public static let maxLimit = 100
    /// Longest free text accepted, in characters: longer is a mistake or abuse, not a search.
    public static let maxTextLength = 200

    public var text: String?
    public var municipalities: Set<Municipality.Code> = []
    public var weekdays: Set<Weekday> = []
    /// A slot must overlap the window `[from, to)`.
    public var from: TimeOfDay?
    public var to: TimeOfDay?
    public var levels: Set<Level> = []
    public var languages: Set<LanguageTag> = []
    public var format: ClassroomFormat?
    public var freeOnly = false
    public var childcareOnly = false
    public var acceptingOnly = false
    public var limit = 20
    public var offset = 0

    public init() {}

    /// Checks the combinations a single parameter cannot (window order, paging bounds).
    public func validate() throws(ClassroomError) {
        if let text, text.count > Self.maxTextLength {
            throw .invalidQuery(parameter: "q", detail: "q is longer than \(Self.maxTextLength) characters")
        }
        if let from, let to, to <= from {
            throw .invalidQuery(parameter: "to", detail: "to (\(to)) must be later than from (\(from))")
        }
        guard (1...Self.maxLimit).contains(limit) else {
            throw .invalidQuery(parameter: "limit", detail: "limit must be between 1 and \(Self.maxLimit)")
        }
        guard offset >= 0 else { throw .invalidQuery(parameter: "offset", detail: "offset must be 0 or more") }
    }
}

/// One page of results with the total, so clients can paginate.
public struct Page<Item: Sendable>: Sendable {
    public var total: Int
    public var limit: Int
    public var offset: Int
    public var items: [Item]
}

/// A classroom as found by a search: the record, its municipality and its next session.
public struct SearchHit: Sendable {
    public var classroom: Classroom
    public var municipality: Municipality
    public var nextSession: Session?
}

/// A municipality in a listing, with how many published classrooms it has.
public struct MunicipalityListing: Sendable {
    public var municipality: Municipality
    public var classroomCount: Int
}

/// One suggestion for a search box.
public struct Suggestion: Sendable, Equatable {
    public enum Kind: String, Sendable { case municipality, language, classroom }
    public var kind: Kind
    /// Municipality code, language tag or classroom id, as text.
    public var id: String
    public var label: String
    /// Reading or other name shown beside the label.
    public var detail: String?
}
