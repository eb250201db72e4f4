import Crypto
import Foundation
import GRDB
import Storage

/// Corrections from the public: stores reports, limits how many one address may send, and lets the
/// listing's teachers and its ward's staff read and close them.
public struct ReportService: Sendable {
    let database: AppDatabase
    /// Reports one address may send in `window`.
    public var limit: Int
    public var window: TimeInterval
    let clock: @Sendable () -> Date

    public init(database: AppDatabase, limit: Int = 5, window: TimeInterval = 3600, clock: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.limit = limit
        self.window = window
        self.clock = clock
    }

    /// Stores a report on published classroom `id` from `source` (the sender's address, which is used only as a
    /// hashed key for the rate limit and never stored with the report).
    public func report(_ id: Classroom.ID, kind rawKind: String, message rawMessage: String, source: String) async throws(ReportProblem) -> ListingReport {
        guard let kind = ListingReport.Kind(rawValue: rawKind) else { throw .kind }
        let message = rawMessage.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\r\n", with: "\n")
        guard message.count <= ListingReport.messageLimit,
            !message.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" })
        else { throw .message }
        let now = clock()
        let key = Self.sourceKey(source)
        let limit = limit, window = window
        do {
            return try await database.writer.write { db throws -> ListingReport in
                guard try Bool.fetchOne(db, sql: "SELECT status = 'published' FROM classroom WHERE id = ?", arguments: [id.rawValue]) == true else {
                    throw ReportProblem.classroom
                }
                // A fixed window per address: the count starts again once `window` has passed since its first report.
                let row = try Row.fetchOne(db, sql: "SELECT windowStart, count FROM reportLimit WHERE key = ?", arguments: [key])
                if let row, let start: Date = row["windowStart"], now.timeIntervalSince(start) < window {
                    let count: Int = row["count"]
                    if count >= limit { throw ReportProblem.tooMany(retryAfter: max(1, Int((window - now.timeIntervalSince(start)).rounded(.up)))) }
                    try db.execute(sql: "UPDATE reportLimit SET count = count + 1 WHERE key = ?", arguments: [key])
                } else {
                    try db.execute(sql: "INSERT OR REPLACE INTO reportLimit (key, windowStart, count) VALUES (?, ?, 1)", arguments: [key, now])
                }
                try db.execute(sql: "DELETE FROM reportLimit WHERE windowStart < ?", arguments: [now.addingTimeInterval(-window)])
                try db.execute(
                    sql: "INSERT INTO listingReport (classroomId, kind, message, createdAt) VALUES (?, ?, ?, ?)",
                    arguments: [id.rawValue, kind.rawValue, message, now]
                )
                return ListingReport(id: .init(db.lastInsertedRowID), classroomId: id, kind: kind, message: message, createdAt: now, closedAt: nil, closeNote: nil)
            }
        } catch let problem as ReportProblem {
            throw problem
        } catch {
            throw .storage(String(reflecting: error))
        }
    }

    /// Reports on the given classrooms, open ones first, newest first.
    public func reports(on classrooms: [Classroom.ID], openOnly: Bool = false) async throws -> [ListingReport] {
        guard !classrooms.isEmpty else { return [] }
        let ids = classrooms.map(\.rawValue)
        return try await database.writer.read { db in
            let marks = databaseQuestionMarks(count: ids.count)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM listingReport WHERE classroomId IN (\(marks))\(openOnly ? " AND closedAt IS NULL" : "") ORDER BY closedAt IS NOT NULL, id DESC LIMIT 200",
                arguments: StatementArguments(ids)
            ).map(Self.report)
        }
    }

    /// Closes report `id` of classroom `classroom` with `note`; false when there is no such open report.
    public func close(_ id: ListingReport.ID, of classroom: Classroom.ID, note: String, by accountId: Int64) async throws -> Bool {
        let note = String(note.trimmingCharacters(in: .whitespacesAndNewlines).prefix(ListingReport.messageLimit))
        let now = clock()
        return try await database.writer.write { db in
            try db.execute(
                sql: "UPDATE listingReport SET closedAt = ?, closeNote = ?, closedBy = ? WHERE id = ? AND classroomId = ? AND closedAt IS NULL",
                arguments: [now, note.isEmpty ? nil : note, accountId, id.rawValue, classroom.rawValue]
            )
            return db.changesCount == 1
        }
    }

    static func report(_ row: Row) -> ListingReport {
        ListingReport(
            id: .init(row["id"]), classroomId: .init(row["classroomId"]), kind: ListingReport.Kind(rawValue: row["kind"]) ?? .other,
            message: row["message"], createdAt: row["createdAt"], closedAt: row["closedAt"], closeNote: row["closeNote"]
        )
    }

    /// The rate limit's key: a hash of the address, so the table never holds one.
    static func sourceKey(_ source: String) -> String {
        SHA256.hash(data: Data(("manabi-report:" + source).utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
