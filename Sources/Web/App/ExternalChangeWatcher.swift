import Logging
import ServiceLifecycle

/// Runs beside the HTTP server (a service of the application's service group) and keeps it serving
/// what other processes write to the database, within a second or so of their commit.
struct ExternalChangeWatcher: Service {
    let services: AppServices
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await services.followExternalChanges(
                every: interval,
                onReload: { logger.info("reloaded after another process wrote", metadata: ["generation": "\(services.directory.generation)"]) },
                onError: { error in
                    logger.error("could not reload after another process wrote", metadata: ["error": .string(String(reflecting: error))])
                }
            )
        }
    }
}
