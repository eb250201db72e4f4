// Leak-check driver: exercises every ICU and MeCab path many times, creating and dropping engines,
// so that any per-call leak would show up multiplied in valgrind's "definitely lost".
import JapaneseText

let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 200
let gazetteer = Gazetteer.placeNames([(name: "狛江市", kana: "こまえし"), (name: "福生市", kana: "ふっさし")])
var total = 0
for round in 0..<rounds {
    // A new engine every 50 rounds: model + tagger are created and destroyed.
    let engine = try FuriganaEngine(gazetteer: gazetteer)
    for _ in 0..<(round % 50 == 0 ? 5 : 1) {
        let text = "狛江市の日本語教室で毎日勉強しています。Tiếng Việt 👨‍👩‍👧 \(round)"
        total &+= try engine.segments(for: text).count
        total &+= try engine.reading(of: "東京都新宿区").count
        total &+= Kana.toHiragana("カタカナｶﾀｶﾅ").count + Kana.toKatakana("ひらがな").count
        total &+= Kana.toLatin("しんじゅく").count + Kana.fromLatin("shinjuku").count
        total &+= Kana.toHalfwidth("ＡＢＣ").count + Kana.toFullwidth("ABC").count
        total &+= Normalization.nfkcCasefold("Ｔｏｋｙｏ").count
        total &+= SearchFold.scriptKey("ベトナム語").count + (SearchFold.romajiKey("Hachiōji")?.count ?? 0)
        total &+= JapaneseCollator.shared.sortKey("きょう").count
        total &+= JapaneseCollator.shared.areInIncreasingOrder("あ", "か") ? 1 : 0
    }
    do { _ = try engine.segments(for: "\u{7}") } catch { total &+= 1 }
}
do { _ = try FuriganaEngine(gazetteer: .empty, mecabArguments: "-d /nonexistent") } catch { total &+= 1 }
print("done \(rounds) rounds, checksum \(total)")
