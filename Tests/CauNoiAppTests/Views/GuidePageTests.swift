import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

/// Fixture guides only: no legal content is shipped or asserted as fact.
@Suite("Procedure guides in the web")
struct GuidePageTests {
    static func form(_ title: String, province: String = "", source: String = "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
                     checked: String = "2025-08-10") -> String {
        ["title": title, "office": "Ủy ban nhân dân xã (mẫu thử)", "documents": "Giấy tờ mẫu A\nGiấy tờ mẫu B", "steps": "Bước một\nBước hai",
         "fee": "Không thu (mẫu thử)", "source_url": source, "checked_on": checked, "province_code": province]
            .map { "\($0.key)=\(Browser.enc($0.value))" }.joined(separator: "&")
    }

    @Test("the centre and a province curate guides with history; anyone finds them without accents or with a slip; each shows its source and checked date",
          arguments: Engine.enabled)
    func curateAndFind(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let hanoi = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"), username: "tinh.hanoi")
            let hcm = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"), username: "tinh.hcm")
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"), username: "xa.hoankiem")
            func post(_ path: String, _ body: String, _ token: String = TestUsers.adminToken) async throws -> TestingHTTPResponse {
                try await app.send(.POST, path, rawBody: body, contentType: .urlEncodedForm, token: token)
            }
            func count() async throws -> Int { try await ProcedureGuideRow.query(on: app.db).count() }

            // Bad input names each field and stores nothing.
            let bad = try await post("thu-tuc/moi", Self.form("Đăng ký khai sinh (mẫu thử)", source: "ftp://x", checked: "2030-01-01"))
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("http:// hoặc https://") && bad.body.string.contains("tương lai"))
            #expect(try await count() == 0)

            let national = try await post("thu-tuc/moi", Self.form("Đăng ký khai sinh (mẫu thử)"))
            #expect(national.status == .seeOther)
            let nationalPath = try #require(national.headers.first(name: .location)).replacingOccurrences(of: "?da-luu=1", with: "")
            #expect(try await post("thu-tuc/moi", Self.form("Đăng ký thường trú (mẫu thử)", province: "01"), hanoi).status == .seeOther)
            // A province cannot write the country's guides or another province's; a commune writes none.
            #expect(try await post("thu-tuc/moi", Self.form("Mẫu quốc gia"), hanoi).status == .forbidden)
            #expect(try await post("thu-tuc/moi", Self.form("Mẫu tỉnh khác", province: "01"), hcm).status == .forbidden)
            #expect(try await app.send(.GET, "thu-tuc/moi", token: commune).status == .forbidden)
            #expect(try await post(String(nationalPath.dropFirst()) + "/sua", Self.form("Đổi tên", province: "01"), hanoi).status == .forbidden)
            #expect(try await count() == 2)

            // Found without accents, with one letter too many, by anyone.
            let found = try await app.send(.GET, "thu-tuc?q=dang%20ky%20khai%20sinhh", token: "").body.string
            #expect(found.contains("href=\"\(nationalPath)\"") && found.contains("kiểm tra ngày 10/08/2025"))
            let card = try await app.send(.GET, String(nationalPath.dropFirst()), token: "").body.string
            #expect(card.contains("<li>Giấy tờ mẫu A</li>") && card.contains("Kiểm tra lần cuối: <b>10/08/2025</b>") && card.contains("dichvucong.gov.vn"))
            #expect(!card.contains("Sửa hướng dẫn"))

            // An edit keeps the version it replaces.
            #expect(try await post(String(nationalPath.dropFirst()) + "/sua", Self.form("Đăng ký khai sinh trực tuyến (mẫu thử)", checked: "2025-08-14")).status == .seeOther)
            let edited = try await app.send(.GET, String(nationalPath.dropFirst()) + "?da-luu=1").body.string
            #expect(edited.contains("Đã lưu (phiên bản 2)") && edited.contains("Phiên bản 1: thay lúc"))
            #expect(try await ProcedureGuideVersion.query(on: app.db).count() == 1)

            // The whole set for the field app to keep offline.
            let all = try await app.send(.GET, "api/v1/guides", token: "").content.decode([GuideDTO].self)
            #expect(all.count == 2 && all.contains { $0.title == "Đăng ký khai sinh trực tuyến (mẫu thử)" && $0.documents == ["Giấy tờ mẫu A", "Giấy tờ mẫu B"] })
        }
    }

    @Test("guides from a spreadsheet: every bad row named, the good ones on request, the same file again changes nothing", arguments: Engine.enabled)
    func importSheet(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let hanoi = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"), username: "tinh.hanoi")
            func upload(_ csv: String, storeValid: Bool = false, token: String = TestUsers.adminToken) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "thu-tuc/nhap", beforeRequest: { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: token)
                    try req.content.encode(GuideImportController.UploadForm(file: File(data: ByteBuffer(string: csv), filename: "thu-tuc.csv"),
                                                                           storeValid: storeValid ? "1" : nil), as: .formData)
                })
            }
            let csv = """
            \u{FEFF}Tên thủ tục;Giấy tờ cần mang;Các bước;Nguồn;Ngày kiểm tra;Tỉnh
            Mẫu thử A;"Giấy tờ 1; Giấy tờ 2";Bước 1;https://dichvucong.gov.vn/a;10/08/2025;
            Mẫu thử B;Giấy tờ 3;;ftp://sai;10/08/2025;
            Mẫu thử C;Giấy tờ 4;;https://dichvucong.gov.vn/c;2025-08-11;Hà Nội
            """
            let refused = try await upload(csv)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Dòng 3 – Nguồn"))
            #expect(try await ProcedureGuideRow.query(on: app.db).count() == 0)
            let stored = try await upload(csv, storeValid: true)
            #expect(stored.status == .ok && stored.body.string.contains("Thêm 2, cập nhật 0, 0 không đổi"))
            #expect(try await ProcedureGuideRow.query(on: app.db).filter(\.$provinceCode == "01").count() == 1)
            #expect(try await upload(csv, storeValid: true).body.string.contains("Thêm 0, cập nhật 0, 2 không đổi"))
            let changed = csv.replacingOccurrences(of: "Giấy tờ 4", with: "Giấy tờ 4 (bản mới)")
            #expect(try await upload(changed, storeValid: true).body.string.contains("Thêm 0, cập nhật 1, 1 không đổi"))
            #expect(try await ProcedureGuideVersion.query(on: app.db).count() == 1)
            // A province writes its own guides only: the national rows are named, its own is taken.
            let mixed = try await upload(changed.replacingOccurrences(of: "Giấy tờ 4 (bản mới)", with: "Giấy tờ 4 (tỉnh sửa)"), storeValid: true, token: hanoi)
            #expect(mixed.status == .ok && mixed.body.string.contains("Chỉ Trung ương thêm hướng dẫn áp dụng cả nước") && mixed.body.string.contains("cập nhật 1"))
        }
    }
}
