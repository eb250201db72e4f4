import Classroom
import Hummingbird

/// `GET /classrooms/{id}/calendar.ics` and `GET /municipalities/{code}/calendar.ics`: subscribe to classes in a calendar app.
struct CalendarController {
    let directory: ClassroomDirectory

    func register(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(SiteURL.classroomCalendar(.key).route, use: classroom)
        routes.get(SiteURL.municipalityCalendar(.key).route, use: municipality)
    }

    /// One classroom's weekly slots and one-off sessions.
    @Sendable func classroom(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try directory.classroom(from: context)
        return Self.calendar(ICalendar.calendar(name: found.classroom.name, classrooms: [(found.classroom, found.municipality)]), file: "classroom-\(found.classroom.id)")
    }

    /// All published classrooms of a municipality.
    @Sendable func municipality(_ request: Request, context: AppRequestContext) async throws -> Response {
        let text = context.parameters.get(SiteURL.Parameter.code) ?? ""
        guard let code = Municipality.Code(text), let municipality = directory.municipality(code) else {
            throw Problem(.notFound, type: "not-found", detail: "No Tokyo municipality with code '\(text.prefix(40))'.")
        }
        let classrooms = directory.classrooms(in: code).map { ($0, municipality) }
        return Self.calendar(ICalendar.calendar(name: "\(municipality.name)の日本語教室", classrooms: classrooms), file: "municipality-\(code)")
    }

    static func calendar(_ text: String, file: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.contentDisposition] = "inline; filename=\"\(file).ics\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
