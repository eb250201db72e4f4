import GRDB

/// Row of `municipality`.
struct MunicipalityRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "municipality"

    var code: String
    var name: String
    var kana: String
    var romaji: String
    var romajiFull: String
    var kind: String
    var latitude: Double
    var longitude: Double
    var foreignResidents: Int
    var foreignResidentsDate: String
    var population: Int
    var source: String

    enum Columns {
        static let code = Column(CodingKeys.code)
    }

    init(_ m: Municipality) {
        code = m.code.rawValue
        name = m.name
        kana = m.kana
        romaji = m.romaji
        romajiFull = m.romajiFull
        kind = m.kind.rawValue
        latitude = m.latitude
        longitude = m.longitude
        foreignResidents = m.foreignResidents
        foreignResidentsDate = m.foreignResidentsDate
        population = m.population
        source = m.source
    }

    var municipality: Municipality? {
        guard let code = Municipality.Code(code), let kind = Municipality.Kind(rawValue: kind) else { return nil }
        return Municipality(
            code: code, name: name, kana: kana, romaji: romaji, romajiFull: romajiFull, kind: kind, latitude: latitude, longitude: longitude,
            foreignResidents: foreignResidents, foreignResidentsDate: foreignResidentsDate, population: population, source: source
        )
    }
}
