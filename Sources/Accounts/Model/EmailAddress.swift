import Foundation

/// An e-mail address as accounts store it: trimmed and lower-cased, so that sign-in and invitations
/// match however it was typed. Deliberately loose (one `@`, a dot in the domain, no spaces or controls):
/// the one-time link proves the address works.
public enum EmailAddress {
    public static func normalise(_ text: String) -> String? {
        let address = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !address.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0 == "<" || $0 == ">" || $0 == "," })
        else { return nil }
        return address
    }
}
