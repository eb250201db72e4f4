import JapaneseText
import Synchronization

/// Search keys and collation keys of the texts in the last snapshot (names, readings, organisers,
/// venues), so that the next snapshot computes keys only for texts it has not seen. A save changes one
/// classroom; without this every save would run MeCab and ICU over all ten thousand names again.
///
/// Each build reads the previous generation's keys and records only what it used, so the cache holds
/// the current directory's texts and no more. Builds run one at a time (the service's change feed);
/// the mutex only makes that safe to rely on.
final class DerivedKeyCache: Sendable {
    struct Generation {
        var keySets: [String: KeySet] = [:]
        var others: [String: [[UInt8]]] = [:]
        var sortKeys: [String: [UInt8]] = [:]
    }

    private let previous = Mutex(Generation())

    /// A builder over the last build's keys, for one snapshot build.
    func snapshotBuilder() -> Builder { Builder(previous: previous.withLock { $0 }) }

    /// Keeps what one build used, for the next.
    func keep(_ builder: Builder) {
        let used = builder.used
        previous.withLock { $0 = used }
    }

    /// Looks keys up in the previous generation, computing the missing ones; records all it hands out.
    struct Builder {
        let previous: Generation
        var used = Generation()

        /// The script and romaji keys of one text (see ``KeySet/add(_:)``).
        mutating func keySet(_ text: String) -> KeySet {
            remembered(\.keySets, text) { text in
                var keys = KeySet()
                keys.add(text)
                return keys
            }
        }

        /// The script keys of an organiser or venue name, as written and as read.
        mutating func otherKeys(_ text: String) -> [[UInt8]] {
            remembered(\.others, text) { text in
                let keys = [SearchFold.scriptKey(text, readingsFrom: nil), SearchFold.scriptKey(text)].map { Array($0.utf8) }
                return keys[0] == keys[1] ? [keys[0]] : keys
            }
        }

        /// The `ja` collation key of a reading.
        mutating func sortKey(_ reading: String) -> [UInt8] {
            remembered(\.sortKeys, reading) { JapaneseCollator.shared.sortKey($0) }
        }

        /// The value of `text` in `table`: this build's, else the last build's, else computed; recorded as used.
        private mutating func remembered<Value>(_ table: WritableKeyPath<Generation, [String: Value]>, _ text: String, _ compute: (String) -> Value) -> Value {
            let value = used[keyPath: table][text] ?? previous[keyPath: table][text] ?? compute(text)
            used[keyPath: table][text] = value
            return value
        }
    }
}
