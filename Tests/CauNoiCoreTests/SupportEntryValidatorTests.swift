import Foundation
import Testing
@testable import CauNoiCore

struct SupportEntryValidatorTests {
    static let entryID = "6F1C2D3E-0000-4000-8000-000000000001"
    static let teamID = "6F1C2D3E-0000-4000-8000-000000000002"
    static let volA = "6f1c2d3e-0000-4000-8000-00000000000a"
    static let volB = "6F1C2D3E-0000-4000-8000-00000000000B"

    let rules = SupportEntryRules(campaign: .summer2025, today: LocalDate(iso: "2025-08-07")!)

    func validDraft() -> SupportEntryDraft {
        SupportEntryDraft(
            id: Self.entryID, teamID: Self.teamID, communeCode: "00070", date: "2025-08-07",
            volunteerIDs: [Self.volB, Self.volA, Self.volA.uppercased()],
            counts: ["vneid": 12, "ho_so": 5, "tai_nha": 0], beneficiaries: ["elderly": 4, "disabled": 0],
            place: "service_centre", languages: ["vi", "km", "vi"], note: "  Đông người cao tuổi buổi sáng  ")
    }

    func errors(_ draft: SupportEntryDraft, rules: SupportEntryRules? = nil, prefix: String = "") -> [FieldError] {
        switch SupportEntryValidator.validate(draft, rules: rules ?? self.rules, fieldPrefix: prefix) {
        case .success: return []
        case .failure(let failure): return failure.errors
        }
    }

    func fields(_ draft: SupportEntryDraft) -> [String] { errors(draft).map(\.field) }

    @Test func acceptsAndCanonicalisesValidDraft() throws {
        let entry = try SupportEntryValidator.validate(validDraft(), rules: rules).get()
        #expect(entry.id.uuidString == Self.entryID)
        #expect(entry.teamID.uuidString == Self.teamID)
        #expect(entry.communeCode == "00070")
        #expect(entry.date.iso == "2025-08-07")
        #expect(entry.volunteerIDs.map(\.uuidString) == [Self.volA.uppercased(), Self.volB])
        #expect(entry.counts == ["vneid": 12, "ho_so": 5])
        #expect(entry.total == 17)
        #expect(entry.beneficiaries == [.elderly: 4])
        #expect(entry.place == .serviceCentre)
        #expect(entry.languages == [.vi, .km])
        #expect(entry.note == "Đông người cao tuổi buổi sáng")
    }

    @Test func minimalDraft() throws {
        let draft = SupportEntryDraft(id: Self.entryID, teamID: Self.teamID, communeCode: "31900",
                                      date: "2025-07-01", counts: ["phan_luong": 1], place: "home")
        let entry = try SupportEntryValidator.validate(draft, rules: rules).get()
        #expect(entry.volunteerIDs.isEmpty)
        #expect(entry.beneficiaries.isEmpty)
        #expect(entry.languages.isEmpty)
        #expect(entry.note == nil)
        #expect(entry.total == 1)
    }

    @Test func blankNoteBecomesNil() throws {
        var draft = validDraft()
        draft.note = " \n "
        #expect(try SupportEntryValidator.validate(draft, rules: rules).get().note == nil)
    }

    @Test func emptyDraftReportsEveryRequiredField() {
        let found = fields(SupportEntryDraft())
        #expect(found == ["id", "team_id", "commune_code", "date", "counts", "place"])
    }

