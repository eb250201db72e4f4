import Classroom
import Hummingbird

/// `GET /api/v1/classrooms` and `GET /api/v1/classrooms/{id}`.
struct ClassroomAPIController {
    let directory: ClassroomDirectory
    let cache: SearchResponseCache

    func register(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(SiteURL.api(.classrooms).route, use: search)
        routes.get(SiteURL.api(.classroom(.key)).route, use: show)
    }

    /// Searches published classrooms with filters and paging.
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = try QueryParameters(request, allowed: ClassroomQuery.parameterNames)
        try parameters.readAsAPI(allowingEmpty: ["q"])
        let query = try ClassroomQuery(parameters, directory: directory)
        let now = TokyoDateTime.now
        let key = SearchResponseCache.Key(query: query, generation: directory.generation, minute: now.date.dayNumber * 1440 + now.time.minutes)
        let bytes = try cache.response(for: key) {
            let page = try directory.search(query, now: now)
            var json = JSONOutput(capacity: 1024 * (page.items.count + 1))
            ClassroomPageResponse(total: page.total, limit: page.limit, offset: page.offset, items: page.items.map { ClassroomSummaryResponse($0, now: now) })
                .write(to: &json)
            return json.bytes
        }
        return JSONOutput.response(bytes)
    }

    /// One classroom's full record with its schedule and next sessions.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let found = try directory.classroom(from: context)
        var json = JSONOutput()
        ClassroomDetailResponse(found.classroom, municipality: found.municipality, now: .now).write(to: &json)
        return json.response()
    }
}
