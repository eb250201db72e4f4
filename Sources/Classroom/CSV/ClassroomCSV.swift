import Curriculum
import Foundation

/// The classroom import/export format (docs/classroom-csv.md): one row per classroom, schedule packed
/// into three columns. Decoding reports every problem in the file in one pass, located by line and column.
public enum ClassroomCSV {
    /// Columns in the order `encode` writes them.
    public static let columns = [
        "id", "name", "name_kana", "organiser", "municipality_code", "venue", "address", "lat", "lon", "format", "fee_yen",
        "materials_yen", "childcare", "wheelchair", "accepting", "eligibility", "levels", "languages", "capacity", "url", "email",
        "phone", "status", "last_confirmed", "slots", "one_off", "cancellations", "sample", "created_at", "updated_at",
    ]
    static let requiredColumns: Set<String> = [
        "id", "name", "name_kana", "organiser", "municipality_code", "venue", "format", "fee_yen", "childcare", "wheelchair",
        "accepting", "levels", "status", "last_confirmed", "sample",
    ]

    /// Parses and validates a whole file. Throws `ClassroomError.invalidImport` listing every problem;
    /// `knownMunicipalities` are the codes rows may refer to.
    public static func decode(_ data: some Collection<UInt8>, knownMunicipalities: Set<Municipality.Code>) throws(ClassroomError) -> [Classroom] {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .invalidImport([ImportIssue(line: lineOfFirstInvalidUTF8(data), column: nil, message: "the file is not valid UTF-8")])
        }
        let table: CSVTable
        do {
            table = try CSVTable(parsing: text)
        } catch {
            switch error {
            case .empty: throw .invalidImport([ImportIssue(line: 1, column: nil, message: "the file is empty; expected a header row")])
            case .unterminatedQuote(let line):
                throw .invalidImport([ImportIssue(line: line, column: nil, message: "a quoted field is never closed")])
            case .quoteInUnquotedField(let line):
                throw .invalidImport([ImportIssue(line: line, column: nil, message: "a quote inside an unquoted field; quote the whole field and double the quote")])
            }
        }
        var issues: [ImportIssue] = []
        let missing = requiredColumns.subtracting(table.header).sorted()
        for column in missing { issues.append(ImportIssue(line: 1, column: column, message: "required column is missing from the header")) }
        for column in table.header where !columns.contains(column) {
            issues.append(ImportIssue(line: 1, column: column, message: "unknown column"))
        }
        var seenColumns = Set<String>()
        for column in table.header where !seenColumns.insert(column).inserted {
            issues.append(ImportIssue(line: 1, column: column, message: "column appears twice"))
        }
        guard issues.isEmpty else { throw .invalidImport(issues) }

        var classrooms: [Classroom] = []
        var firstLineOfID: [String: Int] = [:]
        let idColumn = table.header.firstIndex(of: "id")!
        for record in table.records {
            var row = RowReader(header: table.header, record: record, knownMunicipalities: knownMunicipalities)
            if let classroom = row.classroom() { classrooms.append(classroom) }
            // Duplicates are checked on the raw cell so that a second row with the id of a broken first row is still reported.
            let id = idColumn < record.fields.count ? record.fields[idColumn].trimmingCharacters(in: .whitespaces) : ""
            if !id.isEmpty {
                if let earlier = firstLineOfID[id] {
                    row.issues.append(ImportIssue(line: record.line, column: "id", message: "id \(id) already used on line \(earlier)"))
                } else {
                    firstLineOfID[id] = record.line
                }
            }
            issues += row.issues
        }
        guard issues.isEmpty else { throw .invalidImport(issues) }
        return classrooms
    }

    /// Writes classrooms in the import format, sorted by id.
    public static func encode(_ classrooms: [Classroom]) -> String {
        var writer = CSVWriter()
        writer.write(columns)
        for classroom in classrooms.sorted(by: { $0.id < $1.id }) {
            writer.write(fields(of: classroom))
        }
        return writer.text
    }

    static func fields(of c: Classroom) -> [String] {
        [
            String(c.id.rawValue), c.name, c.nameKana, c.organiser, c.municipalityCode.rawValue, c.venue, c.address ?? "",
            c.latitude.map(formatCoordinate) ?? "", c.longitude.map(formatCoordinate) ?? "", c.format.rawValue, String(c.feeYen),
            c.materialsYen.map(String.init) ?? "", String(c.childcare), String(c.wheelchairAccessible), String(c.accepting),
            c.eligibility ?? "", c.levels.map(\.code).joined(separator: "|"), c.languages.map(\.rawValue).joined(separator: "|"),
            c.capacity.map(String.init) ?? "", c.contact.url ?? "", c.contact.email ?? "", c.contact.phone ?? "", c.status.rawValue,
            c.lastConfirmed.description, ScheduleText.weekly(c.schedule.weekly), ScheduleText.oneOff(c.schedule.oneOff),
            c.schedule.cancellations.map(\.description).joined(separator: ";"), String(c.isSample),
            c.createdAt.map(Timestamp.format) ?? "", c.updatedAt.map(Timestamp.format) ?? "",
        ]
    }

    /// The classroom's fields as the audit log compares them: the import columns as text, without the
    /// id (the subject) and the timestamps (the entry's own time says when).
    static func auditFields(of c: Classroom) -> [(field: String, value: String)] {
        zip(columns, fields(of: c)).filter { !["id", "created_at", "updated_at"].contains($0.0) }.map { ($0.0, $0.1) }
    }

    /// Shortest text that reads back as the same Double.
    static func formatCoordinate(_ value: Double) -> String { "\(value)" }

    private static func lineOfFirstInvalidUTF8(_ data: some Collection<UInt8>) -> Int {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            if String(validating: data[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end == data.endIndex ? end : data.index(after: end)
        }
        return line
    }
}

/// ISO 8601 UTC timestamps with whole seconds, as the CSV and JSON carry them.
enum Timestamp {
    static func format(_ date: Date) -> String { date.formatted(.iso8601) }

    static func parse(_ text: String) -> Date? { try? Date.ISO8601FormatStyle().parse(text) }

    /// Now, without the fraction of a second that neither the CSV nor the database keeps.
    static var now: Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }
}
