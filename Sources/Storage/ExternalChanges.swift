import GRDB

extension AppDatabase {
    /// A counter that changes whenever a *different* connection (another process such as
    /// `manabi import`, or another pool) commits to the file.
    ///
    /// It is SQLite's `PRAGMA data_version`, asked on the pool's single writer connection: writes
    /// made through this pool do not change it (they are this connection's own), and reader
    /// connections never write, so a change means somebody else wrote. Each connection has its own
    /// counter, which is why it is always asked on the writer and never on a pooled reader.
    public func externalDataVersion() async throws -> Int {
        try await writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// Calls `onChange` each time another connection has committed, checking every `interval` until
    /// the task is cancelled. A failed check (the file briefly locked) is retried at the next tick.
    public func watchExternalChanges(every interval: Duration, onChange: @Sendable () async -> Void) async {
        var last = try? await externalDataVersion()
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            guard let version = try? await externalDataVersion() else { continue }
            if let previous = last, previous != version { await onChange() }
            last = version
        }
    }
}
