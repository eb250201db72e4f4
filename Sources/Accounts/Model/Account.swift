import Foundation

/// Someone who runs listings: a teacher of one organiser, ward staff scoped to municipalities, or an admin.
/// Holds only what signing in and scoping need: no name, no phone, nothing about learners.
public struct Account: Sendable, Hashable, Identifiable {
    public struct ID: Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: Int64
        public init(_ rawValue: Int64) { self.rawValue = rawValue }
        public var description: String { String(rawValue) }
    }

    public var id: ID
    /// Lower-cased e-mail address; unique.
    public var email: String
    public var role: Role
    /// The organiser a teacher belongs to (the Classroom domain's `Organiser.ID` raw value).
    public var organiserId: Int64?
    /// The municipality codes a staff account looks after.
    public var municipalities: Set<String>
    /// False until the person has chosen a password through their setup link.
    public var hasPassword: Bool
    public var twoFactorEnabled: Bool
    public var createdAt: Date

    public init(id: ID, email: String, role: Role, organiserId: Int64? = nil, municipalities: Set<String> = [], hasPassword: Bool, twoFactorEnabled: Bool, createdAt: Date) {
        self.id = id
        self.email = email
        self.role = role
        self.organiserId = organiserId
        self.municipalities = municipalities
        self.hasPassword = hasPassword
        self.twoFactorEnabled = twoFactorEnabled
        self.createdAt = createdAt
    }

    /// Admin accounts must sign in with a second factor; until one is set up they can do nothing else.
    public var mustSetUpTwoFactor: Bool { role == .admin && !twoFactorEnabled }
}

/// What an account may do, from least to most.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case teacher
    case staff
    case admin
}
