import Foundation
import Testing

@Suite("OpenAPI document and health")
struct OpenAPITests {
    @Test func everyRouteTheRouterHasIsDocumented() async throws {
        let app = try await TestApp.seeded()
        let document = try await app.json("/openapi.json")
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        #expect(!app.routes.isEmpty)
        for route in app.routes {
            let template = route.path.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            let operations = paths[template]
            #expect(operations?[route.method.lowercased()] != nil, "\(route.method) \(route.path) is not in /openapi.json")
        }
        #expect(paths.count == Set(app.routes.map(\.path)).count, "the document describes routes the router does not have")
    }

    @Test func healthAnswersWhenTheDatabaseDoes() async throws {
        let app = try await TestApp.seeded()
        let body = try await app.json("/healthz")
        #expect(body["status"] as? String == "ok")
    }
}

@Suite("OpenAPI: the write API's security and closed bodies")
struct WriteAPIDocumentTests {
    /// Every object in a request body schema, however deep, refuses undeclared members.
    static func objectsAreClosed(_ schema: Any, at path: String = "") -> [String] {
        var open: [String] = []
        if let object = schema as? [String: Any] {
            if object["type"] as? String == "object", object["additionalProperties"] as? Bool != false { open.append(path) }
            for (key, value) in object { open += objectsAreClosed(value, at: path + "/" + key) }
        } else if let array = schema as? [Any] {
            for (index, value) in array.enumerated() { open += objectsAreClosed(value, at: path + "/\(index)") }
        }
        return open
    }

    @Test func everyWriteRouteNeedsATokenAndTakesOnlyDeclaredFields() async throws {
        let app = try await TestApp.seeded()
        let document = try await app.json("/openapi.json")
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: [String: Any]]
        #expect(schemes?["bearerToken"]?["scheme"] as? String == "bearer")
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let writes = paths.filter { $0.key.hasPrefix("/api/v1/listings") }
        #expect(writes.count == 9)
        var bodies = 0
        for (path, operations) in writes {
            for (method, operation) in operations {
                let security = operation["security"] as? [[String: Any]]
                #expect(security?.first?["bearerToken"] != nil, "\(method) \(path) declares no security")
                let responses = operation["responses"] as? [String: Any] ?? [:]
                #expect(responses["401"] != nil, "\(method) \(path) does not document 401")
                if let body = (operation["requestBody"] as? [String: Any])?["content"] as? [String: Any] {
                    bodies += 1
                    #expect(Self.objectsAreClosed(body).isEmpty, "\(method) \(path): open objects at \(Self.objectsAreClosed(body))")
                    #expect(responses["422"] != nil && responses["415"] != nil && responses["413"] != nil, "\(method) \(path)")
                }
            }
        }
        #expect(bodies == 8)
        // Read routes stay open: no security on the public directory.
        #expect(paths["/api/v1/classrooms"]?["get"]?["security"] == nil)
    }
}
