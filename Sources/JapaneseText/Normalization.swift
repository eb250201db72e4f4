import CICUShim

/// Unicode normalisation through ICU.
public enum Normalization {
    /// NFKC_Casefold (ICU `unorm2_getNFKCCasefoldInstance`): full-width Latin and digits become
    /// ASCII, half-width katakana become full-width, compatibility characters (①, ㍿, ﬁ) are
    /// expanded, and case is folded (`Ｔｏｋｙｏ` → `tokyo`).
    ///
    /// Thread-safe: the ICU normaliser is an immutable process-wide singleton that is never closed.
    public static func nfkcCasefold(_ s: String) -> String {
        if s.isEmpty { return s }
        return ICUBuffer.apply(s) { utf8, length, outLength, status in
            manabi_nfkc_casefold(utf8, length, outLength, status)
        } ?? s
    }
}
