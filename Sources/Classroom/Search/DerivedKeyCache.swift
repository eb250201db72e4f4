import JapaneseText
import Synchronization

/// Search keys and collation keys of the texts in the last snapshot (names, readings, organisers,
/// venues), so that the next snapshot computes keys only for texts it has not seen. A save changes one
/// classroom; without this every save would run MeCab and ICU over all ten thousand names again.
///
/// Each build reads the previous build's keys and keeps only what it used, so the cache holds the
/// current directory's texts and no more. Builds run one at a time (the service's change feed); the
/// mutex only makes that safe to rely on.
final class DerivedKeyCache: Sendable {
    private let previous = Mutex(Builder())

    /// A builder over the last build's keys, for one snapshot build.
    func snapshotBuilder() -> Builder { previous.withLock { $0.next() } }

    /// Keeps what one build used, for the next.
    func keep(_ builder: Builder) {
        previous.withLock { $0 = builder }
    }

    /// Looks keys up in the previous build, computing the missing ones; records all it hands out.
    struct Builder: Sendable {
        private var keySets = Memo<KeySet>()
        private var others = Memo<[[UInt8]]>()
        private var sortKeys = Memo<[UInt8]>()

        /// A builder that starts empty and falls back on what this one used.
        func next() -> Builder {
            var next = Builder()
            next.keySets = keySets.next()
            next.others = others.next()
            next.sortKeys = sortKeys.next()
            return next
        }

        /// The script and romaji keys of one text (see ``KeySet/add(_:)``).
        mutating func keySet(_ text: String) -> KeySet {
            keySets.value(for: text) { text in
                var keys = KeySet()
                keys.add(text)
                return keys
            }
        }

        /// The script keys of an organiser or venue name, as written and as read.
        mutating func otherKeys(_ text: String) -> [[UInt8]] {
            others.value(for: text) { text in
                let keys = [SearchFold.scriptKey(text, readingsFrom: nil), SearchFold.scriptKey(text)].map { Array($0.utf8) }
                return keys[0] == keys[1] ? [keys[0]] : keys
            }
        }

        /// The `ja` collation key of a reading.
        mutating func sortKey(_ reading: String) -> [UInt8] {
            sortKeys.value(for: reading) { JapaneseCollator.shared.sortKey($0) }
        }
    }

    /// Values by text: this build's, else the last build's, else computed; every value handed out is kept.
    struct Memo<Value: Sendable>: Sendable {
        private var previous: [String: Value] = [:]
        private var used: [String: Value] = [:]

        func next() -> Memo {
            var next = Memo()
            next.previous = used
            return next
        }

        mutating func value(for text: String, compute: (String) -> Value) -> Value {
            if let known = used[text] { return known }
            let value = previous[text] ?? compute(text)
            used[text] = value
            return value
        }
    }
}
