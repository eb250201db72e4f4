import CompressNIO
import Hummingbird
import HTTPTypes

/// gzip for text responses when the client accepts it: a search page shrinks to about a fifth, which
/// matters on a cheap phone on a slow connection. Every body Manabi makes is one buffer, so the whole
/// body is compressed at once; small bodies are left alone (the header costs more than it saves).
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    static var minimumSize: Int { 1024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard response.headers[.contentEncoding] == nil, let type = response.headers[.contentType], type.hasPrefix("text/") || type.contains("json"),
            (response.body.contentLength ?? 0) >= Self.minimumSize
        else { return response }
        // Whether or not this client gets gzip, a cache must know the answer depends on the header.
        response.headers.addVary("Accept-Encoding")
        guard Self.acceptsGzip(request.headers[.acceptEncoding]) else { return response }
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        response.body = response.body.map { buffer in
            var input = buffer
            let compressor = CompressionAlgorithm.gzip().compressor
            try compressor.startStream()
            defer { try? compressor.finishStream() }
            var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input))
            try compressor.streamDeflate(from: &input, to: &output, flush: .finish)
            return output
        }
        return response
    }

    /// Whether `Accept-Encoding` lists gzip (or `*`) with a weight above zero.
    static func acceptsGzip(_ header: String?) -> Bool {
        QualityList(header).accepts("gzip")
    }
}

extension HTTPFields {
    /// Adds `name` to the `Vary` header, keeping the names already there.
    mutating func addVary(_ name: String) {
        let present = self[.vary].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } } ?? []
        guard !present.contains(name.lowercased()) else { return }
        self[.vary] = self[.vary].map { "\($0), \(name)" } ?? name
    }
}
