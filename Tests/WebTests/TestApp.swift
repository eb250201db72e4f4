import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import Web

/// The real router over a freshly seeded SQLite file, driven in process.
struct TestApp {
    let database: TestDatabase
    let services: AppServices
    let routes: [(method: String, path: String)]
    let app: Application<RouterResponder<AppRequestContext>>

    static func seeded() async throws -> TestApp {
        let database = try await TestDatabase.seeded()
        let services = try await AppServices(database: database.database)
        let built = try await buildRouter(services)
        return TestApp(database: database, services: services, routes: built.routes, app: Application(router: built.router))
    }

    /// GETs `uri` and hands back status, headers and body.
    func get(_ uri: String, method: HTTPRequest.Method = .get) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: Data) {
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: method) { response in
                (response.status, response.headers, Data(buffer: response.body))
            }
        }
    }

    /// GETs a page (or any text) with `headers`, and hands back status, headers and text.
    func page(_ uri: String, headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, text: String) {
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                (response.status, response.headers, String(buffer: response.body))
            }
        }
    }

    /// GETs `uri` expecting 200 and decodes the JSON body.
    func json(_ uri: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await get(uri)
        #expect(response.status == .ok, "\(uri): \(String(decoding: response.body, as: UTF8.self))", sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
    }

    /// GETs `uri` expecting a problem document with `status`.
    func problem(_ uri: String, status: HTTPResponse.Status = .badRequest, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await get(uri)
        #expect(response.status == status, "\(uri)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let body = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        for key in ["type", "title", "status", "detail"] { #expect(body[key] != nil, "missing \(key)", sourceLocation: sourceLocation) }
        #expect(body["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        return body
    }
}

extension Dictionary where Key == String, Value == Any {
    var items: [[String: Any]] { self["items"] as? [[String: Any]] ?? [] }
}

/// Percent-encodes a query value.
func enc(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
}
