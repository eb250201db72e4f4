import Synchronization

/// What a domain's service calls after each committed change, so that everything derived from the
/// data (search snapshots, indexes, caches) is rebuilt before the write returns to its caller.
///
/// Followers run in the order they were added, and one round at a time: a round that starts after
/// a commit reads at least that commit, and two rounds never interleave, so an older rebuild can
/// never replace a newer one.
public final class ChangeFeed: Sendable {
    /// What a round follows: every row may have changed (an import, another process's commit), or only the rows
    /// with these ids (one listing saved in this process), which a follower may refresh alone.
    public enum Change: Sendable, Equatable {
        case everything
        case rows(Set<Int64>)
    }

    public typealias Follower = @Sendable (Change) async throws -> Void

    /// How long each follower took in one round, in the order they ran (for logs and benchmarks).
    public typealias Timings = [(name: String, duration: Duration)]

    private let followers = Mutex<[(name: String, body: Follower)]>([])
    private let gate = SerialGate()

    public init() {}

    /// Adds `follower` to run after every change from now on (after those added before it); `name`
    /// labels it in timings.
    public func follow(_ name: String, _ follower: @escaping Follower) {
        followers.withLock { $0.append((name, follower)) }
    }

    /// Adds a follower that rebuilds everything whatever changed.
    public func follow(_ name: String, _ follower: @escaping @Sendable () async throws -> Void) {
        follow(name) { (_: Change) in try await follower() }
    }

    /// Runs every follower once, after any round already under way. All followers run even when one
    /// throws; the first error is rethrown afterwards (the change itself is committed either way).
    @discardableResult
    public func publish(_ change: Change = .everything) async throws -> Timings {
        try await gate.run {
            var firstError: (any Error)?
            var timings: Timings = []
            let clock = ContinuousClock()
            for follower in followers.withLock({ $0 }) {
                let start = clock.now
                do { try await follower.body(change) } catch { firstError = firstError ?? error }
                timings.append((follower.name, clock.now - start))
            }
            if let firstError { throw firstError }
            return timings
        }
    }
}

/// Runs async bodies one at a time, in the order they arrive.
actor SerialGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T>(_ body: @Sendable () async throws -> sending T) async throws -> sending T {
        await enter()
        do {
            let value = try await body()
            leave()
            return value
        } catch {
            leave()
            throw error
        }
    }

    private func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
