import Classroom
import Foundation
import Hummingbird

/// A path segment that is either the route's parameter (when registering: `:id`) or a value (when
/// linking: `42`), so one case of ``SiteURL`` serves both and the two can never drift apart.
enum PathParameter<Value: CustomStringConvertible & Sendable>: Sendable {
    case key
    case value(Value)

    func segment(_ name: String) -> String {
        switch self {
        case .key: ":\(name)"
        case .value(let value): SiteURL.encode(value.description)
        }
    }
}

/// Every path the site serves. The router registers each route from its `.key` form, and pages,
/// calendars, suggestions and redirects build every link from its `.value` form.
enum SiteURL: Sendable {
    case search
    case classroom(PathParameter<Classroom.ID>)
    case classroomCalendar(PathParameter<Classroom.ID>)
    /// "Report a problem with this listing".
    case classroomReport(PathParameter<Classroom.ID>)
    case municipalityCalendar(PathParameter<Municipality.Code>)
    case asset(PathParameter<String>)
    case health
    case openAPI
    case api(API)

    /// The JSON API under `/api/v1`.
    enum API: Sendable {
        case municipalities
        case classrooms
        case classroom(PathParameter<Classroom.ID>)
        case suggest
        case furigana
    }

    /// Route parameter names, as handlers read them from `context.parameters`.
    enum Parameter {
        static let id = "id"
        static let code = "code"
        static let name = "name"
    }

    static let apiRoot = "/api/v1"

    var path: String {
        switch self {
        case .search: "/"
        case .classroom(let id): "/classrooms/\(id.segment(Parameter.id))"
        case .classroomCalendar(let id): "/classrooms/\(id.segment(Parameter.id))/calendar.ics"
        case .classroomReport(let id): "/classrooms/\(id.segment(Parameter.id))/report"
        case .municipalityCalendar(let code): "/municipalities/\(code.segment(Parameter.code))/calendar.ics"
        case .asset(let name): "/static/\(name.segment(Parameter.name))"
        case .health: "/healthz"
        case .openAPI: "/openapi.json"
        case .api(.municipalities): "\(Self.apiRoot)/municipalities"
        case .api(.classrooms): "\(Self.apiRoot)/classrooms"
        case .api(.classroom(let id)): "\(Self.apiRoot)/classrooms/\(id.segment(Parameter.id))"
        case .api(.suggest): "\(Self.apiRoot)/suggest"
        case .api(.furigana): "\(Self.apiRoot)/furigana"
        }
    }

    /// The path as the router registers it.
    var route: RouterPath { RouterPath(path) }

    /// A link with query parameters (in the order given; nil values left out), percent-encoded.
    func url(_ query: [(String, String?)] = []) -> String {
        let pairs = query.compactMap { name, value in value.map { "\(Self.encode(name))=\(Self.encode($0))" } }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// This path with the current request's parameters, some changed (a nil value removes one); the
    /// changed ones go last in name order, so the same change always gives the same link.
    func url(keeping parameters: QueryParameters, changing changes: [String: String?]) -> String {
        let kept: [(String, String?)] = parameters.pairs.filter { changes[$0.name] == nil }.map { ($0.name, $0.value) }
        return url(kept + changes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// RFC 3986's unreserved characters (ASCII only: `CharacterSet.alphanumerics` would let kanji through raw).
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ text: String) -> String {
        // Most values (language codes, ids, page numbers, ward codes) need no escaping: skip Foundation then.
        let plain = text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
        }
        return plain ? text : text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
