import Foundation
import Hummingbird

/// Request context for every Manabi route. Response types spell their snake_case keys out in `CodingKeys`
/// (a key strategy would convert every key of every response again).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    public var responseEncoder: JSONEncoder { JSON.encoder }
}

/// The one JSON encoder configuration the API uses.
enum JSON {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        // Keys are already snake_case in each response type's CodingKeys.
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// Encodes `value` into a response with the given content type.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8") throws -> Response {
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
