import JapaneseText
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    struct Result: Equatable, Sendable {
        var segments: [FuriganaSegment]
        var hiragana: String
        var latin: String
        var romajiKey: String?
        var sortKey: [UInt8]
    }

    static func work(_ row: Municipalities.Row) throws -> Result {
        let text = "\(row.name)の日本語教室で毎日勉強しています"
        return Result(
            segments: try Engines.places.segments(for: text),
            hiragana: Kana.toHiragana(Kana.toKatakana(row.kana)),
            latin: Kana.toLatin(row.kana),
            romajiKey: SearchFold.romajiKey(row.romajiFull),
            sortKey: JapaneseCollator.shared.sortKey(row.kana)
        )
    }

    @Test func parallelResultsEqualSequentialOnes() async throws {
        let rows = Array(Municipalities.all.prefix(64)) + Array(Municipalities.all.prefix(2))
        let sequential = try rows.map(Self.work)
        let parallel = try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            for (index, row) in rows.enumerated() {
                group.addTask { (index, try Self.work(row)) }
            }
            var results = [Result?](repeating: nil, count: rows.count)
            for try await (index, result) in group { results[index] = result }
            return results
        }
        #expect(parallel.count == 64)
        for (index, result) in parallel.enumerated() {
            #expect(result == sequential[index])
        }
    }

    @Test func manyEnginesCanComeAndGo() async throws {
        // Creating and dropping engines concurrently must neither crash nor leak (see LEAKCHECK.md).
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try FuriganaEngine().reading(of: "日本語") }
            }
            for try await reading in group { #expect(reading == "にほんご") }
        }
    }
}
