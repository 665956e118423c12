import CauNoiCore
import Foundation
import Testing

@Suite("Course completions from a learning platform's export")
struct CourseSheetTests {
    static let courses = [Course(code: "binh_dan_hoc_vu_so", name: "Bình dân học vụ số"),
                          Course(code: "tnv_chinh_quyen_2_cap", name: "Thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp")]
    static let today = LocalDate(iso: "2025-08-15")!

    @Test("headers without accents, phones as spreadsheets keep them, course by name or code, dates with a time")
    func readsExports() throws {
        let table = [["STT", "Ho ten", "SĐT", "Ten khoa hoc", "Thoi gian hoan thanh", "So chung chi"],
                     ["1", "Nguyễn Thị Mai", "912345678", "binh dan hoc vu so", "15/07/2025 10:32", "BDHVS-001"],
                     ["2", "Trần Văn Bình", "+84 912 345 679", "tnv_chinh_quyen_2_cap", "2025-07-20", ""],
                     ["", "", "", "", "", ""]]
        let (rows, errors) = CourseSheet.parse(table, courses: Self.courses, fixedCourse: nil, today: Self.today)
        #expect(errors.isEmpty)
        #expect(rows.map(\.line) == [2, 3])
        #expect(rows[0].phone == "0912345678" && rows[0].courseCode == "binh_dan_hoc_vu_so" && rows[0].completedOn.iso == "2025-07-15")
        #expect(rows[0].certificateNo == "BDHVS-001" && rows[1].certificateNo == nil)
        #expect(rows[1].phone == "0912345679" && rows[1].courseCode == "tnv_chinh_quyen_2_cap" && rows[1].completedOn.iso == "2025-07-20")
    }

    @Test("every bad value named by row and column in one pass; the same person and course twice is an error on the later row")
    func namesEveryProblem() throws {
        let table = [["Số điện thoại", "Khóa học", "Ngày hoàn thành"],
                     ["0912345678", "Bình dân học vụ số", "15/07/2025"],
                     ["12345", "Tin học văn phòng", "31/02/2025"],
                     ["", "Bình dân học vụ số", "20/08/2025"],
                     ["0912 345 678", "BÌNH DÂN HỌC VỤ SỐ", "16/07/2025"]]
        let (rows, errors) = CourseSheet.parse(table, courses: Self.courses, fixedCourse: nil, today: Self.today)
        #expect(rows.count == 1)
        #expect(errors.map(\.line) == [3, 3, 3, 4, 4, 5])
        #expect(errors.map(\.column) == ["Số điện thoại", "Khóa học", "Ngày hoàn thành", "Số điện thoại", "Ngày hoàn thành", "Số điện thoại"])
        #expect(errors[1].message.contains("Tin học văn phòng") && errors[1].message.contains("Bình dân học vụ số"))
        #expect(errors[4].message.contains("tương lai"))
        #expect(errors[5].message == "Trùng số điện thoại và khóa học với dòng 2.")
    }

    @Test("one course for the whole file needs no course column; without either, the header names what is missing")
    func fixedCourse() throws {
        let table = [["Điện thoại", "Ngày cấp"], ["0912345678", "15/07/2025"]]
        let (rows, errors) = CourseSheet.parse(table, courses: Self.courses, fixedCourse: "binh_dan_hoc_vu_so", today: Self.today)
        #expect(errors.isEmpty && rows.first?.courseCode == "binh_dan_hoc_vu_so")
        let (none, missing) = CourseSheet.parse(table, courses: Self.courses, fixedCourse: nil, today: Self.today)
        #expect(none.isEmpty && missing.count == 1 && missing[0].line == 1)
        #expect(missing[0].message.contains("Khóa học") && missing[0].message.contains("chọn khóa học"))
        #expect(CourseSheet.parse([], courses: Self.courses, fixedCourse: nil, today: Self.today).errors.first?.message == "Tệp trống.")
    }
}
