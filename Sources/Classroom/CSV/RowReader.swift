import Curriculum
import Foundation

/// Reads one CSV record into a `Classroom`, collecting every problem instead of stopping at the first,
/// so that a volunteer sees all that needs fixing in one pass.
struct RowReader {
    let header: [String]
    let record: CSVTable.Record
    let knownMunicipalities: Set<Municipality.Code>
    var issues: [ImportIssue] = []

    init(header: [String], record: CSVTable.Record, knownMunicipalities: Set<Municipality.Code>) {
        self.header = header
        self.record = record
        self.knownMunicipalities = knownMunicipalities
    }

    private func raw(_ column: String) -> String {
        guard let index = header.firstIndex(of: column), index < record.fields.count else { return "" }
        return record.fields[index].trimmingCharacters(in: .whitespaces)
    }

    private mutating func fail(_ column: String, _ message: String) {
        issues.append(ImportIssue(line: record.line, column: column, message: message))
    }

    private mutating func text(_ column: String, required: Bool, maxLength: Int = 200) -> String? {
        let value = raw(column)
        if value.isEmpty {
            if required { fail(column, "is required") }
            return nil
        }
        if value.count > maxLength { fail(column, "is longer than \(maxLength) characters") }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            fail(column, "contains control characters")
        }
        return value
    }

    private mutating func integer(_ column: String, required: Bool, minimum: Int) -> Int? {
        let value = raw(column)
        if value.isEmpty {
            if required { fail(column, "is required") }
            return nil
        }
        guard let number = Int(value), number >= minimum, number <= 10_000_000 else {
            fail(column, "'\(value)' is not a whole number of at least \(minimum)")
            return nil
        }
        return number
    }

    private mutating func bool(_ column: String) -> Bool? {
        switch raw(column).lowercased() {
        case "true": return true
        case "false": return false
        case "": fail(column, "is required (true or false)")
        default: fail(column, "'\(raw(column))' is not true or false")
        }
        return nil
    }

    private mutating func coordinate(_ column: String, range: ClosedRange<Double>) -> Double? {
        let value = raw(column)
        guard !value.isEmpty else { return nil }
        guard let number = Double(value), number.isFinite, range.contains(number) else {
            fail(column, "'\(value)' is not a coordinate in \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return number
    }

    private mutating func list<T>(_ column: String, separator: Character = "|", _ parse: (String) -> T?, what: String) -> [T] {
        var items: [T] = []
        for part in raw(column).split(separator: separator) {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { continue }
            if let value = parse(item) { items.append(value) } else { fail(column, "'\(item)' is not \(what)") }
        }
        return items
    }

    // MARK: - The record

    mutating func classroom() -> Classroom? {
        let issuesBefore = issues.count
        if record.fields.count != header.count {
            issues.append(ImportIssue(line: record.line, column: nil, message: "has \(record.fields.count) fields but the header has \(header.count)"))
        }
        var id: Classroom.ID?
        if let number = integer("id", required: true, minimum: 1) { id = Classroom.ID(Int64(number)) }
        let name = text("name", required: true)
        let nameKana = text("name_kana", required: true)
        if let nameKana, nameKana.contains(where: \.isKanjiForReading) { fail("name_kana", "must be a reading in kana, without kanji") }
        let organiser = text("organiser", required: true)
        var code: Municipality.Code?
        let codeText = raw("municipality_code")
        if codeText.isEmpty {
            fail("municipality_code", "is required")
        } else if let parsed = Municipality.Code(codeText), knownMunicipalities.contains(parsed) {
            code = parsed
        } else {
            fail("municipality_code", "'\(codeText)' is not the code of a Tokyo municipality")
        }
        let venue = text("venue", required: true)
        let address = text("address", required: false, maxLength: 300)
        let lat = coordinate("lat", range: -90...90)
        let lon = coordinate("lon", range: -180...180)
        if (raw("lat").isEmpty) != (raw("lon").isEmpty) { fail(raw("lat").isEmpty ? "lat" : "lon", "give both lat and lon, or neither") }
        let format = ClassroomFormat(rawValue: raw("format"))
        if format == nil { fail("format", "'\(raw("format"))' is not one of in_person, online, hybrid") }
        let fee = integer("fee_yen", required: true, minimum: 0)
        let materials = integer("materials_yen", required: false, minimum: 0)
        let childcare = bool("childcare")
        let wheelchair = bool("wheelchair")
        let accepting = bool("accepting")
        let eligibility = text("eligibility", required: false, maxLength: 500)
        let levels = list("levels", { Level(rawValue: $0) }, what: "a level (pre_a1, a1, a2, b1)")
        if raw("levels").isEmpty { fail("levels", "is required: at least one of pre_a1, a1, a2, b1") }
        let languages = list("languages", { LanguageTag($0) }, what: "a language tag such as en, zh, pt-BR")
        let capacity = integer("capacity", required: false, minimum: 1)
        let url = text("url", required: false, maxLength: 500)
        if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") { fail("url", "'\(url)' is not an http(s) URL") }
        let email = text("email", required: false)
        if let email, !Self.looksLikeEmail(email) { fail("email", "'\(email)' is not an e-mail address") }
        let phone = text("phone", required: false, maxLength: 30)
        if let phone, !phone.allSatisfy({ $0.isASCIIDigit || "-+ ()".contains($0) }) || !phone.contains(where: \.isASCIIDigit) {
            fail("phone", "'\(phone)' is not a phone number")
        }
        let status = ClassroomStatus(rawValue: raw("status"))
        if status == nil { fail("status", "'\(raw("status"))' is not one of draft, published, archived") }
        let lastConfirmed = LocalDate(raw("last_confirmed"))
        if lastConfirmed == nil { fail("last_confirmed", raw("last_confirmed").isEmpty ? "is required (YYYY-MM-DD)" : "'\(raw("last_confirmed"))' is not a date YYYY-MM-DD") }
        let weekly = schedule("slots", ScheduleText.parseWeekly)
        let oneOff = schedule("one_off", ScheduleText.parseOneOff)
        let cancellations = list("cancellations", separator: ";", { LocalDate($0) }, what: "a date YYYY-MM-DD")
        if status == .published && raw("slots").isEmpty && raw("one_off").isEmpty {
            fail("slots", "a published classroom needs at least one weekly slot or one-off session")
        }
        let sample = bool("sample")
        let createdAt = timestamp("created_at")
        let updatedAt = timestamp("updated_at")

        guard issues.count == issuesBefore, let id, let name, let nameKana, let organiser, let code, let venue, let format, let fee,
            let childcare, let wheelchair, let accepting, let status, let lastConfirmed, let sample
        else { return nil }
        return Classroom(
            id: id, name: name, nameKana: nameKana, organiser: organiser, municipalityCode: code, venue: venue, address: address,
            latitude: lat, longitude: lon, format: format, feeYen: fee, materialsYen: materials, childcare: childcare,
            wheelchairAccessible: wheelchair, eligibility: eligibility, levels: levels, languages: languages, capacity: capacity,
            accepting: accepting, contact: .init(url: url, email: email, phone: phone), status: status, lastConfirmed: lastConfirmed,
            schedule: Schedule(weekly: weekly, oneOff: oneOff, cancellations: cancellations), isSample: sample,
            createdAt: createdAt, updatedAt: updatedAt
        )
    }

    private mutating func schedule<T>(_ column: String, _ parse: (Substring) -> Result<T, ScheduleText.Problem>) -> [T] {
        var items: [T] = []
        for item in ScheduleText.items(raw(column)) {
            switch parse(item) {
            case .success(let value): items.append(value)
            case .failure(let problem): fail(column, problem.message)
            }
        }
        return items
    }

    private mutating func timestamp(_ column: String) -> Date? {
        let value = raw(column)
        guard !value.isEmpty else { return nil }
        guard let date = Timestamp.parse(value) else {
            fail(column, "'\(value)' is not an ISO 8601 UTC timestamp such as 2026-11-23T09:00:00Z")
            return nil
        }
        return date
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: { $0.isWhitespace })
    }
}

extension Character {
    /// CJK ideographs (and 々), which a reading must not contain.
    var isKanjiForReading: Bool {
        unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F, 0x3005: true
            default: false
            }
        }
    }
}
