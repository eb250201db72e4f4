import Accounts
import Foundation
import Testing

@Suite("Password policy: NIST SP 800-63B lengths, common passwords, NFKC and the SHA-256 pre-hash")
struct PasswordPolicyTests {
    /// The shipped list, read from the source tree (the bundle is the Accounts module's own).
    static let commonPasswords: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Accounts/Resources/common-passwords.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }()

    // MARK: - Length

    @Test func elevenCharactersAreRefused() {
        #expect(PasswordPolicy.check("abcdefghijk", email: nil) == .tooShort)
        #expect(PasswordPolicy.check("", email: nil) == .tooShort)
    }

    @Test func twelveCharactersAreAccepted() {
        #expect(PasswordPolicy.check("abcdefghijkl", email: nil) == nil)
        #expect(PasswordPolicy.check("abcdefghijkl", email: "tanaka@example.org") == nil)
    }

    @Test func lengthCountsCharactersNotBytes() {
        // 11 kanji are 33 bytes of UTF-8 but still 11 characters; 12 kanji are enough.
        #expect(PasswordPolicy.check("日本語教室で日本語を学", email: nil) == .tooShort)
        #expect(PasswordPolicy.check("日本語教室で日本語を学ぶ", email: nil) == nil)
        // A flag emoji is one character made of two scalars.
        #expect(PasswordPolicy.check(String(repeating: "🇯🇵", count: 11), email: nil) == .tooShort)
    }

    @Test func anyCharactersAreAllowedWithoutCompositionRules() {
        for password in ["alllowercaseletters", "            x", "パスワードはひらがなとカタカナ", "1234567890987654321x"] {
            #expect(PasswordPolicy.check(password, email: nil) == nil, "\(password)")
        }
    }

    @Test func aPasswordLongerThan256CharactersIsRefused() {
        #expect(PasswordPolicy.check(String(repeating: "a", count: 255) + "b", email: nil) == nil)
        #expect(PasswordPolicy.check(String(repeating: "a", count: 256) + "b", email: nil) == .tooLong)
    }

    // MARK: - Common passwords and the address

    @Test func theListIsShippedAndReadable() {
        #expect(Self.commonPasswords.count > 100)
        #expect(Self.commonPasswords.contains("qwerty123456"))
    }

    @Test(arguments: ["qwerty123456", "QWERTY123456", "QwErTy123456", "1Q2W3E4R5T6Y", "QAZWSXEDCRFV"])
    func aCommonPasswordIsRefusedWhateverItsCase(_ password: String) {
        #expect(PasswordPolicy.check(password, email: nil) == .common)
    }

    @Test func everyListedPasswordOfTwelveOrMoreCharactersIsRefused() {
        let long = Self.commonPasswords.filter { $0.precomposedStringWithCompatibilityMapping.count >= PasswordPolicy.minimumLength }
        #expect(long.count > 100)
        for password in long {
            #expect(PasswordPolicy.check(password, email: nil) == .common, "\(password)")
            #expect(PasswordPolicy.check(password.uppercased(), email: nil) == .common, "\(password.uppercased())")
        }
    }

    @Test func aCommonPasswordWithSomethingAddedIsAllowed() {
        #expect(PasswordPolicy.check("qwerty123456 but mine", email: nil) == nil)
    }

    @Test func thePasswordCannotBeTheAccountsAddress() {
        #expect(PasswordPolicy.check("tanaka.hanako@example.org", email: "tanaka.hanako@example.org") == .sameAsEmail)
        #expect(PasswordPolicy.check("Tanaka.Hanako@Example.ORG", email: "tanaka.hanako@example.org") == .sameAsEmail)
        #expect(PasswordPolicy.check("tanaka.hanako@example.org", email: "Tanaka.Hanako@Example.org") == .sameAsEmail)
        // Nor the part before the @ alone.
        #expect(PasswordPolicy.check("Tanaka.Hanako", email: "tanaka.hanako@example.org") == .sameAsEmail)
        // Anything else is fine, and without an address there is nothing to compare.
        #expect(PasswordPolicy.check("tanaka.hanako@example.org!", email: "tanaka.hanako@example.org") == nil)
        #expect(PasswordPolicy.check("tanaka.hanako@example.org", email: nil) == nil)
    }

    @Test func problemsHaveStableCodes() {
        #expect(PasswordPolicy.Problem.tooShort.rawValue == "too_short")
        #expect(PasswordPolicy.Problem.tooLong.rawValue == "too_long")
        #expect(PasswordPolicy.Problem.common.rawValue == "common")
        #expect(PasswordPolicy.Problem.sameAsEmail.rawValue == "same_as_email")
    }

    // MARK: - Hashing

    @Test func aHashVerifiesItsPasswordAndNoOther() {
        let hash = PasswordPolicy.hash("purple-otter-lantern-42", cost: 4)
        #expect(hash.hasPrefix("$2"))
        #expect(hash.contains("$04$"))
        #expect(!hash.contains("purple"))
        #expect(PasswordPolicy.verify("purple-otter-lantern-42", hash: hash))
        #expect(!PasswordPolicy.verify("purple-otter-lantern-43", hash: hash))
        #expect(!PasswordPolicy.verify("", hash: hash))
    }

    @Test func theSamePasswordHashesDifferentlyEachTime() {
        let a = PasswordPolicy.hash("purple-otter-lantern-42", cost: 4), b = PasswordPolicy.hash("purple-otter-lantern-42", cost: 4)
        #expect(a != b)
        #expect(PasswordPolicy.verify("purple-otter-lantern-42", hash: a) && PasswordPolicy.verify("purple-otter-lantern-42", hash: b))
    }

    @Test func aLongJapanesePassphraseIsSignificantPastBcrypts72Bytes() {
        // 30 kanji: 90 bytes of UTF-8, past the 72 bcrypt reads.
        let passphrase = "春夏秋冬東西南北上下左右前後内外天地山川海空花鳥風月雪雨雲星"
        let other = String(passphrase.dropLast()) + "光"
        #expect(passphrase.count == 30 && other.count == 30)
        #expect(passphrase.utf8.count == 90)
        // They differ only after byte 72 (the 30th kanji starts at byte 87).
        #expect(Array(passphrase.utf8.prefix(86)) == Array(other.utf8.prefix(86)))
        #expect(PasswordPolicy.check(passphrase, email: nil) == nil)
        let hash = PasswordPolicy.hash(passphrase, cost: 4)
        #expect(PasswordPolicy.verify(passphrase, hash: hash))
        #expect(!PasswordPolicy.verify(other, hash: hash), "bcrypt alone would truncate both to the same 72 bytes")
    }

    @Test func asciiPassphrasesLongerThan72BytesAreSignificantToo() {
        let base = String(repeating: "correct horse battery staple ", count: 3)
        #expect(base.utf8.count > 72)
        let hash = PasswordPolicy.hash(base + "A", cost: 4)
        #expect(PasswordPolicy.verify(base + "A", hash: hash))
        #expect(!PasswordPolicy.verify(base + "B", hash: hash))
    }

    @Test func fullWidthLettersVerifyWhenTypedHalfWidth() {
        // NFKC: what a Japanese IME types in full-width mode is the same password as on an ASCII keyboard.
        let fullWidth = "ＡＢＣｄｅｆ１２３４５６"
        #expect(PasswordPolicy.check(fullWidth, email: nil) == nil)
        let hash = PasswordPolicy.hash(fullWidth, cost: 4)
        #expect(PasswordPolicy.verify("ABCdef123456", hash: hash))
        #expect(!PasswordPolicy.verify("abcdef123456", hash: hash))
        // And the other way round.
        let halfWidthHash = PasswordPolicy.hash("ABCdef123456", cost: 4)
        #expect(PasswordPolicy.verify(fullWidth, hash: halfWidthHash))
    }

    @Test func halfWidthKatakanaIsTheSamePassword() {
        let hash = PasswordPolicy.hash("ﾆﾎﾝｷｮｳｼﾂﾆｲｷﾏｽ", cost: 4)
        #expect(PasswordPolicy.verify("ニホンキョウシツニイキマス", hash: hash))
    }

    @Test func halfWidthKatakanaWithSoundMarksIsTheSamePassword() {
        // NFKC maps ｺﾞ (U+FF7A U+FF9E) to ゴ (U+30B4): a half-width keyboard and a full-width one type the same password.
        let hash = PasswordPolicy.hash("ﾆﾎﾝｺﾞｷｮｳｼﾂﾃﾞﾍﾞﾝｷｮｳ", cost: 4)
        #expect(PasswordPolicy.verify("ニホンゴキョウシツデベンキョウ", hash: hash))
        let full = PasswordPolicy.hash("ニホンゴキョウシツデベンキョウ", cost: 4)
        #expect(PasswordPolicy.verify("ﾆﾎﾝｺﾞｷｮｳｼﾂﾃﾞﾍﾞﾝｷｮｳ", hash: full))
    }

    @Test func composedAndDecomposedFormsAreTheSamePassword() {
        // "é" precomposed and as e + combining acute; ガ precomposed and as カ + combining dakuten.
        let composed = PasswordPolicy.hash("café-au-lait-matin", cost: 4)
        #expect(PasswordPolicy.verify("cafe\u{301}-au-lait-matin", hash: composed))
        let kana = PasswordPolicy.hash("ガイコクジンノタメノニホンゴ", cost: 4)
        #expect(PasswordPolicy.verify("カ\u{3099}イコクジンノタメノニホンコ\u{3099}", hash: kana))
    }

    @Test func aFullWidthCommonPasswordIsStillCommon() {
        #expect(PasswordPolicy.check("ｑｗｅｒｔｙ１２３４５６", email: nil) == .common)
        #expect(PasswordPolicy.check("ＱＷＥＲＴＹ１２３４５６", email: nil) == .common)
    }
}

