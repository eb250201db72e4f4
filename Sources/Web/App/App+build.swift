import Accounts
import Classroom
import Foundation
import Hummingbird
import HummingbirdAuth
import JapaneseText
import Logging
import Storage

/// Where the seed files come from when the server starts.
public struct SeedSource: Sendable {
    public var folder: URL
    /// Named on the command line: a missing file is then an error even when the database is seeded already.
    public var explicit: Bool

    public init(folder: URL, explicit: Bool) {
        self.folder = folder
        self.explicit = explicit
    }
}

/// Why the server cannot start, in words for the person starting it.
public struct StartupError: Error, CustomStringConvertible {
    public var description: String
}

/// Builds the application: opens and migrates the database, seeds it from `seed` (the municipalities
/// always, the samples into an empty directory), and wires the router and the watcher that serves
/// other processes' writes.
///
/// A database that holds its municipalities already starts without seed files when they were not asked
/// for by name, so `manabi serve --db FILE` works from any folder.
public func buildApplication(_ arguments: some AppArguments, seed: SeedSource? = nil) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "manabi")
    logger.logLevel = arguments.logLevel ?? .info
    let database = try ManabiSchema.open(path: arguments.databasePath)
    if let seed {
        // Seeded before the directory is first built, so the start builds it once.
        let classrooms = ClassroomService(database: database)
        do {
            let outcome = try await classrooms.seed(from: seed.folder, by: .system)
            logger.info("seeded", metadata: ["municipalities": "\(outcome.municipalities)", "sample_classrooms": "\(outcome.sampleClassrooms)"])
        } catch let missing as SeedFileMissing {
            guard !seed.explicit, try await !classrooms.municipalities().isEmpty else {
                throw StartupError(description: """
                    Cannot seed \(arguments.databasePath): \(missing.file) was not found in \(missing.folder).
                    Pass --seed-dir with the folder that holds municipalities.csv (the repository's seed/), or start from the repository root.
                    """)
            }
            logger.notice("no seed folder here; serving the database as it is", metadata: ["looked_in": .string(missing.folder)])
        }
    }
    let freshness: FreshnessPolicy
    switch FreshnessPolicy.from(environment: ProcessInfo.processInfo.environment) {
    case .success(let policy): freshness = policy
    case .failure(let problem): throw StartupError(description: "Cannot start: \(problem).")
    }
    let services = try await AppServices(database: database, work: .fromEnvironment(host: arguments.hostname, port: arguments.port), freshness: freshness)
    if try await services.accounts.count() == 0 {
        logger.notice("no accounts yet: create the first admin with  manabi user create --role admin --email ADDRESS --db \(arguments.databasePath)")
    }
    let built = try await buildRouterAndWork(services)
    let router = built.router
    let url = "http://\(arguments.hostname):\(arguments.port)/"
    let startupLogger = logger
    return Application(
        router: router,
        configuration: .init(address: .hostname(arguments.hostname, port: arguments.port), serverName: "Manabi"),
        services: [
            ExternalChangeWatcher(services: services, interval: .milliseconds(500), logger: logger),
            FreshnessReminderService(work: built.work, interval: .seconds(3600), logger: logger),
        ],
        onServerRunning: { _ in startupLogger.notice("Manabi is serving on \(url)") },
        logger: logger
    )
}

/// The router with every route, and the list of routes it has (for the OpenAPI check).
public func buildRouter(_ services: AppServices) async throws -> (router: Router<AppRequestContext>, routes: [(method: String, path: String)]) {
    let built = try await buildRouterAndWork(services)
    return (built.router, built.routes)
}

