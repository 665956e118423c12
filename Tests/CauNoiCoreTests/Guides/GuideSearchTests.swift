import CauNoiCore
import Foundation
import Testing

/// Fixtures only: made-up guides, never legal content.
@Suite("Procedure guides: rules and ranked search")
struct GuideSearchTests {
    static let guides: [(title: String, body: String)] = [
        ("Kích hoạt tài khoản định danh điện tử VNeID mức 2", "Mang căn cước gắn chip. Điện thoại có số chính chủ. Đến Công an xã."),
        ("Đăng ký khai sinh trực tuyến", "Giấy chứng sinh. Căn cước của cha mẹ. Nộp trên Cổng Dịch vụ công."),
        ("Đăng ký thường trú", "Giấy tờ chứng minh chỗ ở hợp pháp. Tờ khai thay đổi thông tin cư trú."),
        ("Cấp lại mật khẩu VNeID", "Đặt lại mật khẩu trên ứng dụng VNeID bằng số điện thoại chính chủ."),
    ]

    @Test("the title weighs most, accents and case do not matter, and a slip of one letter still finds the guide")
    func ranking() {
        let search = GuideSearch(Self.guides)
        #expect(search.search("kich hoat vneid").first?.index == 0)
        #expect(search.search("ĐĂNG KÝ KHAI SINH").first?.index == 1)
        #expect(search.search("khai sinhh").first?.index == 1)          // one letter too many
        #expect(search.search("thuong tru").first?.index == 2)
        #expect(search.search("mat khau vneid").first?.index == 3)
        #expect(search.search("dang ky").map(\.index).prefix(2).sorted() == [1, 2])
        #expect(search.search("thuon").first?.index == 2)               // still typing: a prefix
        #expect(search.search("zzzz qqqq").isEmpty && search.search("").isEmpty)
        #expect(GuideSearch.oneEditApart("sinhh", "sinh") && GuideSearch.oneEditApart("kihc", "kich") && !GuideSearch.oneEditApart("sinh", "sinh"))
    }

    @Test("2,000 guides answer a search in well under the 20 ms budget (checked for correctness; the timing is in BENCHMARKS.md)")
    func scale() {
        var docs: [(title: String, body: String)] = []
        for i in 0..<2_000 { docs.append(("Thủ tục số \(i) " + Self.guides[i % 4].title, Self.guides[i % 4].body)) }
        let search = GuideSearch(docs)
        #expect(search.count == 2_000)
        let hits = search.search("dang ky khai sinh", limit: 5)
        #expect(hits.count == 5 && hits.allSatisfy { $0.index % 4 == 1 })
    }

    @Test("a guide needs a title, what to bring, an official http(s) source and a checked date not in the future")
    func validation() {
        var d = ProcedureGuideDraft()
        d.title = "Đăng ký khai sinh"
        d.sourceURL = "javascript:alert(1)"
        d.checkedOn = "2030-01-01"
        d.provinceCode = "99"
        guard case .failure(let f) = ProcedureGuideValidator.validate(d, today: LocalDate(iso: "2025-08-15")!, knownProvinces: ["01"]) else {
            Issue.record("accepted"); return
        }
        #expect(Set(f.errors.map(\.field)) == ["documents", "source_url", "checked_on", "province_code"])
        d.documents = "- Giấy chứng sinh\n• Căn cước của cha hoặc mẹ\n\n"
        d.steps = "Nộp hồ sơ\nNhận kết quả"
        d.sourceURL = "https://dichvucong.gov.vn/"
        d.checkedOn = "2025-08-15"
        d.provinceCode = "01"
        guard case .success(let g) = ProcedureGuideValidator.validate(d, today: LocalDate(iso: "2025-08-15")!, knownProvinces: ["01"]) else {
            Issue.record("refused"); return
        }
        #expect(g.documents == ["Giấy chứng sinh", "Căn cước của cha hoặc mẹ"] && g.steps.count == 2 && g.provinceCode == "01")
    }
}
