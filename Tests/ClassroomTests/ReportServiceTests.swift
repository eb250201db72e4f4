import Classroom
import Foundation
import GRDB
import Storage
import Testing
import TestSupport

@Suite("Reports from the public: what is kept, the rate limit, closing")
struct ReportServiceTests {
    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_800_000_000)
    }

    static func setUp(_ clock: Clock) async throws -> (TestDatabase, ReportService) {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let rows = [Fixtures.row(id: 9601), Fixtures.row(id: 9602, ["status": "draft"])]
        try await test.classrooms.importCSV(Data(Fixtures.csv(rows).utf8), by: .commandLine)
        return (test, ReportService(database: test.database, limit: 3, window: 3600, clock: { clock.now }))
    }

    @Test func aReportKeepsTheKindAndTextButNotTheSender() async throws {
        let clock = Clock()
        let (test, reports) = try await Self.setUp(clock)
        let report = try await reports.report(Classroom.ID(9601), kind: "time_changed", message: "  土曜は 14時からに なりました\r\n  ", source: "203.0.113.7")
        #expect(report.kind == .timeChanged && report.message == "土曜は 14時からに なりました" && report.isOpen)
        let stored = try await test.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT quote(listingReport.message) || ' ' || quote(reportLimit.key) FROM listingReport, reportLimit")
        }
        #expect(stored.count == 1 && !stored[0].contains("203.0.113.7"))
    }

    @Test func badInputIsRefusedWithItsReason() async throws {
        let (_, reports) = try await Self.setUp(Clock())
        await #expect(throws: ReportProblem.kind) { try await reports.report(Classroom.ID(9601), kind: "spam", message: "", source: "a") }
        await #expect(throws: ReportProblem.message) { try await reports.report(Classroom.ID(9601), kind: "other", message: String(repeating: "あ", count: 1001), source: "a") }
        await #expect(throws: ReportProblem.message) { try await reports.report(Classroom.ID(9601), kind: "other", message: "bell\u{7}", source: "a") }
        await #expect(throws: ReportProblem.classroom) { try await reports.report(Classroom.ID(9602), kind: "other", message: "", source: "a") }
        await #expect(throws: ReportProblem.classroom) { try await reports.report(Classroom.ID(999_999), kind: "other", message: "", source: "a") }
        let exactly = try await reports.report(Classroom.ID(9601), kind: "other", message: String(repeating: "あ", count: 1000), source: "a")
        #expect(exactly.message.count == 1000)
    }

    /// A database that cannot take the report is a storage failure (logged, answered 500), never "no such listing" (404).
    @Test func aStorageFailureIsNotMistakenForAMissingListing() async throws {
        let (test, reports) = try await Self.setUp(Clock())
        try await test.database.writer.write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER refuse BEFORE INSERT ON listingReport BEGIN SELECT RAISE(ABORT, 'disk is full'); END")
        }
        do {
            _ = try await reports.report(Classroom.ID(9601), kind: "other", message: "", source: "a")
            Issue.record("the report was taken")
        } catch .storage(let cause) {
            #expect(cause.contains("disk is full"))
        } catch {
            Issue.record("expected .storage, got \(error)")
        }
    }

    @Test func oneAddressMaySendAFewAnHourOthersAreUnaffected() async throws {
        let clock = Clock()
        let (_, reports) = try await Self.setUp(clock)
        for _ in 0..<3 { _ = try await reports.report(Classroom.ID(9601), kind: "ended", message: "", source: "198.51.100.1") }
        clock.now += 60
        await #expect(throws: ReportProblem.tooMany(retryAfter: 3540)) {
            try await reports.report(Classroom.ID(9601), kind: "ended", message: "", source: "198.51.100.1")
        }
        _ = try await reports.report(Classroom.ID(9601), kind: "ended", message: "", source: "198.51.100.2")
        clock.now += 3600
        _ = try await reports.report(Classroom.ID(9601), kind: "ended", message: "", source: "198.51.100.1")
    }

    @Test func aReportClosesOnceAndOnlyThroughItsOwnListing() async throws {
        let (_, reports) = try await Self.setUp(Clock())
        let report = try await reports.report(Classroom.ID(9601), kind: "contact", message: "", source: "a")
        #expect(try await reports.close(report.id, of: Classroom.ID(9602), note: "", by: 1) == false)
        #expect(try await reports.close(report.id, of: Classroom.ID(9601), note: "電話番号を 直しました", by: 1))
        #expect(try await reports.close(report.id, of: Classroom.ID(9601), note: "", by: 1) == false)
        let all = try await reports.reports(on: [Classroom.ID(9601)])
        #expect(all.count == 1 && !all[0].isOpen && all[0].closeNote == "電話番号を 直しました")
        #expect(try await reports.reports(on: [Classroom.ID(9601)], openOnly: true).isEmpty)
    }
}
