import Foundation
import Testing

@testable import JapaneseText

/// Reading accuracy and speed figures for bench/furigana/RESULTS.md; skipped unless asked for:
///
///     MANABI_BENCH_FURIGANA=1 swift test -c release -Xswiftc -enable-testing --filter FuriganaBenchmark
@Suite("FuriganaBenchmark", .enabled(if: ProcessInfo.processInfo.environment["MANABI_BENCH_FURIGANA"] == "1"))
struct FuriganaBenchmark {
    static let benchDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("bench/furigana")

    static func load(_ name: String) throws -> [(surface: String, reading: String)] {
        let text = try String(contentsOf: benchDirectory.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t")
            return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
        }
    }

    @Test(arguments: ["tokyo_towns.tsv", "tokyo_addresses.tsv"])
    func readingAccuracy(file: String) throws {
        let rows = try Self.load(file)
        let engines = [("MeCab alone", Engines.plain), ("MeCab + municipality gazetteer", Engines.places)]
        for (name, engine) in engines {
            var correct = 0
            var misses: [String] = []
            for row in rows {
                if try engine.reading(of: row.surface) == row.reading {
                    correct += 1
                } else if misses.count < 8 {
                    misses.append("\(row.surface) \(try engine.reading(of: row.surface)) ≠ \(row.reading)")
                }
            }
            let percent = Double(correct) / Double(rows.count) * 100
            print("BENCH accuracy \(file) \(name): \(correct)/\(rows.count) = \(String(format: "%.1f", percent))%")
            print("BENCH   e.g. misses: \(misses.joined(separator: "; "))")
        }
    }

    /// 100-Character texts made of town names joined with 、 (the last one cut to fit).
    static func hundredCharacterTexts() throws -> [String] {
        var texts: [String] = []
        var current: [Character] = []
        for row in try load("tokyo_towns.tsv") {
            for character in row.surface + "、" {
                current.append(character)
                if current.count == 100 {
                    texts.append(String(current))
                    current = []
                }
            }
        }
        return texts
    }

    @Test func speed() throws {
        let texts = try Self.hundredCharacterTexts()
        let engine = Engines.places
        let rounds = 20
        // Warm up the dictionary pages and the transliterator pools.
        for text in texts {
            _ = try engine.segments(for: text)
            _ = engine.rawMeCabParse(text)
        }
        let clock = ContinuousClock()
        var sink = 0
        // Interleaved rounds so both measurements see the same machine load.
        var furiganaTime = Duration.zero
        var mecabTime = Duration.zero
        for _ in 0..<rounds {
            furiganaTime += try clock.measure {
                for text in texts { sink &+= try engine.segments(for: text).count }
            }
            mecabTime += clock.measure {
                for text in texts { sink &+= engine.rawMeCabParse(text) }
            }
        }
        let calls = Double(texts.count * rounds)
        let furiganaSeconds = Double(furiganaTime.components.seconds) + Double(furiganaTime.components.attoseconds) / 1e18
        let mecabSeconds = Double(mecabTime.components.seconds) + Double(mecabTime.components.attoseconds) / 1e18
        print("BENCH speed: \(texts.count) texts of 100 Characters × \(rounds) rounds (sink \(sink))")
        print("BENCH   furigana segments: \(String(format: "%.0f", calls / furiganaSeconds)) texts/s (\(String(format: "%.1f", furiganaSeconds / calls * 1e6)) µs/text)")
        print("BENCH   raw MeCab parse:   \(String(format: "%.0f", calls / mecabSeconds)) texts/s (\(String(format: "%.1f", mecabSeconds / calls * 1e6)) µs/text)")
        print("BENCH   overhead ratio (furigana / raw MeCab): \(String(format: "%.2f", furiganaSeconds / mecabSeconds))")
    }
}
