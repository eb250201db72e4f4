/// A day of the week, Monday first as in Japanese calendars at work (月曜日 … 日曜日).
public enum Weekday: Int, CaseIterable, Sendable, Codable, Comparable {
    case mon = 1, tue, wed, thu, fri, sat, sun

    /// The three-letter code used in URLs, CSV and JSON.
    public var code: String {
        switch self {
        case .mon: "mon"
        case .tue: "tue"
        case .wed: "wed"
        case .thu: "thu"
        case .fri: "fri"
        case .sat: "sat"
        case .sun: "sun"
        }
    }

    /// Parses `mon`…`sun` (any case) and the full English names.
    public init?(code: String) {
        let lower = code.lowercased()
        guard let day = Self.allCases.first(where: { $0.code == lower || $0.englishName.lowercased() == lower }) else { return nil }
        self = day
    }

    /// English name, e.g. `Saturday`.
    public var englishName: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue - 1]
    }

    /// Japanese name, e.g. `土曜日`.
    public var japaneseName: String {
        ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"][rawValue - 1]
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
