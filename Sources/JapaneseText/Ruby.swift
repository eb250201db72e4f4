/// Renders furigana as HTML ruby markup.
public enum Ruby {
    /// `<ruby>狛江<rt>こまえ</rt></ruby>市…`: segments with a reading become ruby, the rest plain
    /// text; every text and reading is HTML-escaped.
    public static func html(_ segments: [FuriganaSegment]) -> String {
        var out = ""
        for segment in segments {
            if let reading = segment.reading {
                out += "<ruby>\(HTML.escape(segment.text))<rt>\(HTML.escape(reading))</rt></ruby>"
            } else {
                out += HTML.escape(segment.text)
            }
        }
        return out
    }
}
