import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, in order, repeated names kept.
struct FormData: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init() {}

    init(urlEncoded body: String) {
        for part in body.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            pairs.append((decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : ""))
        }
    }

    /// The first value of `name`, or "" when absent.
    subscript(_ name: String) -> String { pairs.first { $0.name == name }?.value ?? "" }

    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    func has(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    var names: [String] { pairs.map(\.name) }
}

extension FormData {
    /// The `application/x-www-form-urlencoded` body of `request`: 415 for any other type, 413 past `limit` bytes
    /// (reading stops there, so an endless body costs no more than the limit).
    static func read(_ request: inout Request, upTo limit: Int) async throws -> FormData {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            throw HTTPError(.unsupportedMediaType)
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            // NIO's too-many-bytes error, or the client going away mid-body: either way the form never arrived whole.
            throw HTTPError(.contentTooLarge)
        }
        return FormData(urlEncoded: String(buffer: body))
    }
}
