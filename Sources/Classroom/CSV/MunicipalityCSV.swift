import Foundation

/// Reads `seed/municipalities.csv` (the format of shared/data/tokyo_municipalities.csv).
public enum MunicipalityCSV {
    static let requiredColumns = [
        "code", "name_ja", "kana", "romaji", "kind", "lat", "lon", "foreign_residents", "foreign_residents_date", "romaji_full",
        "population_total", "foreign_residents_source",
    ]

    /// Parses the file; throws `ClassroomError.invalidImport` listing every bad cell.
    public static func decode(_ data: some Collection<UInt8>) throws(ClassroomError) -> [Municipality] {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .invalidImport([ImportIssue(line: 1, column: nil, message: "the file is not valid UTF-8")])
        }
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            throw .invalidImport([ImportIssue(line: 1, column: nil, message: "the file is not valid CSV (\(error))")])
        }
        var issues = requiredColumns.filter { !table.header.contains($0) }.map { ImportIssue(line: 1, column: $0, message: "required column is missing") }
        guard issues.isEmpty else { throw .invalidImport(issues) }
        var municipalities: [Municipality] = []
        for record in table.records {
            func cell(_ column: String) -> String {
                guard let index = table.header.firstIndex(of: column), index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            func fail(_ column: String) { issues.append(ImportIssue(line: record.line, column: column, message: "'\(cell(column))' is not valid")) }
            let code = Municipality.Code(cell("code"))
            if code == nil { fail("code") }
            let kind = Municipality.Kind(rawValue: cell("kind"))
            if kind == nil { fail("kind") }
            let lat = Double(cell("lat")), lon = Double(cell("lon"))
            if lat == nil { fail("lat") }
            if lon == nil { fail("lon") }
            let residents = Int(cell("foreign_residents")), population = Int(cell("population_total"))
            if residents == nil { fail("foreign_residents") }
            if population == nil { fail("population_total") }
            for column in ["name_ja", "kana", "romaji", "romaji_full", "foreign_residents_date"] where cell(column).isEmpty { fail(column) }
            guard let code, let kind, let lat, let lon, let residents, let population else { continue }
            municipalities.append(
                Municipality(
                    code: code, name: cell("name_ja"), kana: cell("kana"), romaji: cell("romaji"), romajiFull: cell("romaji_full"), kind: kind,
                    latitude: lat, longitude: lon, foreignResidents: residents, foreignResidentsDate: cell("foreign_residents_date"),
                    population: population, source: cell("foreign_residents_source")
                )
            )
        }
        guard issues.isEmpty else { throw .invalidImport(issues) }
        return municipalities
    }
}
