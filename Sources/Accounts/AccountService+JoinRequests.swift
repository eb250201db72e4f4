import Foundation
import GRDB
import Storage

/// A teacher who was not invited asks to join; staff of the municipality named approve or refuse.
public struct JoinRequest: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var email: String
    public var organiserName: String
    public var municipalityCode: String
    public var message: String?
    public var state: State
    public var createdAt: Date

    public enum State: String, Sendable {
        case open, approved, refused
    }
}

extension AccountService {
    public static let joinMessageLimit = 1000

    /// Records a request. An address that already has an account or an open request is accepted silently
    /// (the page says the same either way), so the public form tells nobody who has an account.
    public func requestToJoin(email rawEmail: String, organiserName: String, municipalityCode: String, message: String?) async throws {
        guard let email = EmailAddress.normalise(rawEmail) else { throw Failure.invalidEmail }
        let now = clock()
        try await database.writer.write { db in
            let known = try Int.fetchOne(db, sql: "SELECT 1 FROM account WHERE email = ?", arguments: [email]) != nil
                || (try Int.fetchOne(db, sql: "SELECT 1 FROM joinRequest WHERE email = ? AND state = 'open'", arguments: [email]) != nil)
            guard !known else { return }
            try db.execute(
                sql: "INSERT INTO joinRequest (email, organiserName, municipalityCode, message, state, createdAt) VALUES (?, ?, ?, ?, 'open', ?)",
                arguments: [email, organiserName, municipalityCode, message?.isEmpty == false ? message : nil, now]
            )
        }
    }

    /// Open requests for the given municipalities (all of them when nil), oldest first.
    public func openJoinRequests(in municipalities: Set<String>?) async throws -> [JoinRequest] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM joinRequest WHERE state = 'open' ORDER BY id").compactMap(Self.joinRequest)
                .filter { municipalities?.contains($0.municipalityCode) ?? true }
        }
    }

    public func joinRequest(_ id: Int64) async throws -> JoinRequest? {
        try await database.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM joinRequest WHERE id = ?", arguments: [id]).flatMap(Self.joinRequest) }
    }

    /// Marks an open request decided; false when it was decided already (two staff members at once).
    public func decide(_ id: Int64, approved: Bool, by account: Account.ID) async throws -> Bool {
        let now = clock()
        return try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE joinRequest SET state = ?, decidedAt = ?, decidedBy = ? WHERE id = ? AND state = 'open'",
                arguments: [approved ? "approved" : "refused", now, account.rawValue, id]
            )
            guard db.changesCount == 1 else { return false }
            let municipality = try String.fetchOne(db, sql: "SELECT municipalityCode FROM joinRequest WHERE id = ?", arguments: [id])
            try AuditLog.append(
                AuditEntry(at: now, author: .account(account.rawValue), action: approved ? "join_request.approve" : "join_request.refuse",
                           subjectKind: "join_request", subjectId: String(id), municipalityCode: municipality,
                           changes: [FieldChange(field: "state", before: "open", after: approved ? "approved" : "refused")]),
                in: db
            )
            return true
        }
    }

    static func joinRequest(_ row: Row) -> JoinRequest? {
        guard let state = JoinRequest.State(rawValue: row["state"]) else { return nil }
        return JoinRequest(id: row["id"], email: row["email"], organiserName: row["organiserName"], municipalityCode: row["municipalityCode"],
                           message: row["message"], state: state, createdAt: row["createdAt"])
    }
}
