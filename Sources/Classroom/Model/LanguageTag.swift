/// A BCP 47 language tag for a support language, kept in its canonical case (`en`, `zh-Hant`, `pt-BR`).
/// Only the shapes a volunteer would use are accepted: a 2–3 letter language, then an optional 4-letter
/// script and/or a 2-letter or 3-digit region.
public struct LanguageTag: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ text: some StringProtocol) {
        let rawParts = text.replacingOccurrences(of: "_", with: "-").split(separator: "-", omittingEmptySubsequences: false)
        guard let first = rawParts.first,
            (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return nil }
        var canonical = [first.lowercased()]
        var sawScript = false
        var sawRegion = false
        for part in rawParts.dropFirst() {
            if part.count == 4, !sawScript, !sawRegion, part.allSatisfy({ $0.isASCII && $0.isLetter }) {
                canonical.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
                sawScript = true
            } else if !sawRegion, (part.count == 2 && part.allSatisfy({ $0.isASCII && $0.isLetter })) || (part.count == 3 && part.allSatisfy(\.isASCIIDigit)) {
                canonical.append(part.uppercased())
                sawRegion = true
            } else {
                return nil
            }
        }
        self.rawValue = canonical.joined(separator: "-")
    }

    /// The primary language subtag (`zh` for `zh-Hant`).
    public var primary: String { String(rawValue.prefix { $0 != "-" }) }

    public var description: String { rawValue }
    public static func < (lhs: LanguageTag, rhs: LanguageTag) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let tag = LanguageTag(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a language tag: \(text)"))
        }
        self = tag
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
