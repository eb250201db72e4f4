import Hummingbird
import Storage

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
struct HealthController {
    let database: AppDatabase

    func register(on routes: some RouterMethods<AppRequestContext>) {
        routes.get(SiteURL.health.route, use: health)
    }

    struct Health: Encodable {
        var status: String
        var database: String
    }

    /// Checks the database with a trivial query.
    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reachable = await database.isReachable()
        return try JSON.response(
            Health(status: reachable ? "ok" : "unavailable", database: reachable ? "reachable" : "unreachable"),
            status: reachable ? .ok : .serviceUnavailable
        )
    }
}
