import Curriculum
import Testing

@Suite("Levels")
struct LevelTests {
    @Test func levelsAreOrderedFromZeroToB1() {
        #expect(Level.allCases == [.preA1, .a1, .a2, .b1])
        #expect(Level.preA1 < Level.b1)
    }

    @Test func codesAndLabelsParse() {
        #expect(Level(code: "pre_a1") == .preA1)
        #expect(Level(code: "Pre-A1") == .preA1)
        #expect(Level(code: "A2") == .a2)
        #expect(Level(code: "c9") == nil)
        #expect(Level.b1.label == "B1")
    }

    @Test func everyLevelHasAPlainDescription() {
        for level in Level.allCases {
            let description = LevelDescription.of(level)
            #expect(!description.easyJapanese.isEmpty && !description.english.isEmpty)
        }
    }
}
