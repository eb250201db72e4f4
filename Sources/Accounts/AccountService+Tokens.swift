import Foundation
import GRDB
import Storage

/// Personal API tokens: made and revoked by their owner, each change in the audit log.
extension AccountService {
    /// Why a token could not be made.
    public enum TokenProblem: Error, Equatable, Sendable {
        /// The label is empty, too long, or holds control characters.
        case invalidLabel
        /// The account holds ``APIToken/perAccountLimit`` live tokens already.
        case tooMany
    }

    /// A new token for `account`; returns it with its secret, which is not kept and cannot be shown again.
    public func createToken(for account: Account.ID, label rawLabel: String, by author: ChangeAuthor) async throws -> (token: APIToken, secret: String) {
        let label = rawLabel.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= APIToken.labelLimit,
            !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw TokenProblem.invalidLabel }
        let secret = APIToken.prefix + Secret.token()
        let now = clock()
        let id: Int64 = try await database.writer.write { db in
            guard try Self.account(db, id: account.rawValue) != nil else { throw Failure.notFound }
            let live = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM apiToken WHERE accountId = ? AND revokedAt IS NULL", arguments: [account.rawValue]) ?? 0
            guard live < APIToken.perAccountLimit else { throw TokenProblem.tooMany }
            try db.execute(
                sql: "INSERT INTO apiToken (accountId, tokenHash, label, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [account.rawValue, Secret.digest(secret), label, now]
            )
            let id = db.lastInsertedRowID
            try AuditLog.append(
                AuditEntry(at: now, author: author, action: "token.create", subjectKind: "account", subjectId: String(account.rawValue), municipalityCode: nil,
                           changes: [FieldChange(field: "token", before: nil, after: "\(id) \(label)")]),
                in: db
            )
            return id
        }
        return (APIToken(id: id, label: label, createdAt: now, lastUsedAt: nil), secret)
    }

    /// The live tokens of `account`, newest first.
    public func tokens(of account: Account.ID) async throws -> [APIToken] {
        try await database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, label, createdAt, lastUsedAt FROM apiToken WHERE accountId = ? AND revokedAt IS NULL ORDER BY createdAt DESC, id DESC",
                arguments: [account.rawValue]
            ).map { APIToken(id: $0["id"], label: $0["label"], createdAt: $0["createdAt"], lastUsedAt: $0["lastUsedAt"]) }
        }
    }

    /// Revokes one of `account`'s own tokens at once; throws ``Failure/notFound`` for a token that is not theirs
    /// or is revoked already (so nobody learns which token ids exist).
    public func revokeToken(_ id: Int64, of account: Account.ID, by author: ChangeAuthor) async throws {
        let now = clock()
        try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE apiToken SET revokedAt = ? WHERE id = ? AND accountId = ? AND revokedAt IS NULL", arguments: [now, id, account.rawValue]
            )
            guard db.changesCount == 1 else { throw Failure.notFound }
            try AuditLog.append(
                AuditEntry(at: now, author: author, action: "token.revoke", subjectKind: "account", subjectId: String(account.rawValue), municipalityCode: nil,
                           changes: [FieldChange(field: "token", before: String(id), after: nil)]),
                in: db
            )
        }
    }

    /// The account a presented secret belongs to, when the token is live. Looked up by digest, so the secret is
    /// never compared in memory and a stolen database holds no working token.
    public func account(bearer secret: String) async throws -> Account? {
        guard secret.hasPrefix(APIToken.prefix), secret.utf8.count < 200 else { return nil }
        let digest = Secret.digest(secret)
        let now = clock()
        let found: (token: Int64, account: Int64, lastUsed: Date?)? = try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, accountId, lastUsedAt FROM apiToken WHERE tokenHash = ? AND revokedAt IS NULL", arguments: [digest])
                .map { ($0["id"], $0["accountId"], $0["lastUsedAt"]) }
        }
        guard let found else { return nil }
        // Last use to the minute: a write per request would cost every API call a transaction.
        if found.lastUsed.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE apiToken SET lastUsedAt = ? WHERE id = ?", arguments: [now, found.token])
            }
        }
        return try await account(Account.ID(found.account))
    }
}
