import Testing

@testable import Web

@Suite("Learner preview inside a work page")
struct LearnerPreviewTests {
    @Test func headingsMoveBelowTheHeadingThePreviewSitsUnder() {
        let article = "<article><h1>教室</h1><h2 id=\"s\">予定</h2><h3>次</h3></article>"
        #expect(LearnerPreview.demoteHeadings(article, by: 2) == "<article><h3>教室</h3><h4 id=\"s\">予定</h4><h5>次</h5></article>")
        #expect(LearnerPreview.demoteHeadings(article, by: 1) == "<article><h2>教室</h2><h3 id=\"s\">予定</h3><h4>次</h4></article>")
    }

    @Test func escapedTextThatLooksLikeAHeadingStaysAsItIs() {
        #expect(LearnerPreview.demoteHeadings("<p>&lt;h1&gt;</p>", by: 2) == "<p>&lt;h1&gt;</p>")
    }
}
