import Testing
@testable import CauNoiCore

@Suite("A ledger entry as the text on its pending mark")
struct RollupLedgerEntryTextTests {
    typealias Entry = RollupLedger.Entry

    static let entry = Entry(date: LocalDate(iso: "2025-08-05")!, teamID: "6f1c2e9a-0b1d-4c7e-9a55-3f0e8d2b7c41", communeCode: "00070",
                             provinceCode: "01", total: 7, place: "service_centre", counts: ["vneid": 3, "ho_so": 4], groups: ["elderly": 2],
                             volunteerIDs: ["0a4b0c39-8a1e-4a51-b5d3-0d6f2f7e9b10", "c2d7e1f4-3b5a-4e8c-9d0f-1a2b3c4d5e6f"])

    @Test("an entry is written as one line, its maps in key order, and read back equal")
    func roundTrip() {
        let text = Self.entry.encoded
        #expect(text == "2025-08-05|6f1c2e9a-0b1d-4c7e-9a55-3f0e8d2b7c41|00070|01|7|service_centre|ho_so=4,vneid=3|elderly=2|"
                + "0a4b0c39-8a1e-4a51-b5d3-0d6f2f7e9b10,c2d7e1f4-3b5a-4e8c-9d0f-1a2b3c4d5e6f")
        #expect(Entry(encoded: text) == Self.entry)
    }

    @Test("empty maps and no volunteers read back as empty, not as one empty item")
    func empty() {
        var e = Self.entry
        (e.counts, e.groups, e.volunteerIDs, e.total) = ([:], [:], [], 0)
        #expect(e.encoded.hasSuffix("|0|service_centre|||"))
        #expect(Entry(encoded: e.encoded) == e)
    }

    @Test("a separator or percent sign inside a code is escaped and comes back as it was")
    func escapes() {
        var e = Self.entry
        e.place = "a|b,c=d%e"
        e.counts = ["x=y": 1, "100%": 2, "p,q": 3]
        e.volunteerIDs = ["v|1", "v,2"]
        e.teamID = "đội 1"
        let text = e.encoded
        #expect(text.split(separator: "|").count == 9)
        #expect(text.contains("a%7Cb%2Cc%3Dd%25e"))
        #expect(Entry(encoded: text) == e)
    }

    @Test("any other text is refused rather than counted wrong", arguments: [
        "", "2025-08-05", "2025-13-05|t|c|p|7|home|||", "2025-08-05|t|c|p|seven|home|||", "2025-08-05|t|c|p|7|home|vneid|||",
        "2025-08-05|t|c|p|7|home|vneid=x||", "2025-08-05|t|c|p|7|home|a=1,a=2||", "2025-08-05|t|c|p|7|home|||v,,w",
        "2025-08-05|t|c|p|7|home|||v|extra", "2025-08-05|t%7|c|p|7|home|||", "2025-08-05|t%41|c|p|7|home|||",
    ])
    func refused(text: String) {
        #expect(Entry(encoded: text) == nil)
    }
}
