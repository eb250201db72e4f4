import Foundation
import Hummingbird

/// The query string of a request, decoded strictly: a malformed escape, invalid UTF-8, a control
/// character or an unknown parameter name is a 400 naming the parameter, never a silent guess.
struct QueryParameters {
    private(set) var pairs: [(name: String, value: String)] = []
    /// Read as the API reads: only what the OpenAPI document declares (see ``readAsAPI(allowingEmpty:)``).
    private(set) var strict = false

    /// What to do with a parameter name outside `allowed`: the API refuses it (a typo there is a bug worth
    /// hearing about); pages and calendar files ignore it, because links shared on social media or in
    /// newsletters arrive with `fbclid=` or `utm_source=` attached.
    enum Unknown { case reject, ignore }

    init(_ request: Request, allowed: Set<String>, unknown: Unknown = .reject) throws(Problem) {
        guard let query = request.uri.query, !query.isEmpty else { return }
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else {
                throw Problem.badParameter("query", "A parameter name in the query string is not valid percent-encoded UTF-8.")
            }
            guard allowed.contains(name) else {
                if unknown == .ignore { continue }
                throw Problem.badParameter(name, "Unknown parameter '\(name)'. Known parameters: \(allowed.sorted().joined(separator: ", ")).")
            }
            let raw = parts.count > 1 ? parts[1] : ""
            guard let value = Self.decode(raw) else {
                throw Problem.badParameter(name, "\(name) is not valid percent-encoded UTF-8.")
            }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw Problem.badParameter(name, "\(name) contains control characters.")
            }
            pairs.append((name, value))
        }
    }

    /// Only the parameters named in `keeping` that decode cleanly, ignoring everything else: for an error
    /// page, which must still honour `?lang=` when another parameter is what was wrong.
    init(leniently request: Request, keeping names: Set<String>) {
        guard let query = request.uri.query else { return }
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), names.contains(name), let value = Self.decode(parts.count > 1 ? parts[1] : "") else { continue }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { continue }
            pairs.append((name, value))
        }
    }

    /// Percent-decodes (with `+` as space) and checks the bytes are UTF-8. A U+FFFD in the raw text means
    /// the server already met bytes that were not UTF-8.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self), !string.unicodeScalars.contains("\u{FFFD}") else { return nil }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// All values of a repeatable parameter; `a=1,2&a=3` gives 1, 2, 3 on pages, where people type lists. The API
    /// takes the parameter repeated, as its document says (`a=1&a=2`), and a comma is then part of the value.
    func all(_ name: String) -> [String] {
        let values = pairs.filter { $0.name == name }.map(\.value)
        if strict { return values }
        return values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    /// Switches to the API's reading, which takes exactly what the OpenAPI document declares: an empty value
    /// (`weekday=`) is refused except for the parameters in `allowed` (pages send empty values for "any" from their
    /// forms; in the API an empty value is a mistake), lists come as repeated parameters, booleans are `true` or
    /// `false`, and whole numbers are written without spaces.
    mutating func readAsAPI(allowingEmpty allowed: Set<String> = []) throws(Problem) {
        if let empty = pairs.first(where: { $0.value.isEmpty && !allowed.contains($0.name) }) {
            throw Problem.badParameter(empty.name, "\(empty.name) has no value; leave it out to mean any.")
        }
        strict = true
    }

    /// The value of a parameter that may appear once.
    func single(_ name: String) throws(Problem) -> String? {
        let values = pairs.filter { $0.name == name }
        guard values.count <= 1 else { throw Problem.badParameter(name, "\(name) may be given only once.") }
        return values.first?.value
    }

    /// A whole number within `range`, or the default.
    func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws(Problem) -> Int {
        guard let text = try single(name), !text.isEmpty else { return value }
        guard let number = Int(strict ? text : text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw Problem.badParameter(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(text.prefix(40))'.")
        }
        return number
    }

    /// `true` or `false` (on pages also 1/0, yes/no, and on for checkboxes); absent is false.
    func flag(_ name: String) throws(Problem) -> Bool {
        guard let text = try single(name) else { return false }
        if strict {
            guard text == "true" || text == "false" else { throw Problem.badParameter(name, "\(name) must be true or false; got '\(text.prefix(40))'.") }
            return text == "true"
        }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "": return false
        default: throw Problem.badParameter(name, "\(name) must be true or false; got '\(text.prefix(40))'.")
        }
    }
}
