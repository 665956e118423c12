import Testing
@testable import CauNoiCore

struct CampaignTests {
    @Test func summer2025() {
        let c = CampaignDefinition.summer2025
        #expect(c.code == "he-2025")
        #expect(c.name == "Đội hình thanh niên tình nguyện hỗ trợ vận hành chính quyền địa phương 2 cấp — Hè 2025")
        #expect(c.start.iso == "2025-07-01")
        #expect(c.end.iso == "2025-08-31")
        #expect(c.range.dayCount == 62)
        #expect(c.categories.map(\.code) == [
            "phan_luong", "thu_tuc", "thiet_bi_cong", "vneid", "dinh_danh", "ho_so",
            "thanh_toan", "tra_cuu", "tai_nha", "ky_nang_so", "dang_vien",
        ])
        #expect(c.categories.first?.name == "Phân luồng, hướng dẫn chung")
        #expect(c.categories.last?.name == "Cập nhật dữ liệu đảng viên")
        #expect(c.requiredCourses.map(\.code) == ["binh_dan_hoc_vu_so", "tnv_chinh_quyen_2_cap"])
        #expect(c.requiredCourses[1].name == "Thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp")
    }

    @Test func categoryLookup() {
        let c = CampaignDefinition.summer2025
        #expect(c.category(code: "vneid")?.name == "Cài đặt, kích hoạt VNeID")
        #expect(c.category(code: "ky_nang_so")?.name == "Kỹ năng số (Bình dân học vụ số)")
        #expect(c.category(code: "VNEID") == nil)
        #expect(c.category(code: "") == nil)
    }

    @Test func categoryNamesAndCodesAreUnique() {
        let c = CampaignDefinition.summer2025
        #expect(Set(c.categories.map(\.code)).count == c.categories.count)
        #expect(Set(c.categories.map(\.name)).count == c.categories.count)
    }
}