    @Test func collectsAllErrorsWithPrefix() {
        let draft = SupportEntryDraft(
            id: "x", teamID: "y", communeCode: "70", date: "2025-09-01", volunteerIDs: ["nope"],
            counts: ["vneid": -1, "bogus": 3, "ho_so": 2001], beneficiaries: ["kids": 1],
            place: "moon", languages: ["vi", "xx"], note: "gọi 0912345678, CCCD 079095001234")
        let found = errors(draft, prefix: "entries[3].")
        #expect(found.map(\.field) == [
            "entries[3].id", "entries[3].team_id", "entries[3].commune_code",
            "entries[3].date", "entries[3].date", "entries[3].volunteer_ids[0]",
            "entries[3].counts.bogus", "entries[3].counts.ho_so", "entries[3].counts.vneid",
            "entries[3].beneficiaries.kids", "entries[3].place", "entries[3].languages[1]",
            "entries[3].note",
        ])
        #expect(found.allSatisfy { !$0.message.isEmpty && !$0.messageEN.isEmpty })
    }

    @Test(arguments: ["", "7", "0070", "000070", "0007a", " 0007 ", "٠٠٠٧٠"])
    func rejectsCommuneCode(code: String) {
        var draft = validDraft()
        draft.communeCode = code
        #expect(fields(draft) == ["commune_code"])
    }

    @Test func dateRules() {
        var draft = validDraft()
        draft.date = "2025-8-7"
        #expect(errors(draft).map(\.message) == ["Ngày không đúng định dạng YYYY-MM-DD"])

        draft.date = "2025-06-30"
        let outside = errors(draft)
        #expect(outside.count == 1)
        #expect(outside[0].message.contains("01/07/2025"))
        #expect(outside[0].message.contains("31/08/2025"))

        draft.date = "2025-08-08"
        let future = errors(draft)
        #expect(future.count == 1)
        #expect(future[0].message.contains("ngày trong tương lai"))

        draft.date = "2025-07-01"
        #expect(errors(draft).isEmpty)
        draft.date = nil
        #expect(fields(draft) == ["date"])
    }

    @Test func volunteerRules() {
        var draft = validDraft()
        draft.volunteerIDs = ["bad", Self.volA, ""]
        #expect(fields(draft) == ["volunteer_ids[0]", "volunteer_ids[2]"])

        var small = rules
        small.maxVolunteers = 2
        draft.volunteerIDs = [Self.volA, Self.volB, Self.entryID]
        #expect(errors(draft, rules: small).map(\.field) == ["volunteer_ids"])
        // Duplicates collapse before the limit applies.
        draft.volunteerIDs = [Self.volA, Self.volB, Self.volA, Self.volB.lowercased()]
        #expect(errors(draft, rules: small).isEmpty)
    }

    @Test func countRules() {
        var draft = validDraft()
        draft.counts = [:]
        #expect(fields(draft) == ["counts"])
        draft.counts = nil
        #expect(fields(draft) == ["counts"])
        draft.counts = ["vneid": 0, "ho_so": 0]
        draft.beneficiaries = nil
        #expect(fields(draft) == ["counts"])

        draft.counts = ["vneid": 2000]
        #expect(errors(draft).isEmpty)
        draft.counts = ["vneid": 2001]
        let over = errors(draft)
        #expect(over.map(\.field) == ["counts.vneid"])
        #expect(over[0].message.contains("vượt quá 2.000 lượt cho một danh mục trong một lần ghi"))
        draft.counts = ["vneid": -3]
        #expect(errors(draft).map(\.message) == ["Số lượt không được âm"])
        draft.counts = ["vneid": 1, "unknown": 1]
        let unknown = errors(draft)
        #expect(unknown.map(\.field) == ["counts.unknown"])
        #expect(unknown[0].message == "Danh mục không tồn tại")
    }

    @Test func everyCampaignCategoryIsAccepted() throws {
        var draft = validDraft()
        draft.counts = Dictionary(uniqueKeysWithValues: CampaignDefinition.summer2025.categories.map { ($0.code, 1) })
        let entry = try SupportEntryValidator.validate(draft, rules: rules).get()
        #expect(entry.total == 11)
    }

    @Test func beneficiaryRules() {
        var draft = validDraft()  // total 17
        draft.beneficiaries = ["elderly": 17, "ethnic_minority": 17, "disabled": 0]
        #expect(errors(draft).isEmpty)
        draft.beneficiaries = ["elderly": 18]
        let over = errors(draft)
        #expect(over.map(\.field) == ["beneficiaries.elderly"])
        #expect(over[0].message.contains("17"))
        draft.beneficiaries = ["disabled": -1]
        #expect(fields(draft) == ["beneficiaries.disabled"])
        draft.beneficiaries = ["children": 1]
        #expect(fields(draft) == ["beneficiaries.children"])
        // With broken counts the bound is unknown, so only the counts are blamed.
        draft.counts = ["vneid": -1]
        draft.beneficiaries = ["elderly": 50]
        #expect(fields(draft) == ["counts.vneid"])
    }

    @Test func placeAndLanguageRules() {
        var draft = validDraft()
        for place in SupportPlace.allCases {
            draft.place = place.rawValue
            #expect(errors(draft).isEmpty)
        }
        draft.place = "Tại nhà"
        #expect(fields(draft) == ["place"])
        draft.place = nil
        #expect(fields(draft) == ["place"])
        draft.place = "home"
        draft.languages = Language.allCases.map(\.rawValue).reversed()
        #expect(try! SupportEntryValidator.validate(draft, rules: rules).get().languages == Language.allCases)
        draft.languages = ["VI", "en"]
        #expect(fields(draft) == ["languages[0]", "languages[1]"])
    }

    @Test func noteRules() {
        var draft = validDraft()
        draft.note = String(repeating: "ă", count: 280)
        #expect(errors(draft).isEmpty)
        draft.note = String(repeating: "ă", count: 281)
        #expect(fields(draft) == ["note"])

        draft.note = "Bà cụ CCCD 0790 9500 1234 cần hỗ trợ"
        #expect(errors(draft).map(\.message) == [
            "Nội dung có vẻ chứa số định danh cá nhân (CCCD) — không ghi thông tin cá nhân của người dân.",
        ])
        draft.note = "Con trai: 0912.345.678"
        #expect(errors(draft).map(\.message) == [
            "Nội dung có vẻ chứa số điện thoại — không ghi thông tin cá nhân của người dân.",
        ])
        draft.note = "Hỗ trợ 12 người, 3 cụ già, ngày 07/08/2025"
        #expect(errors(draft).isEmpty)
    }

    @Test func canonicalContentIgnoresOrderingCaseAndNormalisation() throws {
        let a = try SupportEntryValidator.validate(validDraft(), rules: rules).get()
        var shuffled = validDraft()
        shuffled.id = "6F1C2D3E-0000-4000-8000-0000000000FF"
        shuffled.teamID = Self.teamID.lowercased()
        shuffled.volunteerIDs = [Self.volA, Self.volB.lowercased()]
        shuffled.counts = ["ho_so": 5, "vneid": 12]
        shuffled.beneficiaries = ["elderly": 4]
        shuffled.languages = ["km", "vi"]
        shuffled.note = "Đông người cao tuổi buổi sáng".decomposedStringWithCanonicalMapping
        let b = try SupportEntryValidator.validate(shuffled, rules: rules).get()
        #expect(a.id != b.id)
        #expect(a.canonicalContent == b.canonicalContent)
        #expect(Array(a.canonicalContent.utf8) == Array(b.canonicalContent.utf8))
        #expect(!a.canonicalContent.contains(Self.entryID.lowercased()))
    }

    /// Stored entries carry the hash of this text: it must not change, or every re-send of an old entry becomes a conflict.
    @Test func canonicalContentIsStable() throws {
        let entry = try SupportEntryValidator.validate(validDraft(), rules: rules).get()
        let volunteers = entry.volunteerIDs.map { $0.uuidString.lowercased() }.joined(separator: ",")
        let expected = ["team_id=\(entry.teamID.uuidString.lowercased())", "commune_code=\(entry.communeCode)", "date=\(entry.date.iso)",
                        "volunteer_ids=\(volunteers)",
                        "counts=\(entry.counts.keys.sorted().map { "\($0):\(entry.counts[$0]!)" }.joined(separator: ","))",
                        "beneficiaries=\(entry.beneficiaries.isEmpty ? "" : "elderly:\(entry.beneficiaries[.elderly] ?? 0)")",
                        "place=\(entry.place.rawValue)", "languages=\(entry.languages.map(\.rawValue).joined(separator: ","))",
                        "note=\(entry.note.map { "\($0.utf8.count):\($0)" } ?? "-")"].joined(separator: "\n")
        #expect(entry.canonicalContent == expected)
        #expect(entry.canonicalContent.contains("team_id=\(Self.teamID.lowercased())"))
    }

    /// The same, as literal text: every field filled, several of each, volunteers given out of order (stored in the
    /// order of their text), a decomposed note (stored composed, its length in UTF-8 bytes).
    @Test func canonicalContentIsStableLiterally() throws {
        var draft = validDraft()
        draft.volunteerIDs = ["F0000000-0000-4000-8000-000000000001", "0A000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000001"]
        draft.counts = ["vneid": 12, "thu_tuc": 3, "phan_luong": 0]
        draft.beneficiaries = ["disabled": 1, "elderly": 4, "ethnic_minority": 2]
        draft.languages = ["km", "vi"]
        draft.note = "Người cao tuổi".decomposedStringWithCanonicalMapping
        let entry = try SupportEntryValidator.validate(draft, rules: rules).get()
        #expect(entry.canonicalContent == """
            team_id=6f1c2d3e-0000-4000-8000-000000000002
            commune_code=00070
            date=2025-08-07
            volunteer_ids=0a000000-0000-4000-8000-000000000001,a0000000-0000-4000-8000-000000000001,f0000000-0000-4000-8000-000000000001
            counts=thu_tuc:3,vneid:12
            beneficiaries=elderly:4,ethnic_minority:2,disabled:1
            place=service_centre
            languages=vi,km
            note=19:Người cao tuổi
            """)
    }

    @Test func canonicalContentChangesWithContent() throws {
        let base = try SupportEntryValidator.validate(validDraft(), rules: rules).get().canonicalContent
        var mutations: [(inout SupportEntryDraft) -> Void] = []
        mutations.append { $0.counts?["vneid"] = 13 }
        mutations.append { $0.communeCode = "00073" }
        mutations.append { $0.date = "2025-08-06" }
        mutations.append { $0.volunteerIDs = [Self.volA] }
        mutations.append { $0.beneficiaries = ["elderly": 5] }
        mutations.append { $0.place = "home" }
        mutations.append { $0.languages = ["vi"] }
        mutations.append { $0.note = nil }
        mutations.append { $0.note = "Khác" }
        mutations.append { $0.teamID = Self.entryID }
        var seen: Set<String> = [base]
        for mutate in mutations {
            var draft = validDraft()
            mutate(&draft)
            let content = try SupportEntryValidator.validate(draft, rules: rules).get().canonicalContent
            #expect(!seen.contains(content))
            seen.insert(content)
        }
    }

    @Test func noteCannotForgeOtherFields() throws {
        var one = validDraft()
        one.note = "a"
        var two = validDraft()
        two.note = "a\nplace=home"
        let c1 = try SupportEntryValidator.validate(one, rules: rules).get().canonicalContent
        let c2 = try SupportEntryValidator.validate(two, rules: rules).get().canonicalContent
        #expect(c1 != c2)
    }

    @Test func draftDecodesSnakeCaseJSON() throws {
        let json = """
        {"id":"\(Self.entryID)","team_id":"\(Self.teamID)","commune_code":"00070","date":"2025-08-07",
         "volunteer_ids":["\(Self.volA)"],"counts":{"vneid":3},"beneficiaries":{"elderly":1},
         "place":"village","languages":["tay"],"note":"ok"}
        """
        let draft = try JSONDecoder().decode(SupportEntryDraft.self, from: Data(json.utf8))
        #expect(draft.teamID == Self.teamID)
        #expect(draft.communeCode == "00070")
        #expect(draft.volunteerIDs == [Self.volA])
        let entry = try SupportEntryValidator.validate(draft, rules: rules).get()
        #expect(entry.place == .village)
        #expect(entry.languages == [.tay])

        let roundTrip = try JSONDecoder().decode(SupportEntryDraft.self, from: JSONEncoder().encode(draft))
        #expect(roundTrip == draft)
        let encoded = String(decoding: try JSONEncoder().encode(draft), as: UTF8.self)
        #expect(encoded.contains("\"team_id\""))
        #expect(encoded.contains("\"volunteer_ids\""))
    }

    @Test func partialJSONStillDecodes() throws {
        let draft = try JSONDecoder().decode(SupportEntryDraft.self, from: Data("{}".utf8))
        #expect(draft == SupportEntryDraft())
    }
}
