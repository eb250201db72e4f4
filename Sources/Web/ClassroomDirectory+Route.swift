import Classroom
import Hummingbird

extension ClassroomDirectory {
    /// The published classroom named by the route's `:id`, or a 404 problem for an id that is not a number or not listed.
    func classroom(from context: AppRequestContext) throws -> (classroom: Classroom, municipality: Municipality) {
        let text = context.parameters.get(SiteURL.Parameter.id) ?? ""
        guard let number = Int64(text), number > 0 else {
            throw Problem(.notFound, type: "not-found", detail: "'\(text.prefix(40))' is not a classroom id.")
        }
        return try classroom(Classroom.ID(number))
    }
}
