/// Every path the site serves, used both to register routes and to build links, so the two never drift.
enum SitePath {
    static let health = "/healthz"
    static let openAPI = "/openapi.json"
    static let apiRoot = "/api/v1"
    static let municipalities = "/api/v1/municipalities"
    static let classrooms = "/api/v1/classrooms"
    static let classroom = "/api/v1/classrooms/:id"
    static let suggest = "/api/v1/suggest"
    static let furigana = "/api/v1/furigana"

    /// Link to one classroom's JSON record.
    static func classroom(_ id: some CustomStringConvertible) -> String { "\(classrooms)/\(id)" }

    /// Every route with its method, as registered (the OpenAPI test walks this list).
    static let apiRoutes: [(method: String, path: String)] = [
        ("GET", health), ("GET", openAPI), ("GET", municipalities), ("GET", classrooms), ("GET", classroom), ("GET", suggest), ("GET", furigana),
    ]
}
