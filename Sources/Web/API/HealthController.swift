import Classroom
import Hummingbird

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
struct HealthController {
    let database: AppDatabase

    var routes: RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        routes.get("healthz", use: health)
        return routes
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
