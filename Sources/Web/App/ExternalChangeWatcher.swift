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
                onReload: { timings in
                    var metadata: Logger.Metadata = ["generation": "\(services.directory.generation)"]
                    for (name, duration) in timings { metadata[name] = "\(Int((duration / .milliseconds(1)).rounded())) ms" }
                    logger.info("reloaded after another process wrote", metadata: metadata)
                },
                onError: { error in
                    logger.error("could not reload after another process wrote", metadata: ["error": .string(String(reflecting: error))])
                }
            )
        }
    }
}
