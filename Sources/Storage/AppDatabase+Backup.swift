import Foundation
import GRDB

/// What went wrong taking a backup, in words for the person who ran the command.
public enum BackupError: Error, Equatable, CustomStringConvertible {
    case destinationExists(String)
    case destinationIsSource(String)
    case integrityCheckFailed(String)

    public var description: String {
        switch self {
        case .destinationExists(let path): "\(path) exists already; choose a new file name (a backup never overwrites a file)."
        case .destinationIsSource(let path): "\(path) is the live database itself; choose another file."
        case .integrityCheckFailed(let result): "the copy failed SQLite's integrity check: \(result)"
        }
    }
}

extension AppDatabase {
    /// Copies the live database into a new file at `destination` with SQLite's online backup API while
    /// other connections (a running server, an import) keep reading and writing.
    ///
    /// The copy is taken in one step from one read transaction, so it holds exactly the writes
    /// committed before that transaction began, and it is written beside the destination and renamed
    /// into place only after `PRAGMA integrity_check` passes: a half-written backup never carries the
    /// final name. Returns the number of pages copied.
    @discardableResult
    public func backup(to destination: String) throws -> Int {
        let target = URL(fileURLWithPath: destination).standardizedFileURL
        if let path, URL(fileURLWithPath: path).standardizedFileURL.path == target.path {
            throw BackupError.destinationIsSource(destination)
        }
        guard !FileManager.default.fileExists(atPath: target.path) else { throw BackupError.destinationExists(destination) }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: partial) }
        var pages = 0
        do {
            let copy = try DatabaseQueue(path: partial.path)
            try writer.backup(to: copy) { progress in pages = progress.totalPageCount }
            let check = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard check == ["ok"] else { throw BackupError.integrityCheckFailed(check.joined(separator: "; ")) }
            try copy.close()
        }
        try FileManager.default.moveItem(at: partial, to: target)
        return pages
    }
}
