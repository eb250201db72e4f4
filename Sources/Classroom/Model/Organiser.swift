import Foundation

/// A group that runs classrooms (a volunteer association, a ward's international association); its
/// teachers edit its listings. The name is what learners see as "organiser" unless a listing says otherwise.
public struct Organiser: Sendable, Hashable, Codable, Identifiable {
    public struct ID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
        public let rawValue: Int64
        public init(_ rawValue: Int64) { self.rawValue = rawValue }
        public var description: String { String(rawValue) }
        public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var id: ID
    public var name: String

    public init(id: ID, name: String) {
        self.id = id
        self.name = name
    }
}
