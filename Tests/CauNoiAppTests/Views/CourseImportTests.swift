import CauNoiCore
import CauNoiSheets
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Importing course completions")
struct CourseImportTests {
    static let csvType = HTTPMediaType(type: "text", subType: "csv")

    @Test("a province imports a platform export: bad rows stop the file, others' phones are listed not matched, a re-upload changes nothing",
          arguments: Engine.enabled)
    func importExport(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let mai = try await app.volunteer("Nguyễn Thị Mai", phone: "0912000111")
            let binh = try await app.volunteer("Trần Văn Bình", phone: "0912000222")
            _ = try await app.volunteer("Phạm Thị Dung", phone: "0912000333", commune: "26506")   // Hồ Chí Minh: not the province's
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            func upload(_ csv: String, query: String = "") async throws -> TestingHTTPResponse {
                try await app.send(.POST, "api/v1/course-completions/import\(query)", rawBody: csv, contentType: Self.csvType, token: province)
            }
            func completions() async throws -> [String] {
                try await CourseCompletion.query(on: app.db).sort(\.$completedOn).all().map { "\($0.$volunteer.id == mai ? "mai" : "binh") \($0.courseCode) \($0.completedOn)" }
            }
            let csv = """
            \u{FEFF}Họ và tên;Số điện thoại;Khóa học;Ngày hoàn thành
            Nguyễn Thị Mai;912000111;Bình dân học vụ số;15/07/2025
            Trần Văn Bình;+84 912 000 222;tnv_chinh_quyen_2_cap;2025-07-20
            Phạm Thị Dung;0912000333;Bình dân học vụ số;16/07/2025
            Lê Văn Cường;0912000444;Bình dân học vụ số;31/02/2025
            Đỗ Minh Đức;0912000555;Tin học văn phòng;16/07/2025
            Nguyễn Thị Mai;0912000111;Bình dân học vụ số;17/07/2025
            """
            let refused = try await upload(csv)
            #expect(refused.status == .unprocessableEntity)
            let r1 = try refused.content.decode(ImportCourses.Result.self)
            #expect(r1.storedNothing && r1.rows == 6 && r1.errors.map(\.line) == [5, 6, 7])
            #expect(try await completions().isEmpty)

            let kept = try await upload(csv, query: "?store_valid=true")
            #expect(kept.status == .ok, "\(kept.body.string)")
            let r2 = try kept.content.decode(ImportCourses.Result.self)
            #expect(r2.stored == 2 && r2.updated == 0 && r2.unchanged == 0 && r2.errors.count == 3)
            // The other province's volunteer is not found, and the answer does not show the number.
            #expect(r2.unmatched == [.init(line: 4, phone: "091****333")])
            #expect(try await completions() == ["mai binh_dan_hoc_vu_so 2025-07-15", "binh tnv_chinh_quyen_2_cap 2025-07-20"])

            let again = try await upload(csv, query: "?store_valid=true").content.decode(ImportCourses.Result.self)
            #expect(again.stored == 0 && again.updated == 0 && again.unchanged == 2)

            // One course for the whole file, as XLSX; Mai's later export moves her date, Bình gains the first course.
            let rows: [[Cell]] = [[.text("0912000111"), .text("18/07/2025")], [.text("0912000222"), .text("19/07/2025")]]
            let xlsx = try XLSXWriter.workbook(sheets: [Sheet(name: "Export", header: ["SĐT", "Ngày hoàn thành"], rows: rows)])
            let sent = try await app.testing().sendRequest(.POST, "api/v1/course-completions/import?course=binh_dan_hoc_vu_so", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: province)
                req.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                req.body = ByteBuffer(data: xlsx)
            })
            #expect(sent.status == .ok, "\(sent.body.string)")
            let r3 = try sent.content.decode(ImportCourses.Result.self)
            #expect(r3.stored == 1 && r3.updated == 1 && r3.newlyTrained == 1)
            #expect(try await completions() == ["mai binh_dan_hoc_vu_so 2025-07-18", "binh binh_dan_hoc_vu_so 2025-07-19", "binh tnv_chinh_quyen_2_cap 2025-07-20"])
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "volunteer.course_import").count()
            #expect(audit == 3)

            // The page: the same file through the browser form, with the rows it could not read.
            let page = try await app.testing().sendRequest(.POST, "tinh-nguyen-vien/nhap-khoa-hoc", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: province)
                try req.content.encode(CourseImportController.UploadForm(file: File(data: ByteBuffer(string: csv), filename: "ket-qua.csv"),
                                                                        course: "", storeValid: "1"), as: .formData)
            })
            let body = page.body.string
            #expect(page.status == .ok && body.contains("cập nhật 1, 1 lượt đã có từ trước") && body.contains("Dòng 6 – Khóa học"))
            #expect(body.contains("Dòng 4: 091****333") && !body.contains("0912000333"))
            #expect(try await app.send(.GET, "tinh-nguyen-vien/nhap-khoa-hoc", token: province).body.string.contains("Khóa học của cả tệp"))
            // Someone who may not change volunteers is refused.
            let observer = try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"))
            #expect(try await app.send(.POST, "api/v1/course-completions/import", rawBody: csv, contentType: Self.csvType, token: observer).status == .forbidden)
        }
    }
}
