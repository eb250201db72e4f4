import Classroom
import Hummingbird

/// `GET /api/v1/municipalities` and `GET /api/v1/suggest`: the lists a search box and a filter need.
struct DirectoryAPIController {
    let directory: ClassroomDirectory

    func register(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(SiteURL.api(.municipalities).route, use: municipalities)
        routes.get(SiteURL.api(.suggest).route, use: suggest)
    }

    /// Municipalities in gojūon order, or those `q` finds, best first.
    @Sendable func municipalities(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = try QueryParameters(request, allowed: ["q"])
        try parameters.readAsAPI(allowingEmpty: ["q"])
        let listings = try directory.municipalities(matching: try parameters.single("q"))
        return try JSON.response(ItemsResponse(items: listings.map(MunicipalityResponse.init)))
    }

    /// Up to 10 municipalities, languages and classrooms starting with `q`, for suggest-as-you-type.
    @Sendable func suggest(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = try QueryParameters(request, allowed: ["q", "limit"])
        try parameters.readAsAPI(allowingEmpty: ["q"])
        let limit = try parameters.integer("limit", default: 10, range: 1...10)
        let suggestions = try directory.suggestions(for: try parameters.single("q") ?? "", limit: limit)
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
            case .municipality: SiteURL.api(.classrooms).url([("municipality", s.id)])
            case .language: SiteURL.api(.classrooms).url([("language", s.id)])
            case .classroom: Int64(s.id).map { SiteURL.api(.classroom(.value(Classroom.ID($0)))).path } ?? SiteURL.api(.classrooms).path
            }
    }
}
