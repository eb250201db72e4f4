import Classroom
import Hummingbird

/// `GET /classrooms/{id}`: what a learner needs to know before going.
struct ClassroomPageController {
    let directory: ClassroomDirectory
    let renderer: PageRenderer

    func register(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(SiteURL.classroom(.key).route, use: show)
    }

    /// Renders one published classroom, or the not-found page.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, allowed: ["lang", "furigana"], unknown: .ignore)
        let settings = PageSettings(request, parameters: parameters)
        let found = try directory.classroom(from: context)
        // A full class offers the nearest classes at one of its levels that still take learners.
        let alternatives = found.classroom.accepting ? [] : directory.alternatives(to: found.classroom, in: found.municipality)
        let page = ClassroomPage(found.classroom, municipality: found.municipality, alternatives: alternatives, renderer: renderer, settings: settings, now: .now, freshness: directory.freshness)
        return renderer.response("classroom", page, page: settings)
    }
}
