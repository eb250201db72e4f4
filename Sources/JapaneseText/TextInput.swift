/// Checks on untrusted text before it reaches ICU or MeCab.
///
/// Swift `String`s are always valid UTF-8, so only bytes from outside (request bodies, files)
/// need ``validate(_:limit:)``; strings need only ``check(_:limit:)``.
public enum TextInput {
    /// Decodes untrusted bytes as UTF-8 and applies ``check(_:limit:)``.
    public static func validate(_ bytes: some Sequence<UInt8>, limit: Int? = nil) throws(TextError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
        try check(text, limit: limit)
        return text
    }

    /// Throws when `text` holds control characters (other than `\t`, `\n`, `\r`) or, with a
    /// `limit`, more than `limit` `Character`s.
    public static func check(_ text: String, limit: Int? = nil) throws(TextError) {
        if text.unicodeScalars.contains(where: isForbiddenControl) { throw .controlCharacters }
        // A string never has more Characters than UTF-8 bytes, so short input skips the O(n) count.
        if let limit, text.utf8.count > limit {
            let count = text.count
            if count > limit { throw .tooLong(limit: limit, actual: count) }
        }
    }

    /// C0 controls, DEL and C1 controls; tab and line breaks are ordinary text in a form field.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
