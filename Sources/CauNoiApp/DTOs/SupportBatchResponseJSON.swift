import Vapor

/// The batch API's answer written straight to bytes when no entry in it has an error (issue 16): Foundation's
/// `JSONEncoder` with the Codable types was about 2.5 % of the node's CPU under phones' 20-entry batches, as much as
/// storing a tenth of their entries.
///
/// It writes byte for byte what the app's encoder (`AppJSON.encoder`: sorted keys, slashes not escaped) writes for the
/// same value, and only values it can write so: ids with no character JSON escapes (quote, backslash, control
/// characters), no error. Anything else (an entry's error, with its messages and fields) returns nil, and the caller
/// encodes the answer with Codable, as before.
enum SupportBatchResponseJSON {
    static func bytes(_ response: SupportBatchResponse) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(80 + 60 * response.results.count)
        out += #"{"results":["#.utf8
        for (index, result) in response.results.enumerated() {
            guard result.error == nil else { return nil }
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            if let id = result.id {
                guard !id.utf8.contains(where: needsEscape) else { return nil }
                out += #""id":""#.utf8
                out += id.utf8
                out += #"","#.utf8
            }
            out += #""status":""#.utf8
            out += result.status.rawValue.utf8
            out += #""}"#.utf8
        }
        let summary = response.summary
        out += #"],"summary":{"conflict":"#.utf8
        out += String(summary.conflict).utf8
        out += #","created":"#.utf8
        out += String(summary.created).utf8
        out += #","duplicate":"#.utf8
        out += String(summary.duplicate).utf8
        out += #","rejected":"#.utf8
        out += String(summary.rejected).utf8
        out += "}}".utf8
        return out
    }

    /// The answer as a response: these bytes, or through the app's content encoder when `bytes` declines.
    static func response(_ response: SupportBatchResponse, for req: Request) async throws -> Response {
        guard let bytes = bytes(response) else { return try await response.encodeResponse(for: req) }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: req.byteBufferAllocator.buffer(bytes: bytes)))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }
}
