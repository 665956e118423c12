import CauNoiCore
import CauNoiSheets
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Importing volunteer lists")
struct VolunteerImportTests {
    static let header = "Họ và tên;Số điện thoại;Giới tính;Xã, phường cư trú;Lực lượng;Ngày đồng ý"

    @Test("a province imports its list: bad rows named and nothing stored, then the good rows on request; a re-upload stores nothing twice",
          arguments: Engine.enabled)
    func importList(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            func upload(_ csv: String, storeValid: Bool = false) async throws -> TestingHTTPResponse {
                try await app.send(.POST, "api/v1/volunteers/import\(storeValid ? "?store_valid=true" : "")",
                                   rawBody: csv, contentType: HTTPMediaType(type: "text", subType: "csv"), token: province)
            }
            func count() async throws -> Int { try await Volunteer.query(on: app.db).count() }
            // Excel's CSV: a BOM, semicolons, a quoted commune with a comma.
            let csv = "\u{FEFF}" + Self.header + "\r\n"
                + "Nguyễn Thị Mai;0912345678;Nữ;\"Phường Hoàn Kiếm, Hà Nội\";Sinh viên;15/07/2025\r\n"
                + "Trần Văn Bình;0912345679;Trai;hong ha;Tại chỗ;15/07/2025\r\n"
                + "Lê Văn Cường;0912345678;Nam;Hoàn Kiếm;Tại chỗ;15/07/2025\r\n"
                + "Phạm Thị Dung;0912345680;Nữ;Vũng Tàu;Tại chỗ;15/07/2025\r\n"
                + "Đỗ Minh Đức;0912345681;Nam;phuc xa ba dinh;Tăng cường;16/07/2025\r\n"
            let before = try await count()
            let refused = try await upload(csv)
            #expect(refused.status == .unprocessableEntity)
            let result = try refused.content.decode(ImportVolunteers.Result.self)
            #expect(result.storedNothing && result.rows == 5 && result.stored == 0)
            #expect(result.errors.map(\.line) == [3, 4, 5])
            #expect(result.errors[0].column == "Giới tính" && result.errors[1].message == "Trùng số điện thoại với dòng 2.")
            #expect(result.errors[2].message.contains("ngoài phạm vi quản lý của bạn"))
            #expect(try await count() == before)

            let stored = try await upload(csv, storeValid: true)
            #expect(stored.status == .ok)
            let kept = try stored.content.decode(ImportVolunteers.Result.self)
            #expect(kept.stored == 2 && kept.existing == 0 && kept.errors.count == 3 && !kept.storedNothing)
            #expect(try await count() == before + 2)
            let duc = try #require(try await Volunteer.query(on: app.db).filter(\.$phone == "0912345681").first())
            #expect(duc.$homeCommune.id == "00097" && duc.forceType == "reinforcement" && duc.provinceCode == "01")

            // The same people again, now as XLSX: already there, nothing stored twice.
            let rows: [[Cell]] = [[.text("Nguyễn Thị Mai"), .text("0912345678"), .text("Nữ"), .text("Hoàn Kiếm"), .text("Sinh viên"), .text("15/07/2025")],
                                  [.text("Đỗ Minh Đức"), .text("0912345681"), .text("Nam"), .text("Hồng Hà"), .text("Tăng cường"), .text("16/07/2025")]]
            let xlsx = try XLSXWriter.workbook(sheets: [Sheet(name: "DS", header: Self.header.split(separator: ";").map(String.init), rows: rows)])
            let bytes = try await app.testing().sendRequest(.POST, "api/v1/volunteers/import", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: province)
                req.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                req.body = ByteBuffer(data: xlsx)
            })
            #expect(bytes.status == .ok, "\(bytes.body.string)")
            let repeated = try bytes.content.decode(ImportVolunteers.Result.self)
            #expect(repeated.stored == 0 && repeated.existing == 2 && repeated.errors.isEmpty)
            #expect(try await count() == before + 2)

            // The page: the same file through the browser form, and the template to start from.
            let page = try await app.testing().sendRequest(.POST, "tinh-nguyen-vien/nhap", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: province)
                try req.content.encode(VolunteerImportController.UploadForm(file: File(data: ByteBuffer(string: csv), filename: "ds.csv"), storeValid: nil),
                                       as: .formData)
            })
            #expect(page.status == .unprocessableEntity && page.body.string.contains("Dòng 3 – Giới tính") && page.body.string.contains("chưa lưu dòng nào"))
            let template = try await app.send(.GET, "api/v1/volunteers/template.xlsx", token: "")
            #expect(template.status == .ok)
            let header = try XLSXReader.rows(Data(template.body.readableBytesView)).first
            #expect(header == VolunteerSheet.Column.allCases.map(\.header))
            // Someone who may not register volunteers is refused.
            let leader = try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"))
            #expect(try await app.send(.POST, "api/v1/volunteers/import", rawBody: csv, contentType: HTTPMediaType(type: "text", subType: "csv"),
                                       token: leader).status == .forbidden)
        }
    }
}

