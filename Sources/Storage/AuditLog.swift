import Foundation
import GRDB

/// Who made a change, as the audit log records it. (Not `Actor`, which would hide Swift's own protocol.)
public enum ChangeAuthor: Sendable, Hashable {
    /// Someone with a shell on the server: `manabi import`, `manabi seed`.
    case commandLine
    /// The server on its own behalf (seeding at start).
    case system
    /// A signed-in person, by account id (accounts arrive with the teachers' and staff pages).
    case account(Int64)

    var kind: String {
        switch self {
        case .commandLine: "command_line"
        case .system: "system"
        case .account: "account"
        }
    }

    var accountId: Int64? {
        if case .account(let id) = self { id } else { nil }
    }

    init?(kind: String, accountId: Int64?) {
        switch (kind, accountId) {
        case ("command_line", nil): self = .commandLine
        case ("system", nil): self = .system
        case ("account", let id?): self = .account(id)
        default: return nil
        }
    }
}

/// One field's value before and after a change; nil where it was (or became) empty.
public struct FieldChange: Sendable, Hashable, Codable {
    public var field: String
    public var before: String?
    public var after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// The fields whose values differ between `before` (nil: the subject is new) and `after`, in
    /// `after`'s order. Both list the same fields as text; an empty text counts as no value.
    public static func between(_ before: [(field: String, value: String)]?, _ after: [(field: String, value: String)]) -> [FieldChange] {
        let old = Dictionary(before?.map { ($0.field, $0.value) } ?? [], uniquingKeysWith: { _, last in last })
        return after.compactMap { field, value in
            let was = old[field].flatMap { $0.isEmpty ? nil : $0 }
            let now = value.isEmpty ? nil : value
            return was == now ? nil : FieldChange(field: field, before: was, after: now)
        }
    }
}

/// One change as the audit log holds it: who, when, what happened to which subject, field by field.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64?
    public var at: Date
    public var author: ChangeAuthor
    /// What happened, e.g. `classroom.create`, `classroom.update`.
    public var action: String
    /// What it happened to, e.g. `classroom` and its id.
    public var subjectKind: String
    public var subjectId: String
    /// The municipality the subject belongs to, so ward staff see the changes of their wards.
    public var municipalityCode: String?
    public var changes: [FieldChange]

    public init(
        at: Date = Date(), author: ChangeAuthor, action: String, subjectKind: String, subjectId: String, municipalityCode: String?, changes: [FieldChange]
    ) {
        self.at = at
        self.author = author
        self.action = action
        self.subjectKind = subjectKind
        self.subjectId = subjectId
        self.municipalityCode = municipalityCode
        self.changes = changes
    }
}

/// The append-only record of every change to listings (and, to come, schedules, accounts and roles).
/// Entries are written in the same transaction as the change they describe, and the schema itself
/// refuses to update or delete one. It names actors by account id only, never by e-mail address.
public enum AuditLog {
    /// The log's migrations; the composition root places them in the one plan.
    public static let migrations: [Migration] = [
        Migration("audit-v1-create") { db in
            try db.execute(
                sql: """
                    CREATE TABLE auditEntry (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'),
                        authorKind TEXT NOT NULL CHECK (authorKind IN ('command_line', 'system', 'account')),
                        authorId INTEGER CHECK ((authorKind = 'account') = (authorId IS NOT NULL)),
                        action TEXT NOT NULL CHECK (action <> ''),
                        subjectKind TEXT NOT NULL CHECK (subjectKind <> ''),
                        subjectId TEXT NOT NULL CHECK (subjectId <> ''),
                        municipalityCode TEXT,
                        changes TEXT NOT NULL CHECK (json_valid(changes))
                    );
                    CREATE INDEX auditEntry_on_subject ON auditEntry(subjectKind, subjectId, id);
                    CREATE INDEX auditEntry_on_municipality ON auditEntry(municipalityCode, id);
                    CREATE TRIGGER auditEntry_is_append_only_update BEFORE UPDATE ON auditEntry
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER auditEntry_is_append_only_delete BEFORE DELETE ON auditEntry
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    """
            )
        }
    ]

    /// Appends `entry` inside the caller's write transaction, so that the change and its record commit together.
    public static func append(_ entry: AuditEntry, in db: Database) throws {
        let changes = String(decoding: try JSONEncoder().encode(entry.changes), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO auditEntry (at, authorKind, authorId, action, subjectKind, subjectId, municipalityCode, changes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.at.formatted(.iso8601), entry.author.kind, entry.author.accountId, entry.action, entry.subjectKind, entry.subjectId,
                entry.municipalityCode, changes,
            ]
        )
    }

    /// The newest entries about one subject, newest first.
    public static func entries(about subjectKind: String, _ subjectId: String, in database: AppDatabase, limit: Int = 100) async throws -> [AuditEntry] {
        try await database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM auditEntry WHERE subjectKind = ? AND subjectId = ? ORDER BY id DESC LIMIT ?",
                arguments: [subjectKind, subjectId, limit]
            ).compactMap(entry)
        }
    }

    /// The newest entries, newest first, older than entry `before` when given (for paging), and only those
    /// about the given municipalities when `municipalities` is not nil (what one ward's staff may read).
    public static func recent(in database: AppDatabase, municipalities: Set<String>?, before: Int64? = nil, limit: Int = 50) async throws -> [AuditEntry] {
        try await database.writer.read { db in
            var sql = "SELECT * FROM auditEntry WHERE id < ?"
            var arguments: StatementArguments = [before ?? Int64.max]
            if let municipalities {
                let codes = municipalities.sorted()
                sql += " AND municipalityCode IN (\(codes.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(codes)
                if codes.isEmpty { return [] }
            }
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql + " ORDER BY id DESC LIMIT ?", arguments: arguments).compactMap(entry)
        }
    }

    private static func entry(_ row: Row) -> AuditEntry? {
        guard let author = ChangeAuthor(kind: row["authorKind"], accountId: row["authorId"]),
            let at = try? Date(row["at"] as String, strategy: .iso8601),
            let changes = try? JSONDecoder().decode([FieldChange].self, from: Data((row["changes"] as String).utf8))
        else { return nil }
        var entry = AuditEntry(
            at: at, author: author, action: row["action"], subjectKind: row["subjectKind"], subjectId: row["subjectId"],
            municipalityCode: row["municipalityCode"], changes: changes
        )
        entry.id = row["id"]
        return entry
    }
}
