import Hummingbird

/// A minimal streaming JSON writer for the hot search responses. Foundation's `JSONEncoder` builds a
/// tree of boxed values and spends most of a search request doing so (measured with perf: generic
/// metadata look-ups, boxing and retain/release); writing bytes directly is several times cheaper.
struct JSONOutput {
    private(set) var bytes: [UInt8] = []
    /// Whether the current object or array already has a member (so the next one needs a comma).
    private var hasMember: [Bool] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if let last = hasMember.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            hasMember[hasMember.count - 1] = true
        }
    }

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); hasMember.append(false) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); hasMember.removeLast() }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); hasMember.append(false) }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); hasMember.removeLast() }

    /// Writes `"key":` inside an object; the value call that follows must not add a comma.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        hasMember.append(false)  // the value is the only "member" of this key
    }

    private mutating func endKey() { hasMember.removeLast() }

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func raw(_ text: String) { separate(); bytes.append(contentsOf: text.utf8) }

    // MARK: - Members

    mutating func field(_ name: StaticString, _ value: String) { key(name); string(value); endKey() }
    mutating func field(_ name: StaticString, _ value: String?) { key(name); if let value { string(value) } else { raw("null") }; endKey() }
    mutating func field(_ name: StaticString, _ value: Int) { key(name); raw(String(value)); endKey() }
    mutating func field(_ name: StaticString, _ value: Int64) { key(name); raw(String(value)); endKey() }
    mutating func field(_ name: StaticString, _ value: Int?) { key(name); raw(value.map(String.init) ?? "null"); endKey() }
    mutating func field(_ name: StaticString, _ value: Bool) { key(name); raw(value ? "true" : "false"); endKey() }
    mutating func field(_ name: StaticString, _ value: Double?) {
        key(name)
        raw(value.flatMap { $0.isFinite ? "\($0)" : nil } ?? "null")
        endKey()
    }
    mutating func field(_ name: StaticString, _ values: [String]) {
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
        endKey()
    }

    /// A member whose value `body` writes (an object or an array).
    mutating func field(_ name: StaticString, _ body: (inout JSONOutput) -> Void) {
        key(name)
        body(&self)
        endKey()
    }

    /// The bytes as a JSON response.
    func response(status: HTTPResponse.Status = .ok) -> Response { Self.response(bytes, status: status) }

    static func response(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// A response type that writes itself with `JSONOutput`.
protocol JSONWritable {
    func write(to json: inout JSONOutput)
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginArray()
        for element in self { element.write(to: &json) }
        json.endArray()
    }
}
