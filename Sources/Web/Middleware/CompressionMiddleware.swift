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
        guard Self.acceptsGzip(request.headers[.acceptEncoding]), response.headers[.contentEncoding] == nil,
            let type = response.headers[.contentType], type.hasPrefix("text/") || type.contains("json"),
            (response.body.contentLength ?? 0) >= Self.minimumSize
        else { return response }
        response.headers[.vary] = "Accept-Encoding"
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

    /// Whether `Accept-Encoding` lists gzip with a non-zero quality.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard pieces.first == "gzip" || pieces.first == "*" else { return false }
            return !pieces.dropFirst().contains { $0 == "q=0" || $0 == "q=0.0" || $0 == "q=0.00" || $0 == "q=0.000" }
        }
    }
}