/// The router, its routes, and what the signed-in area's pages share (the background jobs use it too).
func buildRouterAndWork(_ services: AppServices) async throws -> (router: Router<AppRequestContext>, routes: [(method: String, path: String)], work: WorkServices) {
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware())
    // Everything outside the API (pages, and paths nobody serves) answers errors with a page in the
    // learner's language rather than a problem document.
    let renderer = try await PageRenderer(furigana: services.furigana)
    router.add(middleware: ErrorPageMiddleware(renderer: renderer))
    let pages = RouteRecorder(router)
    SearchPageController(directory: services.directory, renderer: renderer).register(on: pages)
    ClassroomPageController(directory: services.directory, renderer: renderer).register(on: pages)
    pages.get(SiteURL.asset(.key).route, use: renderer.assets.asset)
    let work = registerWork(on: router, services: services, renderer: renderer)
    ReportController(directory: services.directory, renderer: renderer, work: work).register(on: pages)
    pages.answerOtherMethodsNotAllowed()
    let routes = RouteRecorder(router)
    HealthController(database: services.database).register(on: routes)
    // Names the search accepts for a language, as the catalogue spells them, where exactly one language answers.
    let languageNames = Set(SupportLanguage.catalog.flatMap { [$0.english, $0.japanese] + $0.endonyms }).filter { services.directory.language(named: $0) != nil }
    let municipalityCodes = try services.directory.municipalities().map(\.municipality.code.rawValue).sorted()
    let openAPI = OpenAPIDocument.json(municipalityCodes: municipalityCodes, languageNames: languageNames.sorted())
    routes.get(SiteURL.openAPI.route) { _, _ -> Response in
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
    }
    DirectoryAPIController(directory: services.directory).register(on: routes)
    ClassroomAPIController(directory: services.directory, cache: SearchResponseCache(capacity: services.searchCacheCapacity)).register(on: routes)
    TextAPIController(furigana: services.furigana).register(on: routes)
    CalendarController(directory: services.directory).register(on: routes)
    routes.answerOtherMethodsNotAllowed()
    // The write API: its own group, so only these routes take (and require) a bearer token.
    let writes = RouteRecorder(router, through: router.group().add(middleware: APITokenAuthenticator(accounts: services.accounts)))
    ListingAPIController(classrooms: services.classrooms, municipalityCodes: municipalityCodes).register(on: writes)
    writes.answerOtherMethodsNotAllowed()
    return (router, (routes.routes + writes.routes).map { ($0.method.rawValue, $0.path) }, work)
}

/// The signed-in area: sessions from the database, the account, the CSRF check and, per route group, who
/// may enter (hummingbird-auth's role policies, and the listing rules for groups acting on one listing).
@discardableResult
func registerWork(on router: Router<AppRequestContext>, services: AppServices, renderer: PageRenderer) -> WorkServices {
    let settings = services.work
    let store = DatabaseSessionStore(accounts: services.accounts, lifetime: settings.absoluteLifetime)
    let work = WorkServices(
        accounts: services.accounts, classrooms: services.classrooms, pages: WorkPages(renderer: renderer), settings: settings, sessions: store,
        database: services.database, freshness: services.directory.freshness, reports: services.reports
    )
    let cookie = SessionCookieParameters(name: WorkSettings.sessionCookie, path: "/", secure: settings.secureCookies, sameSite: .lax)
    let area = router.group()
        .add(middleware: SessionMiddleware(storage: store, configuration: .init(sessionCookieParameters: cookie, defaultSessionExpiration: settings.absoluteLifetime)))
        .add(middleware: AccountAuthenticator(accounts: services.accounts, settings: settings))
        .add(middleware: CSRFMiddleware(settings: settings))
    let signIn = SignInController(work: work)
    signIn.registerPublic(on: area)
    let signedIn = area.group().add(middleware: SignInRedirectMiddleware())
    signIn.registerAccount(on: signedIn)

    let teach = signedIn.group("teach").add(middleware: AuthorizationPolicyMiddleware(RolePolicy<Account>(.teacher), context: AppRequestContext.self))
    let teachListing = teach.group("classrooms/{id}").add(middleware: ListingAccessMiddleware(classrooms: services.classrooms, rule: .organiser))
    TeachController(work: work, directory: services.directory).register(on: teach, listing: teachListing)

    let staff = signedIn.group("staff").add(middleware: AuthorizationPolicyMiddleware(RolePolicy<Account>(.staff), context: AppRequestContext.self))
    let staffListing = staff.group("classrooms/{id}").add(middleware: ListingAccessMiddleware(classrooms: services.classrooms, rule: .municipality))
    let staffPages = StaffController(work: work)
    staffPages.register(on: staff, listing: staffListing)

    let admin = signedIn.group("admin").add(middleware: AuthorizationPolicyMiddleware(RolePolicy<Account>(.admin), context: AppRequestContext.self))
    staffPages.registerAdmin(on: admin)
    return work
}
