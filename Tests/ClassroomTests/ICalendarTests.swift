import Classroom
import Foundation
import Testing
import TestSupport

@Suite("iCalendar export")
struct ICalendarTests {
    func classroom(_ overrides: [String: String]) throws -> Classroom {
        let csv = Fixtures.csv([Fixtures.row(id: 12, overrides)])
        return try #require(try ClassroomCSV.decode(Data(csv.utf8), knownMunicipalities: [Municipality.Code("131041")!]).first)
    }

    let shinjuku = Municipality(
        code: Municipality.Code("131041")!, name: "新宿区", kana: "しんじゅくく", romaji: "Shinjuku", romajiFull: "Shinjuku-ku", kind: .ward,
        latitude: 35.69384, longitude: 139.70355, foreignResidents: 51357, foreignResidentsDate: "2026-01", population: 355125, source: "test"
    )

    @Test func weeklySlotsBecomeRecurringEventsWithCancellations() throws {
        // Given a Saturday class valid until March with a cancellation on 26 December and a one-off session
        let c = try classroom([
            "name": "土曜教室; 初級, 会話", "slots": "sat 10:00-12:00 2026-04-04..2027-03-31; wed 18:30-20:30",
            "one_off": "2026-12-05 13:00-15:00", "cancellations": "2026-12-26;2027-01-02", "last_confirmed": "2026-10-01",
        ])
        // When it is exported
        let ics = ICalendar.calendar(name: c.name, classrooms: [(c, shinjuku)])
        let lines = ics.components(separatedBy: "\r\n")
        // Then it is a well-formed calendar in Tokyo time
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)
        #expect(lines.contains("TZID:Asia/Tokyo"))
        #expect(lines.contains("DTSTART;TZID=Asia/Tokyo:20260404T100000"))
        #expect(lines.contains("RRULE:FREQ=WEEKLY;BYDAY=SA;UNTIL=20270331T145959Z"))
        #expect(lines.contains("EXDATE;TZID=Asia/Tokyo:20261226T100000,20270102T100000"))
        #expect(lines.contains("RRULE:FREQ=WEEKLY;BYDAY=WE"))
        #expect(lines.contains("DTSTART;TZID=Asia/Tokyo:20261205T130000"))
        #expect(lines.contains("UID:classroom-12-sat-1000@manabi"))
        #expect(ics.contains("SUMMARY:[サンプル Sample] 土曜教室\\; 初級\\, 会話"))
    }

    @Test func uidsAreStableAcrossExports() throws {
        let c = try classroom([:])
        let first = ICalendar.calendar(name: "x", classrooms: [(c, shinjuku)])
        #expect(first == ICalendar.calendar(name: "x", classrooms: [(c, shinjuku)]))
    }

    @Test func longLinesAreFoldedWithoutSplittingCharacters() throws {
        let c = try classroom(["name": String(repeating: "日本語教室", count: 20)])
        let ics = ICalendar.calendar(name: c.name, classrooms: [(c, shinjuku)])
        let lines = ics.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        // Unfolding restores the summary exactly.
        #expect(ics.replacingOccurrences(of: "\r\n ", with: "").contains("SUMMARY:[サンプル Sample] " + String(repeating: "日本語教室", count: 20)))
    }
}
