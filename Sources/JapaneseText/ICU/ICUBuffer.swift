import CICUShim

/// Moves strings across the C shim, which speaks malloc'd UTF-8.
enum ICUBuffer {
    /// Signature shared by the shim's string-to-string functions.
    typealias Transform = (
        _ utf8: UnsafePointer<CChar>, _ length: Int32, _ outLength: UnsafeMutablePointer<Int32>, _ status: UnsafeMutablePointer<Int32>
    ) -> UnsafeMutablePointer<CChar>?

    /// Runs `transform` over `input`; nil when ICU reports a failure (status > 0; negative values are warnings).
    static func apply(_ input: String, _ transform: Transform) -> String? {
        // ICU indexes with Int32 and UTF-16 may double the size; refuse rather than overflow.
        guard input.utf8.count < Int(Int32.max) / 8 else { return nil }
        var outLength: Int32 = 0
        var status: Int32 = 0
        let result = input.withCString { pointer in
            transform(pointer, Int32(input.utf8.count), &outLength, &status)
        }
        guard let result else { return nil }
        defer { manabi_icu_free(result) }
        guard status <= 0 else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: result, count: Int(outLength)), as: UTF8.self)
    }
}
