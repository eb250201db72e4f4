import Accounts
import Classroom
import Foundation
import Hummingbird
import HummingbirdAuth

/// Request context for every Manabi route. Response types spell their snake_case keys out in `CodingKeys`
/// (a key strategy would convert every key of every response again).
///
/// The teacher and staff pages add who is signed in (`identity`, from the server-side session), the
/// form's fields once the CSRF check has read them, and the listing a route group's access check loaded.
public struct AppRequestContext: AuthRequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Account?
    public let sessions: SessionContext<WorkSession>
    /// The source address, for sign-in throttling; "unknown" when the channel has none (in-process tests).
    public let sourceAddress: String
    /// This request's CSRF token, printed into every form of the page.
    var csrfToken = ""
    /// The form fields of a POST that passed the CSRF check.
    var form = FormData()
    /// The listing the route group's access check found for `{id}`.
    var classroom: Classroom?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        sourceAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
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
