import Classroom
import Foundation

/// The learner's page of a listing that may not be published yet: the same page model and template as
/// `/classrooms/{id}`, cut to its article so it can sit inside a teacher's or staff member's page.
enum LearnerPreview {
    static func html(_ classroom: Classroom, municipality: Municipality, renderer: PageRenderer, settings: PageSettings) -> String {
        let page = ClassroomPage(classroom, municipality: municipality, alternatives: [], renderer: renderer, settings: settings, now: .now)
        let full = renderer.library.render(page, withTemplate: "classroom") ?? ""
        guard let start = full.range(of: "<article"), let end = full.range(of: "</article>", range: start.upperBound..<full.endIndex) else { return "" }
        return String(full[start.lowerBound..<end.upperBound])
    }
}
