import Foundation

/// A problem with a listing, reported by anyone from the classroom's page. Holds what the reporter chose and
/// wrote, and nothing about them: no address, no account.
public struct ListingReport: Sendable, Hashable, Identifiable {
    public struct ID: Sendable, Hashable, Comparable, CustomStringConvertible {
        public let rawValue: Int64
        public init(_ rawValue: Int64) { self.rawValue = rawValue }
        public var description: String { String(rawValue) }
        public static func < (a: ID, b: ID) -> Bool { a.rawValue < b.rawValue }
    }

    /// What went wrong, as the form offers it.
    public enum Kind: String, Sendable, CaseIterable {
        case timeChanged = "time_changed"
        case ended
        case contact
        case other
    }

    public let id: ID
    public let classroomId: Classroom.ID
    public let kind: Kind
    public let message: String
    public let createdAt: Date
    /// Set when a teacher or staff member closed it, with what they said.
    public let closedAt: Date?
    public let closeNote: String?

    public var isOpen: Bool { closedAt == nil }

    /// The longest message kept (characters).
    public static let messageLimit = 1000
}

/// A report that cannot be taken as it is.
public enum ReportProblem: Error, Equatable, Sendable {
    /// The kind is not one of ``ListingReport/Kind``.
    case kind
    /// Longer than ``ListingReport/messageLimit``, or holding control characters.
    case message
    /// No published classroom with that id.
    case classroom
    /// Too many reports from this address lately; try again after this many seconds.
    case tooMany(retryAfter: Int)
    /// The database could not store it (full disk, a broken file): not the reporter's to fix. The cause, for the log.
    case storage(String)
}
