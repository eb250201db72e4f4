import Classroom
import Foundation
import Testing
import TestSupport

@Suite("Classroom CSV import validation")
struct CSVImportTests {
    let known: Set<Municipality.Code> = [Municipality.Code("131041")!, Municipality.Code("131059")!]

    func issues(_ csv: String) -> [ImportIssue] {
        do {
            _ = try ClassroomCSV.decode(Data(csv.utf8), knownMunicipalities: known)
            return []
        } catch {
            guard case .invalidImport(let issues) = error else { return [] }
            return issues
        }
    }

    @Test func aGoodFileDecodesEveryField() throws {
        let csv = Fixtures.csv([
            Fixtures.row(id: 7, [
                "name": "ひまわり日本語クラブ, \"土曜\"", "lat": "35.69384", "lon": "139.70355", "materials_yen": "500", "capacity": "20",
                "slots": "sat 10:00-12:00 2026-04-01..2027-03-31; wed 18:30-20:30", "one_off": "2026-12-05 13:00-15:00",
                "cancellations": "2026-12-26;2027-01-02", "url": "https://example.org/himawari", "email": "info@example.org", "phone": "03-0000-1234",
            ])
        ])
        let classrooms = try ClassroomCSV.decode(Data(csv.utf8), knownMunicipalities: known)
        let c = try #require(classrooms.first)
        #expect(c.name == "ひまわり日本語クラブ, \"土曜\"")
        #expect(c.id == Classroom.ID(7))
        #expect(c.levels == [.a1, .a2])
        #expect(c.languages.map(\.rawValue) == ["en", "zh"])
        #expect(c.schedule.weekly.count == 2)
        #expect(c.schedule.weekly[0].weekday == .wed)
        #expect(c.schedule.weekly[1].validUntil == LocalDate("2027-03-31"))
        #expect(c.schedule.oneOff.first?.date == LocalDate("2026-12-05"))
        #expect(c.schedule.cancellations == [LocalDate("2026-12-26")!, LocalDate("2027-01-02")!])
        #expect(c.materialsYen == 500 && c.capacity == 20 && c.latitude == 35.69384)
    }

    @Test(arguments: [
        ("weekday", ["slots": "funday 10:00-12:00"], "slots"),
        ("time", ["slots": "sat 25:00-26:00"], "slots"),
        ("reversed", ["slots": "sat 12:00-10:00"], "slots"),
        ("level", ["levels": "c9"], "levels"),
        ("no level", ["levels": ""], "levels"),
        ("municipality", ["municipality_code": "139999"], "municipality_code"),
        ("format", ["format": "radio"], "format"),
        ("fee", ["fee_yen": "-1"], "fee_yen"),
        ("bool", ["childcare": "maybe"], "childcare"),
        ("language", ["languages": "english language"], "languages"),
        ("kana", ["name_kana": "日本語"], "name_kana"),
        ("date", ["last_confirmed": "2026-02-30"], "last_confirmed"),
        ("email", ["email": "not-an-email"], "email"),
        ("url", ["url": "javascript:alert(1)"], "url"),
        ("lat only", ["lat": "35.6"], "lon"),
        ("no schedule", ["slots": ""], "slots"),
        ("cancellation", ["cancellations": "26/12/2026"], "cancellations"),
        ("name", ["name": ""], "name"),
    ])
    func eachBadCellIsReportedWithLineAndColumn(_ label: String, _ overrides: [String: String], _ column: String) {
        let found = issues(Fixtures.csv([Fixtures.row(id: 1), Fixtures.row(id: 2, overrides)]))
        #expect(found.contains { $0.line == 3 && $0.column == column }, "\(label): \(found)")
    }

    @Test func everyProblemIsReportedInOnePass() {
        let found = issues(Fixtures.csv([
            Fixtures.row(id: 1, ["levels": "c9"]),
            Fixtures.row(id: 2, ["slots": "funday 10:00-12:00", "format": "radio"]),
            Fixtures.row(id: 2),
        ]))
        #expect(found.map(\.line) == [2, 3, 3, 4])
        #expect(found.last?.column == "id")
    }

    @Test func headerProblems() {
        #expect(issues("id,name\n1,x\n").contains { $0.line == 1 && $0.column == "levels" })
        #expect(issues(ClassroomCSV.columns.joined(separator: ",") + ",colour\n").contains { $0.column == "colour" })
        #expect(issues("").first?.message.contains("empty") == true)
    }

    @Test func malformedCSVAndBytes() {
        let header = ClassroomCSV.columns.joined(separator: ",")
        #expect(issues(header + "\n1,\"unterminated\n").first?.message.contains("never closed") == true)
        #expect(issues(header + "\n1,2\n").contains { $0.line == 2 && $0.column == nil })
        let invalid = Data(header.utf8) + Data([0x0A, 0x31, 0x2C, 0xFF, 0xFE, 0x0A])
        do {
            _ = try ClassroomCSV.decode(invalid, knownMunicipalities: known)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            guard case .invalidImport(let found) = error else {
                Issue.record("wrong error")
                return
            }
            #expect(found.first?.line == 2)
        }
    }

    @Test func aBOMAndCRLFLineEndsAreAccepted() throws {
        let csv = "\u{FEFF}" + Fixtures.csv([Fixtures.row(id: 1), Fixtures.row(id: 2)]).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try ClassroomCSV.decode(Data(csv.utf8), knownMunicipalities: known).count == 2)
    }
}
