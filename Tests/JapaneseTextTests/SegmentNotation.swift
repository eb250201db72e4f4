import JapaneseText

/// Segments written compactly for expectations: segments separated by `/`, a reading in brackets
/// after its text (`ひまわり/日本語(にほんご)/クラブ /足立(あだち)`).
func notation(_ segments: [FuriganaSegment]) -> String {
    segments.map { segment in segment.reading.map { "\(segment.text)(\($0))" } ?? segment.text }.joined(separator: "/")
}

/// ``notation(_:)`` of `engine`'s segments for `text`.
func notation(_ text: String, _ engine: FuriganaEngine) throws -> String {
    notation(try engine.segments(for: text))
}
