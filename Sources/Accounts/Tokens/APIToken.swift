import Foundation

/// A personal API token as its owner sees it in their list: never the secret itself, which is shown once when
/// the token is made and kept only as a SHA-256 digest. A token acts with its owner's role and scope as they
/// are at the time of each request, so a changed scope or a removed account changes what the token can do.
public struct APIToken: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The owner's own name for it ("timetable script"), 1–100 characters.
    public var label: String
    public var createdAt: Date
    /// When it last authenticated a request, to the minute; nil when never used.
    public var lastUsedAt: Date?

    public init(id: Int64, label: String, createdAt: Date, lastUsedAt: Date?) {
        self.id = id
        self.label = label
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }

    /// Longest label.
    public static let labelLimit = 100
    /// Live tokens one account may hold; a script per purpose, not a token per request.
    public static let perAccountLimit = 10
    /// Every secret starts with this, so a token pasted where it does not belong (a chat, a repository) is
    /// recognisable to a person and to secret scanners.
    public static let prefix = "manabi_"
}
