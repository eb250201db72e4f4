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
