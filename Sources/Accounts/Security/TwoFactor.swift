import Foundation
import HummingbirdOTP

/// Time-based one-time codes (RFC 6238, as authenticator apps use them) through HummingbirdOTP.
public enum TwoFactor {
    /// A new shared secret: 32 characters of the Base32 alphabet (160 bits), whose bytes are the HMAC key.
    public static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The `otpauth://` link an authenticator app reads (as a QR code or pasted), and the key to type by hand.
    public static func enrolment(secret: String, account: String) -> (url: String, key: String) {
        let url = TOTP(secret: secret).createAuthenticatorURL(label: account, issuer: "Manabi")
        let key = URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        return (url, key)
    }

    /// The 30-second step a code was made in, when `code` matches the step before, at or after `date`
    /// (clocks on phones drift); nil otherwise.
    public static func matchingStep(_ code: String, secret: String, at date: Date) -> Int64? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6, let value = Int(digits) else { return nil }
        let totp = TOTP(secret: secret)
        let step = Int64(date.timeIntervalSince1970 / 30)
        for offset in [Int64(0), -1, 1] where totp.compute(date: Date(timeIntervalSince1970: TimeInterval((step + offset) * 30))) == value {
            return step + offset
        }
        return nil
    }
}
