import Crypto
import Foundation
import HummingbirdBcrypt

/// Passwords as NIST SP 800-63B asks: at least 12 characters, any characters at all, no composition rules,
/// and refused when it is a commonly used password or the account's own address.
public enum PasswordPolicy {
    public static let minimumLength = 12
    /// Long passphrases are welcome; the limit only stops someone posting megabytes at the hasher.
    public static let maximumLength = 256

    /// Why a password was refused.
    public enum Problem: String, Error, Sendable {
        case tooShort = "too_short"
        case tooLong = "too_long"
        case common
        case sameAsEmail = "same_as_email"
    }

    /// The password as compared and hashed: Unicode NFKC, as SP 800-63B recommends, so the same passphrase
    /// typed on two keyboards is the same password.
    /// (Foundation's compatibility mapping on Linux leaves sound marks decomposed, so composing canonically after
    /// it is what makes ｺﾞ and ゴ the same.)
    static func normalised(_ password: String) -> String { password.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping }

    public static func check(_ password: String, email: String?) -> Problem? {
        let text = normalised(password)
        if text.count < minimumLength { return .tooShort }
        if text.count > maximumLength { return .tooLong }
        let lowered = text.lowercased()
        if common.contains(lowered) { return .common }
        if let email, lowered == email.lowercased() || lowered == email.lowercased().split(separator: "@").first.map(String.init) { return .sameAsEmail }
        return nil
    }

    /// The list shipped in the bundle (see the file's header for its source).
    static let common: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.lowercased() })
    }()

    /// bcrypt reads at most 72 bytes, so a long passphrase (or 25 kanji) would be cut short. Hashing it
    /// first with SHA-256 and handing bcrypt the Base64 text (44 bytes) keeps every character significant.
    static func prehashed(_ password: String) -> String {
        Data(SHA256.hash(data: Data(normalised(password).utf8))).base64EncodedString()
    }

    public static func hash(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(prehashed(password), cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(prehashed(password), hash: hash)
    }
}
