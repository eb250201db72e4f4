import Synchronization

/// Furigana HTML of data text (classroom and place names) already rendered, so that a Japanese page
/// does not run MeCab again for the twenty names it shows on every request.
///
/// Bounded: when it holds `capacity` texts it starts over, which costs one MeCab pass per name and keeps
/// memory flat whatever text arrives. Readings only change with a new furigana engine, i.e. a restart.
final class RubyCache: Sendable {
    private let entries = Mutex<[String: String]>([:])
    let capacity: Int

    init(capacity: Int = 8192) {
        self.capacity = capacity
    }

    /// The cached HTML of `text`, or `render(text)` remembered.
    func html(_ text: String, render: (String) -> String) -> String {
        if let hit = entries.withLock({ $0[text] }) { return hit }
        let html = render(text)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[text] = html
        }
        return html
    }

    var count: Int { entries.withLock { $0.count } }
}
