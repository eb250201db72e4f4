/// Why a piece of text was refused by JapaneseText.
public enum TextError: Error, Equatable, Sendable {
    /// The bytes given to a byte-level entry point are not valid UTF-8.
    case invalidUTF8
    /// The text holds C0 or C1 control characters other than tab, line feed and carriage return.
    case controlCharacters
    /// The text is longer than `limit`, counted in `Character`s.
    case tooLong(limit: Int, actual: Int)
    /// A text engine could not be started, for example because the MeCab dictionary is missing.
    case engineUnavailable(String)
}
