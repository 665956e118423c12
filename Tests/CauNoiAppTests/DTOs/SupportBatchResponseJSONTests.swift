import CauNoiCore
import Foundation
import Testing
@testable import CauNoiApp

/// The batch answer written directly (`SupportBatchResponseJSON`) must be byte for byte what the app's JSON encoder
/// writes, and leave every answer it cannot write so to that encoder.
@Suite("Batch answer written directly")
struct SupportBatchResponseJSONTests {
    func encoded(_ response: SupportBatchResponse) throws -> String {
        String(decoding: try AppJSON.encoder().encode(response), as: UTF8.self)
    }

    func direct(_ response: SupportBatchResponse) -> String? {
        SupportBatchResponseJSON.bytes(response).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("answers without errors are written exactly as the encoder writes them")
    func sameAsEncoder() throws {
        let id = "6f1c2d3e-0000-4000-8000-0000000000ff"
        let fixed: [[EntryResultDTO]] = [
            [],
            [.init(id: id, status: .created)],
            [.init(id: nil, status: .rejected), .init(id: id, status: .duplicate)],
            // Ids as sent: upper case, spaces around, slashes and non-ASCII text are written as they are.
            [.init(id: " \(id.uppercased()) ", status: .created), .init(id: "a/b", status: .duplicate), .init(id: "Hỗ trợ", status: .created)],
        ]
        for results in fixed {
            let response = SupportBatchResponse(results: results)
            #expect(direct(response) == (try encoded(response)))
        }
        var rng = SystemRandomNumberGenerator()
        let statuses: [EntryResultDTO.Status] = [.created, .duplicate, .rejected, .conflict]
        for _ in 0..<200 {
            let results = (0..<Int.random(in: 0...25, using: &rng)).map { _ in
                EntryResultDTO(id: Bool.random(using: &rng) ? UUID().uuidString.lowercased() : nil,
                               status: statuses.randomElement(using: &rng)!)
            }
            let response = SupportBatchResponse(results: results)
            #expect(direct(response) == (try encoded(response)), "\(results)")
        }
    }

    @Test("an answer with an error, or an id JSON would escape, is left to the encoder")
    func declines() throws {
        let error = EntryResultDTO.ErrorDTO(message: "entries[0].date: Ngày không hợp lệ", messageEN: "entries[0].date: Invalid date",
                                            fields: [FieldError(field: "entries[0].date", message: "Ngày không hợp lệ", messageEN: "Invalid date")])
        #expect(direct(SupportBatchResponse(results: [.init(id: "a", status: .created), .init(id: "b", status: .rejected, error: error)])) == nil)
        for id in ["a\"b", "a\\b", "tab\there", "line\nbreak", "\u{1}"] {
            #expect(direct(SupportBatchResponse(results: [.init(id: id, status: .created)])) == nil, "\(id)")
        }
    }
}
