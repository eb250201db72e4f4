import Classroom
import Foundation
import Hummingbird
import JapaneseText
import Logging

/// Everything the routes need, built once per process.
public struct AppServices: Sendable {
    public let database: AppDatabase
    public let directory: ClassroomDirectory
    public let furigana: FuriganaEngine
    /// How many search responses to keep (0: none); env `MANABI_SEARCH_CACHE`.
    public var searchCacheCapacity = Int(ProcessInfo.processInfo.environment["MANABI_SEARCH_CACHE"] ?? "") ?? 1024

    /// Opens the directory over `database` and builds the furigana engine with the directory's place and classroom names.
    public init(database: AppDatabase) async throws {
        self.database = database
        directory = try await ClassroomDirectory(store: ClassroomStore(database: database))
        furigana = try FuriganaEngine(gazetteer: Gazetteer(entries: directory.knownReadings()))
    }
}

/// Builds the application: opens and migrates the database, seeds it on first start when `seedDirectory` is given, and wires the router.
public func buildApplication(_ arguments: some AppArguments, seedDirectory: URL? = nil) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "manabi")
    logger.logLevel = arguments.logLevel ?? .info
    let database = try AppDatabase.open(path: arguments.databasePath)
    if let seedDirectory {
        let outcome = try await Seeder(directory: seedDirectory).seed(into: ClassroomStore(database: database))
        logger.info("seeded", metadata: ["municipalities": "\(outcome.municipalities)", "sample_classrooms": "\(outcome.sampleClassrooms)"])
    }
    let services = try await AppServices(database: database)
    let router = try await buildRouter(services).router
    let url = "http://\(arguments.hostname):\(arguments.port)/"
    let startupLogger = logger
    return Application(
        router: router,
        configuration: .init(address: .hostname(arguments.hostname, port: arguments.port), serverName: "Manabi"),
        onServerRunning: { _ in startupLogger.notice("Manabi is serving on \(url)") },
        logger: logger
    )
}

/// The router with every route, and the list of routes it has (for the OpenAPI check).
public func buildRouter(_ services: AppServices) async throws -> (router: Router<AppRequestContext>, routes: [(method: String, path: String)]) {
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware())
    // Everything outside the API (pages, and paths nobody serves) answers errors with a page in the
    // learner's language rather than a problem document.
    let renderer = try await PageRenderer(furigana: services.furigana)
    router.add(middleware: ErrorPageMiddleware(renderer: renderer))
    let pages = RouteRecorder(router)
    pages.get("/", use: SearchPageController(directory: services.directory, renderer: renderer).search)
    pages.get("classrooms/:id", use: ClassroomPageController(directory: services.directory, renderer: renderer).show)
    pages.get("static/:name", use: renderer.assets.asset)
    pages.answerOtherMethodsNotAllowed()
    let routes = RouteRecorder(router)
    routes.addRoutes(HealthController(database: services.database).routes)
    routes.get("openapi.json") { _, _ -> Response in
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json)))
    }
    routes.addRoutes(DirectoryAPIController(directory: services.directory).routes, atPath: "/api/v1")
    routes.addRoutes(ClassroomAPIController(directory: services.directory, cache: SearchResponseCache(capacity: services.searchCacheCapacity)).routes, atPath: "/api/v1/classrooms")
    routes.addRoutes(TextAPIController(furigana: services.furigana).routes, atPath: "/api/v1")
    CalendarController(directory: services.directory).register(on: routes)
    routes.answerOtherMethodsNotAllowed()
    return (router, routes.routes.map { ($0.method.rawValue, $0.path) })
}
