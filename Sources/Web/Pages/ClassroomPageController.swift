import Classroom
import Hummingbird

/// `GET /classrooms/{id}`: what a learner needs to know before going.
struct ClassroomPageController {
    let directory: ClassroomDirectory
    let renderer: PageRenderer

    /// Renders one published classroom, or the not-found page.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, allowed: ["lang", "furigana"], unknown: .ignore)
        let settings = PageSettings(request, parameters: parameters)
        let found = try directory.classroom(from: context)
        let page = ClassroomPage(found.classroom, municipality: found.municipality, directory: directory, renderer: renderer, settings: settings, now: .now)
        return renderer.response("classroom", page, page: settings)
    }
}
