/// A header that lists choices with weights (RFC 9110 §12.4.2), such as `Accept-Language: ne-NP, ne;q=0.9,
/// en;q=0.5` or `Accept-Encoding: gzip;q=0`: the choices the client accepts, most wanted first.
struct QualityList {
    /// Accepted choices (weight above zero), lower-cased, ordered by weight; equal weights keep the header's order.
    let choices: [String]

    init(_ header: String?) {
        var weighted: [(choice: String, weight: Double, position: Int)] = []
        for (position, part) in (header ?? "").split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let choice = pieces.first?.lowercased(), !choice.isEmpty else { continue }
            var weight = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                // A weight that does not parse counts as not acceptable rather than as the default 1.
                if pair.count == 2, pair[0].lowercased() == "q" { weight = Double(pair[1]).map { min(max($0, 0), 1) } ?? 0 }
            }
            if weight > 0 { weighted.append((choice, weight, position)) }
        }
        choices = weighted.sorted { ($0.weight, -$0.position) > ($1.weight, -$1.position) }.map(\.choice)
    }

    /// Whether `choice` (lower-case) or `*` is accepted.
    func accepts(_ choice: String) -> Bool { choices.contains(choice) || choices.contains("*") }
}
