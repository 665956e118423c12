import CauNoiCore
import Foundation
import Testing

@Suite("UUIDs as text without Foundation")
struct UUIDTextTests {
    @Test("formats as Foundation does, upper and lower case, and parses back")
    func roundTrip() {
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(UUIDText.upper(id) == id.uuidString)
            #expect(UUIDText.lower(id) == id.uuidString.lowercased())
            #expect(UUIDText.parse(id.uuidString) == id)
            #expect(UUIDText.parse(id.uuidString.lowercased()) == id)
        }
        let fixed = UUID(uuid: (0x00, 0x01, 0x0a, 0xff, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0))
        #expect(UUIDText.lower(fixed) == "00010aff-1020-3040-5060-708090a0b0c0")
    }

    @Test("accepts exactly what UUID(uuidString:) accepts")
    func sameAcceptance() {
        let samples = ["", "not-a-uuid", "6ba7b810-9dad-11d1-80b4-00c04fd430c", "6ba7b810-9dad-11d1-80b4-00c04fd430c88",
                       "6ba7b8109dad11d180b400c04fd430c8", "6ba7b810-9dad-11d1-80b4_00c04fd430c8", " 6ba7b810-9dad-11d1-80b4-00c04fd430c8",
                       "6ba7b810-9dad-11d1-80b4-00c04fd430cg", "6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
                       "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}", "6ba7b810-9dad-11d1-80b4-00c04fd430ĉ8",
                       "01A22A5A-01B3-762B-B7CE1-D89949FB3A3", "--------------------------------------"]
        for text in samples {
            #expect(UUIDText.parse(text) == UUID(uuidString: text), "\(text)")
        }
    }
}
