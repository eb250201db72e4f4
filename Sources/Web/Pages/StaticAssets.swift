import Foundation
import Hummingbird

/// `GET /static/…`: the stylesheet and the suggest script, read once at start.
///
/// Pages link each file as `/static/NAME?v=HASH`. A request carrying the current hash may be cached for a
/// year (a new release changes the hash, hence the URL); any other request is cached for an hour and
/// revalidated by ETag.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
        var hash: String
        var etag: String { "\"\(hash)\"" }
    }

    /// The files served, with their content types.
    static let files = [("site.css", "text/css; charset=utf-8"), ("suggest.js", "text/javascript; charset=utf-8")]

    let assets: [String: Asset]

    init() throws {
        let folder = WebResources.folder("Static")
        var assets: [String: Asset] = [:]
        for (name, type) in Self.files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            // FNV-1a over the content: a cheap, stable fingerprint for a file that only changes with a release.
            let hash = bytes.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
            assets[name] = Asset(bytes: bytes, contentType: type, hash: String(hash, radix: 16))
        }
        self.assets = assets
    }

    /// The URL pages link for `name`, with its content hash.
    func url(_ name: String) -> String {
        SiteURL.asset(.value(name)).url([("v", assets[name]?.hash ?? "")])
    }

    /// Links to every asset, keyed for templates (`site.css` → `site_css`).
    var urls: [String: String] {
        Dictionary(uniqueKeysWithValues: assets.keys.map { (PageRenderer.templateKey($0), url($0)) })
    }

    /// Serves an asset, or 304 when the browser's copy is current.
    @Sendable func asset(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let name = context.parameters.get(SiteURL.Parameter.name), let asset = assets[name] else { throw HTTPError(.notFound) }
        var headers = HTTPFields()
        headers[.eTag] = asset.etag
        let versioned = request.uri.queryParameters["v"].map { String($0) } == asset.hash
        headers[.cacheControl] = versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600"
        if request.headers[.ifNoneMatch] == asset.etag { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
