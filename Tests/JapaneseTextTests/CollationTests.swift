import JapaneseText
import Testing

@Suite("Japanese collation")
struct CollationTests {
    let collator = JapaneseCollator.shared

    @Test func gojuonOrder() {
        #expect(collator.areInIncreasingOrder("あ", "か"))
        #expect(collator.areInIncreasingOrder("か", "が"))
        #expect(collator.areInIncreasingOrder("が", "さ"))
        #expect(collator.areInIncreasingOrder("はは", "ばば"))
        #expect(collator.areInIncreasingOrder("ばば", "ぱぱ"))
        #expect(!collator.areInIncreasingOrder("か", "か"))
    }

    @Test func smallKanaSortBeforeTheirFullSize() {
        // ICU ja: small and full-size kana differ only at the tertiary level, small first.
        #expect(collator.areInIncreasingOrder("きょう", "きよう"))
        #expect(collator.areInIncreasingOrder("っ", "つ"))
        // Primary letters decide before voicing: ぎょう < きょお because う < お.
        #expect(collator.areInIncreasingOrder("ぎょう", "きょお"))
    }

    @Test func hiraganaAndKatakanaAreEqualAtDefaultStrength() {
        // The ja tailoring separates か and カ only at the quaternary level, which is off by default.
        #expect(!collator.areInIncreasingOrder("か", "カ"))
        #expect(!collator.areInIncreasingOrder("カ", "か"))
        #expect(collator.sortKey("か") == collator.sortKey("カ"))
        #expect(collator.areInIncreasingOrder("カ", "が"))
        #expect(["ガ", "か", "が", "カ"].sorted(by: collator.areInIncreasingOrder).map { Kana.toHiragana($0) } == ["か", "か", "が", "が"])
    }

    @Test func sortKeysAgreeWithComparison() {
        let words = ["さ", "あ", "が", "か", "きよう", "きょう", "ぱぱ", "ばば", "はは", "ん", "ア", "abc", "東京"]
        let byCompare = words.sorted(by: collator.areInIncreasingOrder)
        let byKey = words.sorted { collator.sortKey($0).lexicographicallyPrecedes(collator.sortKey($1)) }
        #expect(byCompare == byKey)
        #expect(!collator.sortKey("あ").isEmpty)
    }

    @Test func wardReadingsSortInGojuonOrder() {
        let wards = Municipalities.all.prefix(23).map(\.kana)
        let expected = [
            "あだちく", "あらかわく", "いたばしく", "えどがわく", "おおたく", "かつしかく", "きたく", "こうとうく", "しながわく", "しぶやく", "しんじゅくく",
            "すぎなみく", "すみだく", "せたがやく", "たいとうく", "ちゅうおうく", "ちよだく", "としまく", "なかのく", "ねりまく", "ぶんきょうく", "みなとく", "めぐろく",
        ]
        #expect(wards.sorted(by: collator.areInIncreasingOrder) == expected)
    }
}
