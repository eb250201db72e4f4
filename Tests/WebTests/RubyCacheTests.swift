import Testing

@testable import Web

@Suite("Ruby cache")
struct RubyCacheTests {
    final class Counter: @unchecked Sendable { var calls = 0 }

    @Test func rendersEachTextOnceAndStaysBounded() {
        let cache = RubyCache(capacity: 3)
        let counter = Counter()
        let render = { (text: String) -> String in counter.calls += 1; return "<b>\(text)</b>" }
        #expect(cache.html("新宿", version: 0, render: render) == "<b>新宿</b>")
        #expect(cache.html("新宿", version: 0, render: render) == "<b>新宿</b>")
        #expect(counter.calls == 1)
        for name in ["渋谷", "狛江", "八王子", "町田"] { _ = cache.html(name, version: 0, render: render) }
        #expect(cache.count <= 3)
        #expect(cache.html("町田", version: 0, render: render) == "<b>町田</b>")
        #expect(counter.calls == 5)
    }

    @Test func aNewGazetteerVersionDropsOldReadingsAndAnOldOneNeverWipesNewOnes() {
        let cache = RubyCache()
        let counter = Counter()
        let old = { (text: String) -> String in counter.calls += 1; return "old \(text)" }
        let new = { (text: String) -> String in counter.calls += 1; return "new \(text)" }
        #expect(cache.html("紅葉", version: 1, render: old) == "old 紅葉")
        // After the gazetteer changes, the same text is rendered again, not served from before
        #expect(cache.html("紅葉", version: 2, render: new) == "new 紅葉")
        #expect(cache.html("紅葉", version: 2, render: new) == "new 紅葉")
        #expect(counter.calls == 2)
        // A slow request still holding version 1 gets its own render, and leaves version 2's entries alone
        #expect(cache.html("紅葉", version: 1, render: old) == "old 紅葉")
        #expect(cache.html("紅葉", version: 2, render: new) == "new 紅葉")
        #expect(counter.calls == 3)
    }

    @Test func japanesePagesRenderTheSameFromTheCache() async throws {
        let app = try await TestApp.seeded()
        let first = try await app.page("/?lang=ja&municipality=132195")
        let second = try await app.page("/?lang=ja&municipality=132195")
        #expect(first.text.contains("<ruby>狛江<rt>こまえ</rt></ruby>"))
        #expect(first.text == second.text)
    }
}
