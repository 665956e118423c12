import CauNoiCore
import Foundation
import Testing

@Suite("Volunteer list spreadsheets")
struct VolunteerSheetTests {
    static func commune(_ text: String) -> Result<String, UnitNameMatcher.Problem> {
        switch VietnameseText.words(text).joined(separator: " ") {
        case "phuong hoan kiem", "hoan kiem", "00070": .success("00070")
        case "ba dinh": .failure(.ambiguous([.init(code: "00004", name: "Phường Ba Đình", provinceName: "Thành phố Hà Nội"),
                                              .init(code: "16171", name: "Xã Ba Đình", provinceName: "Thanh Hóa")]))
        default: .failure(.none)
        }
    }

    @Test("values as people type them: Vietnamese labels, accents optional, dd/mm/yyyy, languages by name; headers in any order")
    func readsRows() throws {
        let table = [["Số điện thoại", "HỌ VÀ TÊN", "Gioi tinh", "Xã, phường cư trú", "Lực lượng", "Ngôn ngữ", "Đoàn viên", "Có xe máy", "Ngày đồng ý", "Năm sinh"],
                     ["0912345678", "Nguyễn Thị Mai", "nữ", "hoan kiem", "sinh vien", "Tiếng Việt, Tày", "Có", "không", "15/07/2025", "2004"],
                     ["", "", "", "", "", "", "", "", "", ""]]
        let (rows, errors) = VolunteerSheet.parse(table, commune: Self.commune)
        #expect(errors.isEmpty)
        let d = try #require(rows.first?.draft)
        #expect(rows.count == 1 && rows[0].line == 2)
        #expect(d.fullName == "Nguyễn Thị Mai" && d.phone == "0912345678" && d.gender == "female" && d.homeCommuneCode == "00070")
        #expect(d.forceType == "student" && d.languages == ["vi", "tay"] && d.unionMember == true && d.hasMotorbike == false)
        #expect(d.consentDate == "2025-07-15" && d.birthYear == 2004)
    }

    @Test("every bad value is named with its row and column, in one pass; a missing column stops the file at its header")
    func namesProblems() {
        let table = [["Họ và tên", "Số điện thoại", "Giới tính", "Xã, phường cư trú", "Ngày đồng ý", "Có xe máy"],
                     ["A", "0912345678", "Trai", "ba dinh", "31/02/2025", "có lẽ"],
                     ["B", "0912345679", "Nam", "Không Có", "15/07/2025", ""]]
        let (rows, errors) = VolunteerSheet.parse(table, commune: Self.commune)
        #expect(rows.count == 2)
        let byLine = Dictionary(grouping: errors, by: \.line)
        #expect(Set(byLine[2]?.compactMap(\.column) ?? []) == ["Giới tính", "Xã, phường cư trú", "Ngày đồng ý", "Có xe máy"])
        #expect(byLine[2]?.contains { $0.message.contains("Xã Ba Đình (Thanh Hóa)") } == true)
        #expect(byLine[2]?.contains { $0.message.contains("“Trai” không có trong danh sách: Nam, Nữ, Khác.") } == true)
        #expect(byLine[3]?.map(\.column) == ["Xã, phường cư trú"])
        let missing = VolunteerSheet.parse([["Họ và tên", "Giới tính"], ["A", "Nam"]], commune: Self.commune)
        #expect(missing.rows.isEmpty && missing.errors.count == 1 && missing.errors[0].line == 1)
        #expect(missing.errors[0].message.contains("Số điện thoại") && missing.errors[0].message.contains("Ngày đồng ý"))
    }
}
