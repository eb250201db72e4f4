import Foundation
import Hummingbird

/// An RFC 9457 problem document, the body of every API error.
struct Problem: Error, HTTPResponseError, Encodable {
    var type: String
    var title: String
    var statusCode: Int
    var detail: String
    /// The query parameter at fault, when there is one.
    var parameter: String?
    /// For a body that cannot be stored: each problem with the JSON pointer of the member at fault.
    var errors: [FieldError]?
    /// For a 409 on a listing: the version stored now, to re-read and reapply the change against.
    var currentVersion: Int?

    struct FieldError: Encodable, Equatable {
        var pointer: String
        var detail: String
    }

    var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }
    /// Extra headers (e.g. `Allow` on a 405).
    var headers: HTTPFields = [:]

    private enum CodingKeys: String, CodingKey {
        case type, title, detail, parameter, errors
        case currentVersion = "current_version"
        case statusCode = "status"
    }

    init(_ status: HTTPResponse.Status, type: String, detail: String, parameter: String? = nil) {
        self.type = "https://manabi.example/problems/\(type)"
        self.title = status.reasonPhrase
        self.statusCode = status.code
        self.detail = detail
        self.parameter = parameter
    }

    static func badParameter(_ name: String, _ detail: String) -> Problem {
        Problem(.badRequest, type: "invalid-parameter", detail: detail, parameter: name)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSON.response(self, status: status, contentType: "application/problem+json")
        for field in headers { response.headers.append(field) }
        return response
    }
}
