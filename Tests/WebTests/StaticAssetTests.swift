import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import Web

@Suite("Static assets and page weight")
struct StaticAssetTests {
    /// The `href`/`src` of every `<link>` and `<script>` a page loads.
    func loadedURLs(_ html: String) -> [String] {
        let pattern = /<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"/
        // `data:` URLs (the empty favicon) are part of the page, not requests.
        return html.matches(of: pattern).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }.filter { !$0.hasPrefix("data:") }
    }

    @Test func pagesLinkAssetsByContentHashAndTheyAreCachedForAYear() async throws {
        let app = try await TestApp.seeded()
        let page = try await app.page("/?lang=en")
        let urls = loadedURLs(page.text)
        #expect(urls.contains { $0.hasPrefix("/static/site.css?v=") })
        #expect(urls.contains { $0.hasPrefix("/static/suggest.js?v=") })
        for url in urls {
            let asset = try await app.page(url)
            #expect(asset.status == .ok, "\(url)")
            #expect(asset.headers[.cacheControl] == "public, max-age=31536000, immutable", "\(url)")
        }
        // Without the current hash (an old page, a typed URL) the file is still served, briefly cached.
        let unversioned = try await app.page("/static/suggest.js")
        #expect(unversioned.status == .ok)
        #expect(unversioned.headers[.contentType] == "text/javascript; charset=utf-8")
        #expect(unversioned.headers[.cacheControl] == "public, max-age=3600")
        let stale = try await app.page("/static/site.css?v=0")
        #expect(stale.headers[.cacheControl] == "public, max-age=3600")
    }

    @Test func assetsRevalidateByETag() async throws {
        let app = try await TestApp.seeded()
        for name in ["site.css", "suggest.js"] {
            let first = try await app.page("/static/\(name)")
            #expect(first.status == .ok)
            let etag = try #require(first.headers[.eTag])
            let again = try await app.page("/static/\(name)", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified, "\(name)")
            #expect(again.text.isEmpty)
        }
        let missing = try await app.page("/static/nothing.js")
        #expect(missing.status == .notFound)
    }

    /// The issue's budget: under 60 KB of HTML, CSS and JavaScript before compression, and nothing loaded
    /// from another site. Measured on the heaviest search pages: every language, furigana on, a full page
    /// of results, and the municipality list (62 options with readings).
    @Test(arguments: ["ja", "en", "zh-Hans", "ko", "vi", "ne"])
    func searchPageStaysUnderSixtyKilobytes(language: String) async throws {
        let app = try await TestApp.seeded()
        for uri in ["/?lang=\(language)", "/?lang=\(language)&level=a1", "/?lang=\(language)&q=%E6%95%99%E5%AE%A4"] {
            let page = try await app.page(uri)
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "class=\"result\"").count - 1 == 20, "\(uri): a full page of results")
            var total = page.text.utf8.count
            for url in loadedURLs(page.text) {
                #expect(url.hasPrefix("/"), "\(uri) loads \(url) from another site")
                total += try await app.page(url).text.utf8.count
            }
            #expect(total < 60_000, "\(uri): \(total) bytes")
        }
    }
}
