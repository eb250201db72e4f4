import Hummingbird
import JapaneseText

/// `GET /api/v1/furigana?text=`: readings for every kanji in a text.
struct TextAPIController {
    let furigana: FuriganaEngine

    func register(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(SiteURL.api(.furigana).route, use: segments)
    }

    struct FuriganaResponse: Encodable {
        var text: String
        var segments: [FuriganaSegment]
    }

    /// Splits `text` into segments; those with kanji carry a hiragana reading.
    @Sendable func segments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, allowed: ["text"])
        guard let text = try parameters.single("text") else {
            throw Problem.badParameter("text", "text is required, e.g. /api/v1/furigana?text=狛江市の日本語教室")
        }
        let segments = try furigana.segments(for: text)
        return try JSON.response(FuriganaResponse(text: text, segments: segments))
    }
}
