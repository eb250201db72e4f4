import Classroom
import Curriculum

extension ClassroomQuery {
    /// Parameter names `GET /api/v1/classrooms` understands.
    static let parameterNames: Set<String> = [
        "q", "municipality", "weekday", "from", "to", "level", "language", "format", "free", "childcare", "accepting", "limit", "offset",
    ]

    /// Reads a classroom search from query parameters; every bad value is a 400 naming its parameter.
    init(_ parameters: QueryParameters, directory: ClassroomDirectory, pageSize: Int? = nil) throws(Problem) {
        self.init()
        let raw = try parameters.single("q")
        text = try Problem.mapping { () throws(ClassroomError) in try Self.searchText(raw) }
        for value in parameters.all("municipality") {
            guard let code = Municipality.Code(value), directory.municipality(code) != nil else {
                throw Problem.badParameter("municipality", "'\(value.prefix(40))' is not the 6-digit code of a Tokyo municipality (see /api/v1/municipalities).")
            }
            municipalities.insert(code)
        }
        for value in parameters.all("weekday") {
            guard let day = Weekday(code: value) else {
                throw Problem.badParameter("weekday", "'\(value.prefix(40))' is not a weekday; use mon, tue, wed, thu, fri, sat or sun.")
            }
            weekdays.insert(day)
        }
        from = try Self.time(parameters, "from")
        to = try Self.time(parameters, "to")
        // People typing a window on the search page mean from–to; the API takes the two as separate conditions.
        if pageSize != nil { try Problem.mapping { [from, to] () throws(ClassroomError) in try Self.checkWindow(from: from, to: to) } }
        for value in parameters.all("level") {
            guard let level = Level(code: value) else {
                throw Problem.badParameter("level", "'\(value.prefix(40))' is not a level; use pre_a1, a1, a2 or b1.")
            }
            levels.insert(level)
        }
        for value in parameters.all("language") {
            guard let tag = LanguageTag(value) ?? directory.language(named: value) else {
                throw Problem.badParameter("language", "'\(value.prefix(40))' is not a language code such as en, zh or vi.")
            }
            languages.insert(tag)
        }
        if let value = try parameters.single("format"), !value.isEmpty {
            guard let format = ClassroomFormat(rawValue: value) else {
                throw Problem.badParameter("format", "'\(value.prefix(40))' is not a format; use in_person, online or hybrid.")
            }
            self.format = format
        }
        freeOnly = try parameters.flag("free")
        childcareOnly = try parameters.flag("childcare")
        acceptingOnly = try parameters.flag("accepting")
        if let pageSize {
            // Pages count in pages of a fixed size rather than offsets; time of day comes as a named window.
            limit = pageSize
            offset = (try parameters.integer("page", default: 1, range: 1...10_000) - 1) * pageSize
            // A named part of the day narrows an explicit from–to rather than replacing it.
            let window: (from: TimeOfDay?, to: TimeOfDay?)
            switch try parameters.single("time") ?? "" {
            case "": window = (nil, nil)
            case "morning": window = (nil, TimeOfDay("12:00"))
            case "afternoon": window = (TimeOfDay("12:00"), TimeOfDay("17:00"))
            case "evening": window = (TimeOfDay("17:00"), nil)
            case let other: throw Problem.badParameter("time", "'\(other.prefix(40))' is not morning, afternoon or evening.")
            }
            if let start = window.from { from = max(from ?? start, start) }
            if let end = window.to { to = min(to ?? end, end) }
            try Problem.mapping { [from, to] () throws(ClassroomError) in try Self.checkWindow(from: from, to: to, parameter: "time") }
        } else {
            limit = try parameters.integer("limit", default: 20, range: 1...Self.maxLimit)
            offset = try parameters.integer("offset", default: 0, range: 0...1_000_000)
        }
    }

    private static func time(_ parameters: QueryParameters, _ name: String) throws(Problem) -> TimeOfDay? {
        guard let text = try parameters.single(name), !text.isEmpty else { return nil }
        guard let time = TimeOfDay(text) else {
            throw Problem.badParameter(name, "'\(text.prefix(40))' is not a time; use HH:MM from 00:00 to 23:59.")
        }
        return time
    }
}
