/// A run of text with its reading, the unit of furigana.
///
/// Encodes as `{"text":"狛江","reading":"こまえ"}`, or `{"text":"の"}` when there is no reading.
public struct FuriganaSegment: Sendable, Hashable, Codable {
    /// The text exactly as it appeared in the input.
    public var text: String
    /// Hiragana reading; non-nil only when `text` contains kanji.
    public var reading: String?

    /// Creates a segment; pass a reading only for text that contains kanji.
    public init(text: String, reading: String? = nil) {
        self.text = text
        self.reading = reading
    }
}
