import Classroom
import Synchronization

/// Recently sent search responses, keyed by the parsed query, the directory's generation and the
/// Tokyo minute. A search box sends the same few queries again and again; answering those from memory
/// keeps the server responsive under load. An entry can never be stale: a change to the directory
/// changes the generation, and `next_session` only moves when the minute does.
final class SearchResponseCache: Sendable {
    struct Key: Hashable {
        var query: ClassroomQuery
        var generation: Int
        var minute: Int
    }

    private let entries = Mutex<[Key: [UInt8]]>([:])
    let capacity: Int

    /// `capacity` 0 turns the cache off.
    init(capacity: Int) {
        self.capacity = capacity
    }

    func response(for key: Key, orMake make: () throws -> [UInt8]) rethrows -> [UInt8] {
        guard capacity > 0 else { return try make() }
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let bytes = try make()
        entries.withLock { entries in
            // Bounded memory without bookkeeping: start afresh when full (old minutes go with it).
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = bytes
        }
        return bytes
    }
}
