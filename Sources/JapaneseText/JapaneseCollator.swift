import CICUShim

/// Japanese collation (ICU `ja` collator) for readings: gojūon order, with voiced and small kana
/// placed where a Japanese reader expects them: か < が < き, っ < つ, きょう < きよう (small kana
/// first when the rest is equal). Hiragana and katakana of the same sound compare equal at the
/// default (tertiary) strength, so `sorted(by:)` keeps their input order.
///
/// Thread-safe: both calls pass the collator as `const UCollator *` to `ucol_getSortKey` and
/// `ucol_strcollUTF8`, and ICU's collators are safe for concurrent const use once opened; no
/// attribute is ever changed after ``shared`` is built.
public struct JapaneseCollator: Sendable {
    /// The process-wide collator; opening one costs a few hundred microseconds, so share it.
    public static let shared = JapaneseCollator()

    private let handle: Handle

    private init() {
        handle = Handle(locale: "ja")
    }

    /// ICU sort key (`ucol_getSortKey`): comparing keys byte by byte gives collation order, so
    /// they can be stored in a database column and indexed.
    public func sortKey(_ s: String) -> [UInt8] {
        var length: Int32 = 0
        var status: Int32 = 0
        let key = s.withCString { manabi_collator_sort_key(handle.pointer, $0, Int32(s.utf8.count), &length, &status) }
        guard let key else { return [] }
        defer { manabi_icu_free(key) }
        return Array(UnsafeBufferPointer(start: key, count: Int(length)))
    }

    /// True when `a` sorts before `b`; usable directly with `sorted(by:)`.
    public func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        var status: Int32 = 0
        let result = a.withCString { pa in
            b.withCString { pb in
                manabi_collator_compare(handle.pointer, pa, Int32(a.utf8.count), pb, Int32(b.utf8.count), &status)
            }
        }
        return result < 0
    }

    /// Owns the `UCollator` so it is closed exactly once.
    private final class Handle: @unchecked Sendable {
        // @unchecked: the pointer is written once here and afterwards only read through const ICU calls.
        let pointer: OpaquePointer

        init(locale: String) {
            var status: Int32 = 0
            guard let pointer = manabi_collator_open(locale, &status), status <= 0 else {
                fatalError("ICU collator for \(locale) could not be opened (UErrorCode \(status))")
            }
            self.pointer = pointer
        }

        deinit { manabi_collator_close(pointer) }
    }
}
