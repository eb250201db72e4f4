import Classroom
import Hummingbird

/// `GET /`: the learner's search page, over the same search as `GET /api/v1/classrooms`.
struct SearchPageController {
    static let pageSize = 20
    static let parameterNames = ClassroomQuery.parameterNames.subtracting(["limit", "offset"]).union(["page", "time", "lang", "furigana"])

    let directory: ClassroomDirectory
    let renderer: PageRenderer

    func register(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(SiteURL.search.route, use: search)
    }

    /// Renders the filters and one page of results.
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, allowed: Self.parameterNames, unknown: .ignore)
        let settings = PageSettings(request, parameters: parameters)
        let query = try ClassroomQuery(parameters, directory: directory, pageSize: Self.pageSize)
        let now = TokyoDateTime.now
        let page = try directory.search(query, now: now)
        if page.items.isEmpty, page.total > 0, query.offset > 0 {
            // A page past the end (an old bookmark, a hand-edited URL): go to the last page there is.
            let last = (page.total + Self.pageSize - 1) / Self.pageSize
            var headers = HTTPFields()
            headers[.location] = SiteURL.search.url(keeping: parameters, changing: ["page": last > 1 ? String(last) : nil])
            return Response(status: .seeOther, headers: headers)
        }
        // An empty result in one municipality points to the nearest ones that have classes.
        let nearby = page.total == 0
            ? query.municipalities.first.flatMap(directory.municipality).map { directory.nearestMunicipalitiesWithClasses(to: $0, excluding: query.municipalities) } ?? []
            : []
        let view = SearchPage(
            query: query, parameters: parameters, page: page, nearby: nearby,
            municipalities: try directory.municipalities(order: settings.language == .ja ? .gojuon : .romaji),
            renderer: renderer, settings: settings, now: now, freshness: directory.freshness
        )
        return renderer.response("search", view, page: settings)
    }
}