@Suite("E-mail addresses as accounts store them")
struct EmailAddressTests {
    @Test func trimsAndLowerCases() {
        #expect(EmailAddress.normalise("  Tanaka.Hanako@Example.ORG \n") == "tanaka.hanako@example.org")
        #expect(EmailAddress.normalise("tanaka+manabi@mail.example.co.jp") == "tanaka+manabi@mail.example.co.jp")
    }

    @Test(arguments: [
        "", "   ", "tanaka", "tanaka@", "@example.org", "tanaka@example", "tanaka@.example.org", "tanaka@example.org.",
        "tanaka@@example.org", "a@b@example.org", "tanaka hanako@example.org", "<tanaka@example.org>", "tanaka,hanako@example.org",
        "tanaka@exa\u{0}mple.org", "tanaka@example\u{7}.org", "tanaka\u{3000}@example.org",
    ])
    func refusesWhatIsNotAnAddress(_ text: String) {
        #expect(EmailAddress.normalise(text) == nil)
    }

    @Test func acceptsUpTo254Characters() {
        let domain = "@example.org"
        let longest = String(repeating: "a", count: 254 - domain.count) + domain
        #expect(EmailAddress.normalise(longest) == longest)
        #expect(EmailAddress.normalise("a" + longest) == nil)
    }

    @Test func isIdempotent() {
        for text in ["Tanaka@Example.org", " x@y.jp ", "山田@例え.jp"] {
            let once = EmailAddress.normalise(text)
            #expect(once != nil)
            #expect(once.flatMap(EmailAddress.normalise) == once)
        }
    }
}
