/// A number as written before a counter: Arabic digits (ASCII or full-width), kanji numerals
/// (二十四, 二〇二六) or a mix (1万, 3千), reduced to what decides the counter's reading.
struct Numeral: Equatable {
    /// One numeral Character.
    enum Symbol: Equatable {
        /// 0–9; `arabic` for 0-9 and ０-９, false for 〇一二…九.
        case digit(Int, arabic: Bool)
        /// 十, 百, 千 or 万.
        case multiplier(Int)

        /// The symbol of a single-scalar Character, nil for anything that is not a numeral.
        init?(_ scalar: Unicode.Scalar) {
            switch scalar {
            case "0"..."9": self = .digit(Int(scalar.value - 0x30), arabic: true)
            case "０"..."９": self = .digit(Int(scalar.value - 0xFF10), arabic: true)
            case "〇": self = .digit(0, arabic: false)
            case "一": self = .digit(1, arabic: false)
            case "二": self = .digit(2, arabic: false)
            case "三": self = .digit(3, arabic: false)
            case "四": self = .digit(4, arabic: false)
            case "五": self = .digit(5, arabic: false)
            case "六": self = .digit(6, arabic: false)
            case "七": self = .digit(7, arabic: false)
            case "八": self = .digit(8, arabic: false)
            case "九": self = .digit(9, arabic: false)
            case "十": self = .multiplier(10)
            case "百": self = .multiplier(100)
            case "千": self = .multiplier(1000)
            case "万": self = .multiplier(10000)
            default: return nil
            }
        }

        var isArabic: Bool {
            if case .digit(_, arabic: true) = self { return true }
            return false
        }

        /// The digit or the multiplier itself, for comparing with ``Numeral/lastElement``.
        var element: Int {
            switch self {
            case .digit(let digit, _): digit
            case .multiplier(let multiplier): multiplier
            }
        }
    }

    /// The value, nil when it does not fit comfortably (only small values pick special readings).
    var value: Int?
    /// What the spoken number ends with, which is what changes the counter's sound (いっぷん,
    /// さんぼん): its last digit 1–9, or 10, 100, 1000, 10000 when it ends in じゅう, ひゃく, せん,
    /// まん (30 ends in じゅう, 2000 in せん, 50000 in まん); 0 for zero itself.
    var lastElement: Int

    /// Nil for an empty sequence.
    init?(_ symbols: some Sequence<Symbol>) {
        let limit = 1_000_000_000_000
        var total = 0
        var section = 0
        var current: Int?
        var overflow = false
        var last: Symbol?
        // Zeros at the end of the current run of digits, and whether that run has anything else.
        var trailingZeros = 0
        var runHasNonZero = false
        for symbol in symbols {
            switch symbol {
            case .digit(let digit, _):
                let next = (current ?? 0) * 10 + digit
                if next >= limit { overflow = true } else { current = next }
                if digit == 0 {
                    trailingZeros += 1
                } else {
                    trailingZeros = 0
                    runHasNonZero = true
                }
            case .multiplier(let multiplier) where multiplier < 10000:
                section += (current ?? 1) * multiplier
                current = nil
                trailingZeros = 0
                runHasNonZero = false
            case .multiplier(let multiplier):
                let amount = section + (current ?? 0)
                total += (amount == 0 ? 1 : amount) * multiplier
                if total >= limit { overflow = true }
                section = 0
                current = nil
                trailingZeros = 0
                runHasNonZero = false
            }
            last = symbol
        }
        guard let last else { return nil }
        value = overflow ? nil : total + section + (current ?? 0)
        switch last {
        case .multiplier(let multiplier): lastElement = multiplier
        case .digit(let digit, _) where digit != 0: lastElement = digit
        case .digit:
            switch trailingZeros {
            case _ where !runHasNonZero: lastElement = 0
            case 1: lastElement = 10
            case 2: lastElement = 100
            case 3: lastElement = 1000
            default: lastElement = 10000
            }
        }
    }
}
