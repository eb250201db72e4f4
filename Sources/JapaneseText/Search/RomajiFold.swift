/// The character classes and spelling rules behind ``SearchFold/romajiKey(_:)``.
///
/// The rules run on the ASCII form of both the indexed text and the query, so they only need
/// to map every common spelling of one sound to the same letters, not to be good romaji.
enum RomajiFold {
    enum ScalarClass: Equatable {
        case kana, sokuon, latin, foreign, other
    }

    /// Classifies one scalar of NFKC-casefolded text.
    static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        let value = scalar.value
        if Character.isKanjiScalar(scalar) { return .foreign }
        switch value {
        case 0x3063, 0x30C3, 0xFF6F: return .sokuon
        case 0x3041...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .kana
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x250...0x2AF,
            0x1D00...0x1DBF, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F:
            return .latin
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .foreign
        default:
            // Digits, marks, spaces, punctuation, symbols (emoji included) and controls.
            return .other
        }
    }

    /// Turns ICU's romaji (lower-case ASCII plus `~` and separators) into the key.
    static func collapse(_ input: [UInt8]) -> String {
        var bytes = keepLettersAndDigits(input)
        bytes = replace(bytes, "dzu", with: "zu")  // ICU's づ; Hepburn writes zu
        bytes = replace(bytes, "dj", with: "j")  // ICU's ぢ
        bytes = replace(bytes, "tch", with: "cch")  // まっちゃ: matcha / maccha
        bytes = rewrite(bytes) { b, i in
            // Shimbashi / Shinbashi: ん before b, p, m.
            b[i] == ascii("m") && i + 1 < b.count && "bpm".utf8.contains(b[i + 1]) ? [ascii("n")] : nil
        }
        bytes = rewrite(bytes) { b, i in
            // IME-style "nn" for ん before a consonant or at the end (shinnjuku): drop the second n.
            guard b[i] == ascii("n"), i > 0, b[i - 1] == ascii("n"), i < 2 || b[i - 2] != ascii("n") else { return nil }
            let atEnd = i + 1 == b.count
            return atEnd || isConsonant(b[i + 1]) && b[i + 1] != ascii("y") && b[i + 1] != ascii("n") ? [] : nil
        }
        bytes = rewrite(bytes) { b, i in
            // Ohta, Ohshima: an h lengthening o before a consonant or at the end.
            guard b[i] == ascii("h"), i > 0, b[i - 1] == ascii("o") else { return nil }
            return i + 1 == b.count || !isVowel(b[i + 1]) ? [] : nil
        }
        bytes = replace(bytes, "ou", with: "o")  // Outa, Toukyou
        bytes = collapseDoubledVowels(bytes)  // Oota, Chuuou, Niijima; ō and ū were stripped already
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Drops separators and ICU's `~` (small kana it could not attach); for ヴァ "vu~a" and
    /// でゅ "de~yu" the vowel before `~` was only a carrier, so it goes too.
    private static func keepLettersAndDigits(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        for (index, byte) in input.enumerated() {
            if byte == ascii("~") {
                let nextIsLetter = index + 1 < input.count && isLetter(input[index + 1])
                if nextIsLetter, let last = out.last, "uie".utf8.contains(last) { out.removeLast() }
                continue
            }
            if isLetter(byte) || (ascii("0")...ascii("9")).contains(byte) { out.append(byte) }
        }
        return out
    }

    /// Calls `rule` at each index of the input; a non-nil result replaces the byte there.
    private static func rewrite(_ bytes: [UInt8], _ rule: ([UInt8], Int) -> [UInt8]?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for index in bytes.indices {
            if let replacement = rule(bytes, index) {
                out += replacement
            } else {
                out.append(bytes[index])
            }
        }
        return out
    }

    private static func replace(_ bytes: [UInt8], _ pattern: String, with replacement: String) -> [UInt8] {
        let p = Array(pattern.utf8)
        let r = Array(replacement.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + p.count <= bytes.count, bytes[index..<index + p.count].elementsEqual(p) {
                out += r
                index += p.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func collapseDoubledVowels(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if isVowel(byte), out.last == byte { continue }
            out.append(byte)
        }
        return out
    }

    private static func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(c.value) }
    private static func isLetter(_ b: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) }
    private static func isVowel(_ b: UInt8) -> Bool { "aeiou".utf8.contains(b) }
    private static func isConsonant(_ b: UInt8) -> Bool { isLetter(b) && !isVowel(b) }
}