@Suite("Course completions in the web")
struct CoursePageTests {
    @Test("a commune officer records a course on the volunteer's page; courses are named, a bad date is named", arguments: Engine.enabled)
    func recordCourse(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let id = try await app.volunteer("Trần Thị Lan", phone: "0947000041")
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let key = id.uuidString.lowercased()
            let page = try await app.send(.GET, "tinh-nguyen-vien/\(key)", token: commune).body.string
            #expect(page.contains("Ghi nhận hoàn thành khóa học") && page.contains("Chưa ghi nhận khóa học nào."))
            let bad = try await app.send(.POST, "tinh-nguyen-vien/\(key)/khoa-hoc", rawBody: "course_code=binh_dan_hoc_vu_so&completed_on=2099-01-01",
                                         contentType: .urlEncodedForm, token: commune)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("value=\"2099-01-01\""))
            #expect(try await CourseCompletion.query(on: app.db).filter(\.$volunteer.$id == id).count() == 0)
            let ok = try await app.send(.POST, "tinh-nguyen-vien/\(key)/khoa-hoc", rawBody: "course_code=binh_dan_hoc_vu_so&completed_on=2025-07-03&certificate_no=BDHVS-1",
                                        contentType: .urlEncodedForm, token: commune)
            #expect(ok.status == .seeOther)
            let after = try await app.send(.GET, "tinh-nguyen-vien/\(key)?da-luu=1", token: commune).body.string
            let name = try #require(CampaignDefinition.summer2025.requiredCourses.first { $0.code == "binh_dan_hoc_vu_so" }?.name)
            #expect(after.contains("\(name) — 03/07/2025 (chứng chỉ BDHVS-1)"))
        }
    }
}

@Suite("SMS set-up page")
struct SMSPageTests {
    @Test("the page shows the callback and syntax, and a test message is read as the gateway would, storing nothing", arguments: Engine.enabled)
    func testMessage(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0947000051")])
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let other = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            let page = try await app.send(.GET, "tin-nhan", token: province).body.string
            #expect(page.contains("/api/v1/sms/inbound") && page.contains("<code>VNEID</code>"))
            func test(_ text: String, token: String) async throws -> String {
                try await app.send(.POST, "tin-nhan", rawBody: "text=\(Browser.enc(text))", contentType: .urlEncodedForm, token: token).body.string
            }
            let ok = try await test("TNV \(team.code) 12/08 VNEID 12 HOSO 3", token: province)
            #expect(ok.contains("Đọc được: \(team.name), ngày 12/08/2025") && ok.contains("Cài đặt, kích hoạt VNeID: 12"))
            #expect(try await test("TNV \(team.code) 12/08 XYZ 4", token: province).contains("Không hiểu mục"))
            #expect(try await test("TNV \(team.code) 12/08 VNEID 1", token: other).contains("không tìm thấy đội \(team.code) trong phạm vi của bạn"))
            #expect(try await SupportEntry.query(on: app.db).count() == 0)
            let observer = try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"))
            #expect(try await app.send(.GET, "tin-nhan", token: observer).status == .forbidden)
        }
    }

    @Test("the list page names the officer's area and offers the list as XLSX in the template's columns, which imports back as the same people",
          arguments: Engine.enabled)
    func exportRoundTrip(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            _ = try await app.volunteer("Nguyễn Thị Mai", phone: "0912000111", languages: ["vi", "tay"])
            _ = try await app.volunteer("Trần Văn Bình", phone: "0912000222", commune: "00073")
            _ = try await app.volunteer("Phạm Thị Dung", phone: "0912000333", commune: "26506")
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let list = try await app.send(.GET, "tinh-nguyen-vien", token: province).body.string
            #expect(list.contains("Tình nguyện viên tại Thành phố Hà Nội") && !list.contains("toàn quốc"))
            #expect(list.contains("/tinh-nguyen-vien/xuat.xlsx"))

            let file = try await app.send(.GET, "tinh-nguyen-vien/xuat.xlsx", token: province)
            #expect(file.status == .ok && file.headers.first(name: .cacheControl) == "no-store")
            let rows = try XLSXReader.rows(Data(file.body.readableBytesView))
            #expect(rows.first == ExportController.header)
            let mai = try #require(rows.first { $0.first == "Nguyễn Thị Mai" })
            #expect(mai.contains("Phường Hoàn Kiếm, Thành phố Hà Nội") && mai.contains("Tày, Tiếng Việt") && mai.contains("01/07/2025"), "\(mai)")
            #expect(rows.count == 3 && !rows.contains { $0.first == "Phạm Thị Dung" })

            let back = try await app.testing().sendRequest(.POST, "api/v1/volunteers/import", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: province)
                req.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                req.body = ByteBuffer(data: Data(file.body.readableBytesView))
            })
            let result = try back.content.decode(ImportVolunteers.Result.self)
            #expect(back.status == .ok && result.errors.isEmpty && result.existing == 2 && result.stored == 0, "\(back.body.string)")
            // The download is personal data: observers see the list without it and cannot fetch it.
            let observer = try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"))
            #expect(try await app.send(.GET, "tinh-nguyen-vien/xuat.xlsx", token: observer).status == .forbidden)
        }
    }
}
