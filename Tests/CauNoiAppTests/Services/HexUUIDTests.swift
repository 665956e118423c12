import Foundation
import Testing
@testable import CauNoiApp

@Suite("UUIDs read from text without sscanf")
struct HexUUIDTests {
    @Test("every UUID reads back, in either case; anything else answers as Foundation does")
    func roundTrip() {
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(Hex.uuid(id.uuidString) == id)
            #expect(Hex.uuid(id.uuidString.lowercased()) == id)
        }
        for text in ["", "not-a-uuid", "01A22A5A01B3762BB7CE1D89949FB3A3", "01A22A5A-01B3-762B-B7CE-1D89949FB3A", "01A22A5A-01B3-762B-B7CE-1D89949FB3A3F",
                     "01A22A5A-01B3-762B-B7CE1-D89949FB3A3", "01A22A5G-01B3-762B-B7CE-1D89949FB3A3", "--------------------------------------"] {
            #expect(Hex.uuid(text) == UUID(uuidString: text), "\(text)")
        }
    }
}
