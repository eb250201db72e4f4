import Classroom
import Hummingbird

/// `GET /api/v1/municipalities` and `GET /api/v1/suggest`: the lists a search box and a filter need.
struct DirectoryAPIController {
    let directory: ClassroomDirectory

    var routes: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("municipalities", use: municipalities)
        routes.get("suggest", use: suggest)
        return routes
    }

    /// Municipalities in gojūon order, or those `q` finds, best first.
    @Sendable func municipalities(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, allowed: ["q"])
        let listings = try directory.municipalities(matching: try parameters.single("q"))
        return try JSON.response(ItemsResponse(items: listings.map(MunicipalityResponse.init)))
    }

    /// Up to 10 municipalities, languages and classrooms starting with `q`, for suggest-as-you-type.
    @Sendable func suggest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, allowed: ["q", "limit"])
        let limit = try parameters.integer("limit", default: 10, range: 1...10)
        guard let text = try parameters.single("q"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return try JSON.response(ItemsResponse<SuggestionResponse>(items: []))
        }
        let suggestions = try directory.suggestions(for: text, limit: limit)
        return try JSON.response(ItemsResponse(items: suggestions.map(SuggestionResponse.init)))
    }
}

struct SuggestionResponse: Encodable {
    var type: String
    var id: String
    var label: String
    var detail: String?
    var url: String

    init(_ s: Suggestion) {
        type = s.kind.rawValue
        id = s.id
        label = s.label
        detail = s.detail
        url =
            switch s.kind {
            case .municipality: "\(SitePath.classrooms)?municipality=\(s.id)"
            case .language: "\(SitePath.classrooms)?language=\(s.id)"
            case .classroom: SitePath.classroom(s.id)
            }
    }
}
