/// Single Characters of the analysed text, for ``CounterMatcher``.
extension FuriganaEngine.Analysis {
    /// Character `index` as MeCab saw it, when that is one scalar; nil out of range, for clusters
    /// (1️⃣ is three scalars) and for a lone variation selector. Decoded from the UTF-8 in place:
    /// going through `String.UnicodeScalarView` indices instead cost ~185 instructions a call
    /// (callgrind), about 2 % of `segments(for:)` when it was asked at every token.
    func scalar(_ index: Int) -> Unicode.Scalar? {
        guard index >= 0, index + 1 < analysedOffsets.count else { return nil }
        return withAnalysedUTF8(index..<(index + 1)) { bytes -> Unicode.Scalar? in
            guard let lead = bytes.first else { return nil }
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            guard bytes.count == length else { return nil }
            var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
            for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
            return Unicode.Scalar(value)
        } ?? nil
    }

    /// `body` over the UTF-8 that MeCab saw of Characters `range`, in place; nil only if the text
    /// is not stored as contiguous UTF-8, which native Swift strings always are.
    func withAnalysedUTF8<Result>(_ range: Range<Int>, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Result) -> Result? {
        let from = analysedOffsets[range.lowerBound]
        let to = analysedOffsets[range.upperBound]
        return analysed.utf8.withContiguousStorageIfAvailable { body($0[from..<to]) }
    }

    /// The numeral Character `index` is, if it is one.
    func numeral(at index: Int) -> Numeral.Symbol? {
        scalar(index).flatMap(Numeral.Symbol.init)
    }

    /// True when every Character of `range` is a numeral.
    func isNumerals(_ range: Range<Int>) -> Bool {
        range.allSatisfy { numeral(at: $0) != nil }
    }
}
