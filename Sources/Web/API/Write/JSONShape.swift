import Foundation

/// The small part of JSON Schema the write API needs, written once and used twice: the OpenAPI document prints
/// each shape as its schema, and the server checks every body against the same shape before reading it. So a body
/// the document calls invalid is refused (422 with a JSON pointer per problem), whatever the domain would make of it.
indirect enum JSONShape: Sendable {
    /// Text of `minLength`…`maxLength` Unicode scalars (JSON Schema counts code points) matching `pattern` whole.
    case string(minLength: Int = 0, maxLength: Int, pattern: String? = nil)
    case enumeration([String])
    case integer(minimum: Int64, maximum: Int64)
    case number(minimum: Double, maximum: Double)
    case boolean
    case array(JSONShape, minItems: Int = 0, maxItems: Int, uniqueItems: Bool = false)
    /// Only the listed properties (`additionalProperties: false`).
    case object([(name: String, shape: JSONShape)], required: Set<String>)
    /// The shape, or null.
    case nullable(JSONShape)

    /// One problem with a body: where (RFC 6901 pointer) and what.
    struct Problem: Sendable, Equatable {
        var pointer: String
        var detail: String
    }

    // MARK: - As JSON Schema

    /// The JSON Schema of this shape. `strict: false` keeps only types and enums, for responses, which carry stored
    /// data that may predate a limit.
    func schema(strict: Bool = true) -> [String: Any] {
        switch self {
        case .string(let minLength, let maxLength, let pattern):
            var s: [String: Any] = ["type": "string"]
            if strict {
                s["maxLength"] = maxLength
                if minLength > 0 { s["minLength"] = minLength }
                if let pattern { s["pattern"] = pattern }
            }
            return s
        case .enumeration(let values): return ["type": "string", "enum": values]
        case .integer(let minimum, let maximum):
            return strict ? ["type": "integer", "minimum": minimum, "maximum": maximum] : ["type": "integer"]
        case .number(let minimum, let maximum):
            return strict ? ["type": "number", "minimum": minimum, "maximum": maximum] : ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .array(let item, let minItems, let maxItems, let unique):
            var s: [String: Any] = ["type": "array", "items": item.schema(strict: strict)]
            if strict {
                s["maxItems"] = maxItems
                if minItems > 0 { s["minItems"] = minItems }
                if unique { s["uniqueItems"] = true }
            }
            return s
        case .object(let properties, let required):
            var props: [String: Any] = [:]
            for (name, shape) in properties { props[name] = shape.schema(strict: strict) }
            var s: [String: Any] = ["type": "object", "properties": props, "additionalProperties": !strict]
            if !required.isEmpty { s["required"] = required.sorted() }
            return s
        case .nullable(let inner):
            return ["anyOf": [inner.schema(strict: strict), ["type": "null"]]]
        }
    }

    // MARK: - Checking a value

    /// Every way `value` breaks this shape, or none.
    func problems(_ value: JSONValue, at pointer: String = "") -> [Problem] {
        func problem(_ detail: String) -> [Problem] { [Problem(pointer: pointer, detail: detail)] }
        switch (self, value) {
        case (.nullable, .null): return []
        case (.nullable(let inner), _): return inner.problems(value, at: pointer)
        case (.string(let minLength, let maxLength, let pattern), .string(let text)):
            let length = text.unicodeScalars.count
            if length < minLength { return problem(minLength == 1 ? "must not be empty" : "must have at least \(minLength) characters") }
            if length > maxLength { return problem("must have at most \(maxLength) characters") }
            if let pattern, !Self.matchesWhole(text, pattern) { return problem("does not have the expected form (\(pattern))") }
            return []
        case (.enumeration(let values), .string(let text)):
            return values.contains(text) ? [] : problem(values.count <= 10 ? "must be one of \(values.joined(separator: ", "))" : "is not one of the allowed values")
        case (.integer(let minimum, let maximum), _):
            guard let number = Self.integer(value) else { return problem("must be an integer, not \(value.typeName)") }
            return (minimum...maximum).contains(number) ? [] : problem("must be between \(minimum) and \(maximum)")
        case (.number(let minimum, let maximum), .integer(let whole)):
            return (minimum...maximum).contains(Double(whole)) ? [] : problem("must be between \(minimum) and \(maximum)")
        case (.number(let minimum, let maximum), .number(let number)):
            return (minimum...maximum).contains(number) ? [] : problem("must be between \(minimum) and \(maximum)")
        case (.boolean, .bool): return []
        case (.array(let item, let minItems, let maxItems, let unique), .array(let items)):
            if items.count < minItems { return problem("must have at least \(minItems) item\(minItems == 1 ? "" : "s")") }
            if items.count > maxItems { return problem("must have at most \(maxItems) items") }
            if unique, Set(items.map { "\($0)" }).count != items.count { return problem("must not repeat an item") }
            return items.enumerated().flatMap { item.problems($0.element, at: "\(pointer)/\($0.offset)") }
        case (.object(let properties, let required), .object(let members)):
            var found: [Problem] = []
            for name in members.keys.sorted() where !properties.contains(where: { $0.name == name }) {
                found.append(Problem(pointer: "\(pointer)/\(Self.escape(name))", detail: "is not a field of this object"))
            }
            for (name, shape) in properties {
                if let member = members[name] {
                    found += shape.problems(member, at: "\(pointer)/\(Self.escape(name))")
                } else if required.contains(name) {
                    found.append(Problem(pointer: "\(pointer)/\(Self.escape(name))", detail: "is required"))
                }
            }
            return found
        default:
            return problem("must be \(typeName), not \(value.typeName)")
        }
    }

    /// JSON Schema's name for this shape's type.
    private var typeName: String {
        switch self {
        case .string, .enumeration: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        case .array: "an array"
        case .object: "an object"
        case .nullable(let inner): inner.typeName + " or null"
        }
    }

    /// An integer, also when written with a zero fraction (JSON Schema counts 2.0 as an integer).
    static func integer(_ value: JSONValue) -> Int64? {
        switch value {
        case .integer(let number): number
        case .number(let number) where number.rounded() == number && abs(number) < 9e15: Int64(number)
        default: nil
        }
    }

    /// True when `pattern` matches all of `text`. ICU's `$` also matches before a final line break, which
    /// ECMAScript's (JSON Schema's) does not, so the match must cover the whole string.
    static func matchesWhole(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        let whole = NSRange(text.startIndex..., in: text)
        return regex.firstMatch(in: text, options: [.anchored], range: whole)?.range == whole
    }

    static func escape(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
