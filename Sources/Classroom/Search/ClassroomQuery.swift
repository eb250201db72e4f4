import Curriculum
import Foundation

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

    // MARK: - Input rules, each stated once for the API, the pages, suggestions and the municipality list

    /// Free text as a search uses it: at most ``maxTextLength`` characters, surrounding white space
    /// dropped, nil when nothing is left. `parameter` names the field in the error.
    public static func searchText(_ raw: String?, parameter: String = "q") throws(ClassroomError) -> String? {
        guard let raw else { return nil }
        guard raw.count <= maxTextLength else {
            throw .invalidQuery(parameter: parameter, detail: "\(parameter) is longer than \(maxTextLength) characters.")
        }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A time window `[from, to)` must not be empty. `parameter` names the field to blame.
    public static func checkWindow(from: TimeOfDay?, to: TimeOfDay?, parameter: String = "to") throws(ClassroomError) {
        if let from, let to, to <= from {
            throw .invalidQuery(parameter: parameter, detail: "to (\(to)) must be later than from (\(from)).")
        }
    }

    /// Checks the combinations a single parameter cannot (text length, paging bounds). `from` and `to` are two
    /// independent conditions (a slot ends after `from`, starts before `to`), so `to` before `from` asks for slots
    /// that span the gap; the search form, where people type a window, refuses that with ``checkWindow(from:to:parameter:)``.
    public func validate() throws(ClassroomError) {
        _ = try Self.searchText(text)
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
