import Foundation
import Hummingbird

/// `GET /static/…`: the stylesheet, read once at start, cached by browsers and revalidated by ETag.
struct StaticController {
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
        var etag: String
    }

    let assets: [String: Asset]

    init() throws {
        let folder = WebResources.folder("Static")
        var assets: [String: Asset] = [:]
        for (name, type) in [("site.css", "text/css; charset=utf-8")] {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            // FNV-1a over the content: a cheap, stable validator for a file that only changes with a release.
            let hash = bytes.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
            assets[name] = Asset(bytes: bytes, contentType: type, etag: "\"\(String(hash, radix: 16))\"")
        }
        self.assets = assets
    }

    /// Serves an asset, or 304 when the browser's copy is current.
    @Sendable func asset(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let name = context.parameters.get("name"), let asset = assets[name] else { throw HTTPError(.notFound) }
        var headers = HTTPFields()
        headers[.eTag] = asset.etag
        headers[.cacheControl] = "public, max-age=3600"
        if request.headers[.ifNoneMatch] == asset.etag { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
