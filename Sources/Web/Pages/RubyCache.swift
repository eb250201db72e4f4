import Synchronization

/// Furigana HTML of data text (classroom and place names) already rendered, so that a Japanese page
/// does not run MeCab again for the twenty names it shows on every request.
///
/// Entries belong to one version of the furigana engine's gazetteer: when a save changes the
/// gazetteer (a new classroom name and its reading), the next lookup sees a new version and starts
/// over, so a name is never shown with a reading from before the change. Bounded as well: at
/// `capacity` texts it starts over, which keeps memory flat whatever text arrives.
final class RubyCache: Sendable {
    private let state = Mutex<(version: Int, entries: [String: String])>((0, [:]))
    let capacity: Int

    init(capacity: Int = 8192) {
        self.capacity = capacity
    }

    /// The cached HTML of `text` under gazetteer `version`, or `render(text)` remembered. Read the
    /// version before rendering: a render that raced a newer gazetteer is then filed under the older
    /// version and dropped at the next lookup.
    func html(_ text: String, version: Int, render: (String) -> String) -> String {
        if let hit = state.withLock({ $0.version == version ? $0.entries[text] : nil }) { return hit }
        let html = render(text)
        state.withLock { state in
            if state.version != version {
                // Only move forward: a slow request holding an old version must not wipe newer entries.
                guard version > state.version else { return }
                state = (version, [:])
            }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[text] = html
        }
        return html
    }

    var count: Int { state.withLock { $0.entries.count } }
}
