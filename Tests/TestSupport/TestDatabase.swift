import Classroom
import Foundation
import Storage

/// A fresh SQLite file per test, under the system temp folder, removed when the value is released;
/// tests never share a database.
public final class TestDatabase: @unchecked Sendable {
    public let folder: URL
    public let database: AppDatabase

    public var path: String { folder.appendingPathComponent("manabi.sqlite").path }

    /// A new file migrated with `plan` (by default the classroom directory's migrations and the audit log's).
    public init(plan: MigrationPlan = MigrationPlan(ClassroomSchema.migrations + AuditLog.migrations)) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("manabi-test-\(UUID().uuidString)")
        database = try AppDatabase.open(path: folder.appendingPathComponent("manabi.sqlite").path, plan: plan)
    }

    /// A database with the real seed: 62 municipalities and the sample classrooms.
    public static func seeded(includeSamples: Bool = true, plan: MigrationPlan = MigrationPlan(ClassroomSchema.migrations + AuditLog.migrations)) async throws -> TestDatabase {
        let test = try TestDatabase(plan: plan)
        try await test.classrooms.seed(from: Fixtures.seedDirectory, includeSamples: includeSamples, by: .commandLine)
        return test
    }

    /// A second pool on the same file: to SQLite, as much another writer as another process is.
    public func openAgain() throws -> AppDatabase {
        try AppDatabase.open(path: path, plan: database.plan)
    }

    /// The classroom write path over this database (a new service, with no followers).
    public var classrooms: ClassroomService { ClassroomService(database: database) }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// Paths and builders shared by the test suites.
public enum Fixtures {
    /// The repository's `seed/` folder.
    public static let seedDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seed")

    /// A header and rows in the import format, for building CSV files in tests.
    public static func csv(_ rows: [[String: String]]) -> String {
        var lines = [ClassroomCSV.columns.joined(separator: ",")]
        for row in rows {
            lines.append(ClassroomCSV.columns.map { quote(row[$0] ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A valid row; override cells to make it invalid.
    public static func row(id: Int, _ overrides: [String: String] = [:]) -> [String: String] {
        var row = [
            "id": "\(id)", "name": "テスト日本語教室\(id)", "name_kana": "てすとにほんごきょうしつ\(id)", "organiser": "テストの会（サンプル）",
            "municipality_code": "131041", "venue": "新宿区民センター", "format": "in_person", "fee_yen": "0", "childcare": "false",
            "wheelchair": "true", "accepting": "true", "levels": "a1|a2", "languages": "en|zh", "status": "published",
            "last_confirmed": "2026-10-01", "slots": "sat 10:00-12:00", "sample": "true",
        ]
        for (key, value) in overrides { row[key] = value }
        return row
    }

    static func quote(_ field: String) -> String {
        field.contains(where: { ",\"\n".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
