import Logging

/// What `buildApplication` needs from the command line or a test.
public protocol AppArguments: Sendable {
    var hostname: String { get }
    var port: Int { get }
    /// Path of the SQLite database file.
    var databasePath: String { get }
    var logLevel: Logger.Level? { get }
}
