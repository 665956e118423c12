import CauNoiCore
import Foundation
import Testing
@testable import CauNoiApp

/// The batch body read directly (`SupportBatchBody`) must equal Codable's reading of every body it accepts, and leave
/// every other body to Codable.
@Suite("Batch body read directly")
struct SupportBatchBodyTests {
    func fast(_ json: String) -> SupportBatchRequest? {
        Array(json.utf8).withUnsafeBytes(SupportBatchBody.decode)
    }

    func codable(_ json: String) throws -> SupportBatchRequest {
        try JSONDecoder().decode(SupportBatchRequest.self, from: Data(json.utf8))
    }

    func expectSame(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let direct = try #require(fast(json), "read directly: \(json)", sourceLocation: sourceLocation)
        let slow = try codable(json)
        #expect(direct.campaign == slow.campaign, sourceLocation: sourceLocation)
        #expect(direct.entries.count == slow.entries.count, sourceLocation: sourceLocation)
        for (a, b) in zip(direct.entries, slow.entries) {
            #expect(a.rawID == b.rawID, sourceLocation: sourceLocation)
            #expect(a.campaign == b.campaign, sourceLocation: sourceLocation)
            #expect((try? a.draft.get()) == (try? b.draft.get()), "\(json)", sourceLocation: sourceLocation)
            #expect((try? b.draft.get()) != nil, sourceLocation: sourceLocation)
        }
    }

    @Test("bodies as clients send them read the same as through Codable")
    func sameAsCodable() throws {
        try expectSame(#"{"entries":[]}"#)
        try expectSame(#" { "campaign" : "he-2025" , "entries" : [ ] } "#)
        try expectSame(#"{"campaign":null,"entries":[{}]}"#)
        try expectSame("""
            {"entries": [{"id": "6f1c2d3e-0000-4000-8000-0000000000ff", "team_id": "A1B2", "commune_code": "00070",
              "date": "2025-08-12", "volunteer_ids": ["v1", "v2"], "counts": {"vneid": 12, "ho_so": -3, "x": 0},
              "beneficiaries": {"elderly": 5}, "place": "service_centre", "languages": ["vi", "km"],
              "note": "Đông người cao tuổi — buổi sáng", "campaign": "thu-2025"},
             {"id": null, "team_id": null, "volunteer_ids": null, "counts": null, "beneficiaries": {}, "languages": [],
              "note": null, "date": "2025-08-13"}],
             "campaign": "he-2025"}
            """)
        // Numbers at the edges of Int, whitespace everywhere, decomposed Vietnamese.
        try expectSame("{\t\"entries\"\n:\r[ { \"counts\" : { \"a\" : 9223372036854775807 , \"b\" : -9223372036854775808 , \"c\" : -0 } ,"
                       + " \"note\" : \"\("Hỗ trợ".decomposedStringWithCanonicalMapping)\" } ] }")
        // Generated entries.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var fields: [String] = []
            if Bool.random(using: &rng) { fields.append(#""id": "\#(UUID().uuidString)""#) }
            if Bool.random(using: &rng) { fields.append(#""team_id": "\#(UUID().uuidString.lowercased())""#) }
            if Bool.random(using: &rng) { fields.append(#""commune_code": "\#(Int.random(in: 0...99_999, using: &rng))""#) }
            if Bool.random(using: &rng) { fields.append(#""volunteer_ids": [\#((0..<Int.random(in: 0...4, using: &rng)).map { _ in "\"\(UUID())\"" }.joined(separator: ","))]"#) }
            if Bool.random(using: &rng) { fields.append(#""counts": {\#((0..<Int.random(in: 0...4, using: &rng)).map { "\"c\($0)\": \(Int.random(in: -5...500, using: &rng))" }.joined(separator: ", "))}"#) }
            if Bool.random(using: &rng) { fields.append(#""note": \#(Bool.random(using: &rng) ? "null" : "\"Ghi chú \(Int.random(in: 0...9, using: &rng))\"")"#) }
            fields.shuffle(using: &rng)
            try expectSame(#"{"entries": [{\#(fields.joined(separator: ", "))}]}"#)
        }
    }

    @Test("anything it does not read exactly as Codable does is left to Codable")
    func leftToCodable() {
        for json in [
            #"{"entries":[{"note":"say \"hi\""}]}"#,                 // an escape
            #"{"entries":[{"counts":{"vneid":1.5}}]}"#,              // a fraction: Codable names the field
            #"{"entries":[{"counts":{"vneid":1e2}}]}"#,              // an exponent
            #"{"entries":[{"counts":{"vneid":99999999999999999999}}]}"#,  // past Int
            #"{"entries":[{"counts":{"vneid":"12"}}]}"#,             // a string for a number
            #"{"entries":[{"counts":{"vneid":012}}]}"#,              // a leading zero (not JSON)
            #"{"entries":[{"id":12}]}"#,                             // a number for a string
            #"{"entries":[{"colour":"red"}]}"#,                      // an unknown key
            #"{"entries":[{"id":"a","id":"b"}]}"#,                   // a repeated key
            #"{"entries":[{"counts":{"a":1,"a":2}}]}"#,
            #"{"entries":[],"dry_run":true}"#,
            #"{"entries":[]} x"#,                                    // trailing bytes
            #"{"entries":[{}],}"#, #"{"entries":[{},]}"#, #"{"entries":[{"id":"a"}"#, #"{"campaign":"x"}"#, "", "[]", "null",
        ] {
            #expect(fast(json) == nil, "\(json)")
        }
        // Invalid UTF-8 inside a string.
        var bytes = Array(#"{"entries":[{"note":"x"}]}"#.utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "x"))!] = 0xFF
        #expect(bytes.withUnsafeBytes(SupportBatchBody.decode) == nil)
    }
}
