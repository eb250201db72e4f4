import Synchronization

/// What a domain's service calls after each committed change, so that everything derived from the
/// data (search snapshots, indexes, caches) is rebuilt before the write returns to its caller.
///
/// Followers run in the order they were added, and one round at a time: a round that starts after
/// a commit reads at least that commit, and two rounds never interleave, so an older rebuild can
/// never replace a newer one.
public final class ChangeFeed: Sendable {
    public typealias Follower = @Sendable () async throws -> Void

    private let followers = Mutex<[Follower]>([])
    private let gate = SerialGate()

    public init() {}

    /// Adds `follower` to run after every change from now on (after those added before it).
    public func follow(_ follower: @escaping Follower) {
        followers.withLock { $0.append(follower) }
    }

    /// Runs every follower once, after any round already under way. All followers run even when one
    /// throws; the first error is rethrown afterwards (the change itself is committed either way).
    public func publish() async throws {
        try await gate.run {
            var firstError: (any Error)?
            for follower in followers.withLock({ $0 }) {
                do { try await follower() } catch { firstError = firstError ?? error }
            }
            if let firstError { throw firstError }
        }
    }
}

/// Runs async bodies one at a time, in the order they arrive.
actor SerialGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
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
