import Classroom
import Curriculum
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Freshness: the note at 180 days, out of search at 365, in Tokyo days")
struct FreshnessPolicyTests {
    static let today = LocalDate("2026-12-02")!

    @Test(arguments: [(0, Freshness.current), (149, .current), (150, .dueForReminder), (179, .dueForReminder), (180, .stale), (364, .stale), (365, .hidden), (2000, .hidden)])
    func ageDecides(age: Int, expected: Freshness) {
        #expect(FreshnessPolicy.standard.freshness(lastConfirmed: Self.today.adding(days: -age), today: Self.today) == expected)
    }

    @Test func aDateInTheFutureCountsAsConfirmedToday() {
        #expect(FreshnessPolicy.standard.freshness(lastConfirmed: Self.today.adding(days: 3), today: Self.today) == .current)
    }

    @Test func settingsComeFromTheEnvironmentAndAreChecked() throws {
        #expect(try FreshnessPolicy.from(environment: [:]).get() == .standard)
        let custom = try FreshnessPolicy.from(environment: ["MANABI_REMIND_AFTER_DAYS": "20", "MANABI_STALE_AFTER_DAYS": "30", "MANABI_HIDE_AFTER_DAYS": "60"]).get()
        #expect(custom.freshness(lastConfirmed: Self.today.adding(days: -30), today: Self.today) == .stale)
        #expect(FreshnessPolicy.from(environment: ["MANABI_STALE_AFTER_DAYS": "half a year"]) == .failure(.notANumber(name: "MANABI_STALE_AFTER_DAYS", value: "half a year")))
        #expect(FreshnessPolicy.from(environment: ["MANABI_HIDE_AFTER_DAYS": "100"]) == .failure(.outOfOrder(remind: 150, stale: 180, hide: 100)))
        #expect(FreshnessPolicy(remindAfterDays: 0, staleAfterDays: 1, hideAfterDays: 2) == nil)
    }

    @Test func aListingUnconfirmedForAYearLeavesSearchSuggestAndCalendarButKeepsItsPage() async throws {
        // Given three listings in Shinjuku last confirmed 364, 365 and 10 days before today (Tokyo)
        let today = TokyoDateTime.now.date
        let test = try await TestDatabase.seeded(includeSamples: false)
        let rows = [(9501, 364, "ふるい教室", "ふるいきょうしつ"), (9502, 365, "ふるすぎ教室", "ふるすぎきょうしつ"), (9503, 10, "あたらし教室", "あたらしきょうしつ")].map { id, age, name, kana in
            Fixtures.row(id: id, ["name": name, "name_kana": kana, "last_confirmed": today.adding(days: -age).description])
        }
        try await test.classrooms.importCSV(Data(Fixtures.csv(rows).utf8), by: .commandLine)
        let directory = try await ClassroomDirectory(following: test.classrooms)
        let shinjuku = Municipality.Code("131041")!

        // Then search (with and without filters) leaves out only the one a year old
        let all = try directory.search(ClassroomQuery()).items.map(\.classroom.id.rawValue)
        #expect(all.sorted() == [9501, 9503])
        var query = ClassroomQuery()
        query.municipalities = [shinjuku]
        query.levels = [.a1]
        let filtered = try directory.search(query).items.map(\.classroom.id.rawValue)
        #expect(filtered.sorted() == [9501, 9503])
        query = ClassroomQuery()
        query.text = "ふるすぎ"
        #expect(try directory.search(query).total == 0)
        // and so do suggestions and the municipality's classes (its calendar)
        #expect(try directory.suggestions(for: "ふるすぎ").allSatisfy { $0.kind != .classroom })
        #expect(try directory.suggestions(for: "ふるい").contains { $0.id == "9501" })
        #expect(directory.classrooms(in: shinjuku).map(\.id.rawValue).sorted() == [9501, 9503])
        // but its page still answers
        #expect(try directory.classroom(Classroom.ID(9502)).classroom.name == "ふるすぎ教室")
    }

    @Test func confirmingSetsTodayAndIsLoggedButNotForAnArchivedListing() async throws {
        let test = try await TestDatabase.seeded(includeSamples: false)
        let old = LocalDate("2025-01-10")!
        try await test.classrooms.importCSV(Data(Fixtures.csv([Fixtures.row(id: 9510, ["last_confirmed": old.description])]).utf8), by: .commandLine)
        let confirmed = try await test.classrooms.confirm(Classroom.ID(9510), today: Self.today, by: .account(3))
        #expect(confirmed.lastConfirmed == Self.today)
        let history = try await test.classrooms.history(of: Classroom.ID(9510), limit: 5)
        #expect(history.first?.action == "classroom.confirm")
        _ = try await test.classrooms.apply(.archive, to: Classroom.ID(9510), by: .account(3))
        await #expect(throws: ClassroomError.self) { try await test.classrooms.confirm(Classroom.ID(9510), by: .account(3)) }
    }
}
