/// One of Tokyo's 62 区市町村, with the foreign-resident count that tells where classes are needed.
public struct Municipality: Sendable, Hashable, Codable, Identifiable {
    /// 全国地方公共団体コード, six digits with check digit (e.g. `131041` for 新宿区).
    public struct Code: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
        public let rawValue: String

        /// Accepts exactly six ASCII digits starting with `13` (Tokyo).
        public init?(_ text: some StringProtocol) {
            guard text.count == 6, text.allSatisfy(\.isASCIIDigit), text.hasPrefix("13") else { return nil }
            self.rawValue = String(text)
        }

        public var description: String { rawValue }
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// 区 (ward), 市 (city), 町 (town) or 村 (village).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case ward, city, town, village

        /// The suffix of the official name and its reading, used to find the name's stem.
        var suffixes: [(surface: String, kana: String)] {
            switch self {
            case .ward: [("区", "く")]
            case .city: [("市", "し")]
            case .town: [("町", "まち"), ("町", "ちょう")]
            case .village: [("村", "むら"), ("村", "そん")]
            }
        }

        /// Suffixes in Latin script as people type them after a romaji name.
        var latinSuffixes: [String] {
            switch self {
            case .ward: ["ku", "city", "ward", "kucity"]
            case .city: ["shi", "city"]
            case .town: ["machi", "cho", "town"]
            case .village: ["mura", "son", "village"]
            }
        }
    }

    public var id: Code { code }
    public var code: Code
    /// Official name, e.g. `新宿区`.
    public var name: String
    /// Hiragana reading of the full name, e.g. `しんじゅくく`.
    public var kana: String
    /// Hepburn without macrons and without suffix, e.g. `Shinjuku`.
    public var romaji: String
    /// Romaji with suffix, e.g. `Shinjuku-ku`.
    public var romajiFull: String
    public var kind: Kind
    public var latitude: Double
    public var longitude: Double
    /// Registered foreign residents (住民基本台帳).
    public var foreignResidents: Int
    /// `YYYY-MM` of the count.
    public var foreignResidentsDate: String
    public var population: Int
    /// URL of the official table the counts come from.
    public var source: String

    public init(
        code: Code, name: String, kana: String, romaji: String, romajiFull: String, kind: Kind, latitude: Double, longitude: Double,
        foreignResidents: Int, foreignResidentsDate: String, population: Int, source: String
    ) {
        self.code = code
        self.name = name
        self.kana = kana
        self.romaji = romaji
        self.romajiFull = romajiFull
        self.kind = kind
        self.latitude = latitude
        self.longitude = longitude
        self.foreignResidents = foreignResidents
        self.foreignResidentsDate = foreignResidentsDate
        self.population = population
        self.source = source
    }

    /// The name without its 区/市/町/村 suffix and the matching reading (新宿 / しんじゅく).
    public var stem: (name: String, kana: String) {
        for suffix in kind.suffixes where name.hasSuffix(suffix.surface) && kana.hasSuffix(suffix.kana) {
            return (String(name.dropLast(suffix.surface.count)), String(kana.dropLast(suffix.kana.count)))
        }
        return (name, kana)
    }
}
