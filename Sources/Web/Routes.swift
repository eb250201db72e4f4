import Classroom
import Foundation

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

    static let searchPage = "/"
    static let classroomPagePattern = "/classrooms/:id"

    /// The learner's page of one classroom, keeping the page language when it was chosen in the URL.
    static func classroomPage(_ id: Classroom.ID, language: UILanguage) -> String { "/classrooms/\(id)?lang=\(language.rawValue)" }

    /// The search page with the same parameters as the current request, some changed (nil removes one).
    static func search(_ parameters: QueryParameters, changing changes: [String: String?]) -> String {
        var pairs = parameters.pairs.filter { changes[$0.name] == nil }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value { pairs.append((name, value)) }
        }
        guard !pairs.isEmpty else { return "/" }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return "/?" + pairs.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    /// Link to one classroom's JSON record.
    static func classroom(_ id: some CustomStringConvertible) -> String { "\(classrooms)/\(id)" }

    /// Every route with its method, as registered (the OpenAPI test walks this list).
    static let apiRoutes: [(method: String, path: String)] = [
        ("GET", health), ("GET", openAPI), ("GET", municipalities), ("GET", classrooms), ("GET", classroom), ("GET", suggest), ("GET", furigana),
    ]
}
