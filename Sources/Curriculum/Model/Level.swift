import Foundation

/// A learner's level on the path from zero to B1, on the scale of 日本語教育の参照枠 (the Japanese
/// adaptation of the CEFR). Pre-A1 is the reference framework's own band below A1.
public enum Level: String, CaseIterable, Sendable, Codable, Comparable {
    case preA1 = "pre_a1"
    case a1
    case a2
    case b1

    /// The code used in URLs, CSV files and JSON (`pre_a1`, `a1`, `a2`, `b1`).
    public var code: String { rawValue }

    /// The label a reader of the reference framework knows (`Pre-A1`, `A1`, …).
    public var label: String {
        switch self {
        case .preA1: "Pre-A1"
        case .a1: "A1"
        case .a2: "A2"
        case .b1: "B1"
        }
    }

    /// Parses a level code; accepts the label spelling too (`A1`, `pre-a1`), since people type both.
    public init?(code: String) {
        let folded = code.lowercased().replacingOccurrences(of: "-", with: "_")
        self.init(rawValue: folded)
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
}
