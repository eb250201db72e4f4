import Foundation
import JapaneseText
import CMeCab

// Profiling and comparison driver for FuriganaEngine (the `jtprof` executable of the scratch
// package made by bench/furigana/scratch-package.sh; see RESULTS.md for the commands).
//   jtprof speed TOWNS.tsv MUNI.tsv ROUNDS   furigana segments vs raw MeCab (fresh lattice per
//                                            parse, as MeCabTagger does) on the 66 100-Character texts
//   jtprof dump  FILE.tsv  MUNI.tsv [plain]  one line per row: surface<TAB>segments, text(reading)
// MUNI.tsv holds name<TAB>kana for the 62 municipalities (from shared/data/tokyo_municipalities.csv);
// "plain" uses no gazetteer.
let args = CommandLine.arguments
func load(_ path: String) -> [(String, String)] {
    let text = try! String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
        let fields = line.split(separator: "\t")
        return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
    }
}
let muni = load(args[3]).map { (name: $0.0, kana: $0.1) }
let engine = try! FuriganaEngine(gazetteer: args.count > 4 && args[4] == "plain" ? .empty : .placeNames(muni))
if args[1] == "dump" {
    for (surface, _) in load(args[2]) {
        let segments = try! engine.segments(for: surface)
        print(surface, segments.map { s in s.reading.map { r in "\(s.text)(\(r))" } ?? s.text }.joined(separator: " "), separator: "\t")
    }
    exit(0)
}
var texts: [String] = []
var current: [Character] = []
for (surface, _) in load(args[2]) {
    for character in surface + "、" {
        current.append(character)
        if current.count == 100 { texts.append(String(current)); current = [] }
    }
}
let rounds = Int(args[4]) ?? 20
var sink = 0
let model = mecab_model_new2("")!
let tagger = mecab_model_new_tagger(model)!
@MainActor func rawParse(_ text: String) -> Int {
    let lattice = mecab_model_new_lattice(model)!
    defer { mecab_lattice_destroy(lattice) }
    var text = text
    return text.withUTF8 { utf8 in
        mecab_lattice_set_sentence2(lattice, UnsafeRawPointer(utf8.baseAddress!).assumingMemoryBound(to: CChar.self), utf8.count)
        guard mecab_parse_lattice(tagger, lattice) != 0 else { return 0 }
        var count = 0
        var node = mecab_lattice_get_bos_node(lattice)
        while let current = node { count += 1; node = UnsafeMutablePointer(mutating: current.pointee.next) }
        return count
    }
}
for text in texts { sink &+= try! engine.segments(for: text).count; sink &+= rawParse(text) }
let clock = ContinuousClock()
var furigana = Duration.zero
var mecab = Duration.zero
for _ in 0..<rounds {
    furigana += clock.measure { for text in texts { sink &+= try! engine.segments(for: text).count } }
    mecab += clock.measure { for text in texts { sink &+= rawParse(text) } }
}
@MainActor func us(_ d: Duration) -> Double { (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) / Double(texts.count * rounds) * 1e6 }
print("\(texts.count) texts × \(rounds): furigana \(String(format: "%.1f", us(furigana))) µs/text, raw MeCab \(String(format: "%.1f", us(mecab))) µs/text, ratio \(String(format: "%.2f", us(furigana) / us(mecab))) (sink \(sink))")
