/// Every search key of municipalities, languages and classroom names in one sorted array, so that
/// "keys starting with what the learner has typed so far" is two binary searches, fast enough for every keystroke.
struct PrefixIndex: Sendable {
    enum Target: Sendable, Hashable {
        case municipality(Municipality.Code)
        case language(Int)
        case classroom(Int)

        var rank: Int {
            switch self {
            case .municipality: 0
            case .language: 1
            case .classroom: 2
            }
        }
    }

    private let keys: [[UInt8]]
    private let targets: [Target]

    init(municipalityKeys: [Municipality.Code: KeySet], languages: [(language: SupportLanguage, keys: KeySet)], entries: [DirectorySnapshot.Entry]) {
        var pairs: [([UInt8], Target)] = []
        for (code, keys) in municipalityKeys { pairs += keys.all.map { ($0, .municipality(code)) } }
        for (index, language) in languages.enumerated() { pairs += language.keys.all.map { ($0, .language(index)) } }
        for (index, entry) in entries.enumerated() { pairs += entry.nameKeys.all.map { ($0, .classroom(index)) } }
        pairs.sort { $0.0.lexicographicallyPrecedes($1.0) }
        keys = pairs.map(\.0)
        targets = pairs.map(\.1)
    }

    /// Targets with a key that starts with `prefix`, exact matches first, each target once, at most `limit`
    /// per kind of target (the caller merges kinds).
    func targets(withPrefix prefix: [UInt8], limit: Int, where included: (Target) -> Bool = { _ in true }) -> [(target: Target, exact: Bool)] {
        guard !prefix.isEmpty else { return [] }
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid].lexicographicallyPrecedes(prefix) { low = mid + 1 } else { high = mid }
        }
        var found: [Target: Bool] = [:]
        var order: [Target] = []
        var perKind: [Int: Int] = [:]
        var index = low
        while index < keys.count, keys[index].starts(with: prefix) {
            let target = targets[index]
            let exact = keys[index].count == prefix.count
            if !included(target) {
                // Left out before counting, so the limit still fills with targets that are shown.
            } else if let seen = found[target] {
                if exact && !seen { found[target] = true }
            } else if perKind[target.rank, default: 0] < limit {
                found[target] = exact
                order.append(target)
                perKind[target.rank, default: 0] += 1
            }
            index += 1
        }
        return order.map { ($0, found[$0]!) }
    }
}
