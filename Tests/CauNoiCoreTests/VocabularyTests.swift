import Foundation
import Testing
@testable import CauNoiCore

struct VocabularyTests {
    @Test func rawValuesAreStable() {
        #expect(OrgLevel.allCases.map(\.rawValue) == ["national", "province", "commune"])
        #expect(UnitType.allCases.map(\.rawValue) == ["tinh", "thanh_pho_trung_uong", "xa", "phuong", "dac_khu", "quoc_gia"])
        #expect(Gender.allCases.map(\.rawValue) == ["male", "female", "other"])
        #expect(ForceType.allCases.map(\.rawValue) == ["local", "reinforcement", "student"])
        #expect(SkillLevel.allCases.map(\.rawValue) == ["basic", "intermediate", "advanced"])
        #expect(VolunteerStatus.allCases.map(\.rawValue) == ["active", "paused", "left"])
        #expect(TeamKind.allCases.map(\.rawValue) == ["service_centre", "mobile", "community_digital", "home_support"])
        #expect(BeneficiaryGroup.allCases.map(\.rawValue) == ["elderly", "ethnic_minority", "disabled"])
        #expect(SupportPlace.allCases.map(\.rawValue) == ["service_centre", "home", "village", "mobile_point"])
        #expect(Language.allCases.map(\.rawValue) == ["vi", "km", "tay", "thai", "muong", "hmong", "nung", "dao", "jrai", "ede", "bana", "cham"])
    }

    @Test func labels() {
        #expect(UnitType.thanhPhoTrungUong.vietnamese == "Thành phố trung ương")
        #expect(UnitType.dacKhu.vietnamese == "Đặc khu")
        #expect(ForceType.reinforcement.vietnamese == "Tăng cường")
        #expect(SkillLevel.advanced.vietnamese == "Thành thạo")
        #expect(VolunteerStatus.left.vietnamese == "Đã rời")
        #expect(TeamKind.serviceCentre.vietnamese == "Đội hình tại Trung tâm phục vụ hành chính công")
        #expect(TeamKind.homeSupport.vietnamese == "Đội hỗ trợ tại nhà")
        #expect(BeneficiaryGroup.ethnicMinority.vietnamese == "Đồng bào dân tộc thiểu số")
        #expect(SupportPlace.village.vietnamese == "Thôn, bản, ấp")
        #expect(Language.hmong.vietnamese == "H'Mông")
        #expect(Language.ede.vietnamese == "Ê Đê")
        #expect(Language.jrai.vietnamese == "Gia Rai")
    }

    @Test func labelsAreUniqueAndNonEmpty() {
        func check<T: CaseIterable>(_ type: T.Type, _ label: (T) -> String) {
            let labels = T.allCases.map(label)
            #expect(Set(labels).count == labels.count)
            #expect(labels.allSatisfy { !$0.isEmpty })
        }
        check(OrgLevel.self, \.vietnamese)
        check(UnitType.self, \.vietnamese)
        check(Gender.self, \.vietnamese)
        check(ForceType.self, \.vietnamese)
        check(SkillLevel.self, \.vietnamese)
        check(VolunteerStatus.self, \.vietnamese)
        check(TeamKind.self, \.vietnamese)
        check(BeneficiaryGroup.self, \.vietnamese)
        check(SupportPlace.self, \.vietnamese)
        check(Language.self, \.vietnamese)
    }

    @Test(arguments: [
        ("tỉnh", UnitType.tinh), ("thành phố trung ương", .thanhPhoTrungUong), ("xã", .xa),
        ("phường", .phuong), ("đặc khu", .dacKhu), ("Đặc Khu", .dacKhu), ("  PHƯỜNG ", .phuong),
        ("tinh", .tinh), ("Thành phố  trung ương", .thanhPhoTrungUong), ("quốc gia", .quocGia),
        ("thanh_pho_trung_uong", .thanhPhoTrungUong),
    ])
    func unitTypeFromVietnamese(text: String, expected: UnitType) {
        #expect(UnitType.fromVietnamese(text) == expected)
        #expect(UnitType.fromVietnamese(text.decomposedStringWithCanonicalMapping) == expected)
    }

    @Test(arguments: ["", "huyện", "thị xã", "thành phố", "quận"])
    func unitTypeRejectsUnknown(text: String) {
        #expect(UnitType.fromVietnamese(text) == nil)
    }

    @Test func codableUsesRawValues() throws {
        let data = try JSONEncoder().encode([SupportPlace.mobilePoint])
        #expect(String(decoding: data, as: UTF8.self) == #"["mobile_point"]"#)
        #expect(try JSONDecoder().decode([TeamKind].self, from: Data(#"["community_digital"]"#.utf8)) == [.communityDigital])
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([Language].self, from: Data(#"["xx"]"#.utf8))
        }
    }
}
