import CauNoiCore
import CauNoiSheets
import Fluent
import Foundation
import Testing
import VaporTesting
import ZIPFoundation
@testable import CauNoiApp

@Suite("Spreadsheet upload and SMS text reports")
struct CaptureTests {
    private func upload(_ app: Application, _ body: Data, storeValid: Bool = false, contentType: HTTPMediaType = HTTPMediaType(type: "text", subType: "csv")) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "api/v1/support-entries/upload\(storeValid ? "?store_valid=true" : "")", beforeRequest: { req in
            req.headers.bearerAuthorization = BearerAuthorization(token: TestUsers.adminToken)
            req.headers.contentType = contentType
            req.body = ByteBuffer(data: body)
        })
    }

    /// The template's header cells, as a secretary's spreadsheet would keep them.
    private func headerCells(_ app: Application) async throws -> [String] {
        CSVReader.rows(try await app.send(.GET, "api/v1/support-entries/template.csv").body.string)[0]
    }

    /// A line as Excel writes it with ";" as the separator (a Vietnamese-locale Excel does).
    private func line(_ cells: [String]) -> String {
        cells.map { $0.contains(";") || $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ";")
    }

    @Test("CSV with BOM and semicolons; bad rows stop the file unless asked; re-upload counts nothing twice", arguments: Engine.enabled)
    func csvUpload(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0977100001")])
            let header = try await headerCells(app)
            let columns = header.count
            func row(_ cells: [Int: String]) -> String { line((0..<columns).map { cells[$0] ?? "" }) }
            // Columns: 0 team, 1 date, 2 commune, 3… categories in campaign order (6 = VNeID, 8 = hồ sơ), then place and who took part.
            let place = try #require(header.firstIndex(of: SpreadsheetTemplate.placeHeader))
            let people = try #require(header.firstIndex(of: SpreadsheetTemplate.attendanceHeader))
            let good1 = row([0: team.code, 1: "11/08/2025", 6: "12", 8: "30", people: "0977100001"])
            // "Tại nhà", the earlier wording, still means at home; the member is named by name, accents optional.
            let good2 = row([0: team.code.lowercased(), 1: "2025-08-12", 6: "4", place: "Tại nhà", people: "nguyen van an"])
            let badTeam = row([0: "99999-9", 1: "12/08/2025", 6: "abc"])
            let badDate = row([0: team.code, 1: "31/02/2025", 6: "1"])
            let negative = row([0: team.code, 1: "12/08/2025", 6: "-5", people: "Người Lạ"])
            let head = line(header)
            let file = "\u{FEFF}" + [head, good1, good2, badTeam, badDate, negative].joined(separator: "\r\n") + "\r\n"

            let refused = try await upload(app, Data(file.utf8))
            #expect(refused.status == .unprocessableEntity)
            let r1 = try refused.content.decode(UploadEntries.Result.self)
            #expect(r1.storedNothing && r1.stored == 0)
            // Every problem in one round: a row with an unreadable count is still checked for its team.
            #expect(r1.errors.map(\.line) == [4, 4, 5, 6, 6], "\(r1.errors.map { "\($0.line) \($0.column ?? "") \($0.message)" })")
            #expect(r1.errors.contains { $0.line == 4 && $0.message.contains("99999-9") })
            #expect(r1.errors.contains { $0.line == 4 && $0.message.contains("\"abc\" không phải số lượt") })
            #expect(r1.errors.contains { $0.line == 5 && $0.column == SpreadsheetTemplate.dateHeader })
            #expect(r1.errors.contains { $0.line == 6 && $0.message.contains("âm") })
            #expect(r1.errors.contains { $0.line == 6 && $0.column == SpreadsheetTemplate.attendanceHeader && $0.message.contains("Người Lạ") })
            #expect(try await SupportEntry.query(on: app.db).count() == 0)

            let partial = try await upload(app, Data(file.utf8), storeValid: true).content.decode(UploadEntries.Result.self)
            #expect(partial.stored == 2 && partial.errors.count == 5 && !partial.storedNothing)
            let again = try await upload(app, Data(file.utf8), storeValid: true).content.decode(UploadEntries.Result.self)
            #expect(again.stored == 0 && again.duplicate == 2)
            #expect(try await SupportEntry.query(on: app.db).count() == 2)
            // Uploaded work counts its people: both rows name the team's one member.
            let attendance = try await app.send(.GET, "api/v1/support-entries").content.decode(Paged<SupportEntryDTO>.self).items.map(\.volunteerIDs)
            #expect(attendance.allSatisfy { $0 == team.members?.map(\.volunteerID) })
            let places = try await app.send(.GET, "api/v1/support-entries").content.decode(Paged<SupportEntryDTO>.self).items.map(\.place)
            #expect(Set(places) == ["home", "service_centre"])
        }
    }

    @Test("XLSX as Excel writes it, from the downloadable template", arguments: [Engine.sqlite])
    func xlsxUpload(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0977100002")])
            let template = try await app.send(.GET, "api/v1/support-entries/template.xlsx")
            let header = try XLSXReader.rows(Data(template.body.readableBytesView))[0]
            #expect(header.first == "Mã đội hình")
            // The place column is a drop-down over the second sheet's list.
            let sheet = try #require(String(data: try unzipped(Data(template.body.readableBytesView), "xl/worksheets/sheet1.xml"), encoding: .utf8))
            let placeColumn = try #require(header.firstIndex(of: SpreadsheetTemplate.placeHeader))
            #expect(sheet.contains("<dataValidation type=\"list\"") && sheet.contains("<formula1>'Danh mục'!$A$2:$A$5</formula1>"))
            #expect(sheet.contains("sqref=\"\(Character(UnicodeScalar(UInt8(65 + placeColumn))))2:"))
            #expect(try XLSXReader.sheetNames(Data(template.body.readableBytesView)) == ["Nhập liệu", "Danh mục"])
            #expect(try XLSXReader.rows(Data(template.body.readableBytesView), sheet: 1).dropFirst().map { $0.first ?? "" }
                    == SupportPlace.allCases.map(\.vietnamese))
            var cells = Array(repeating: Cell.empty, count: header.count)
            cells[0] = .text(team.code)
            cells[1] = .text("13/08/2025")
            cells[6] = .integer(7)
            let data = try XLSXWriter.workbook(sheets: [Sheet(name: "Nhập liệu", header: header, rows: [cells])])
            let res = try await upload(app, data, contentType: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
            #expect(res.status == .ok)
            #expect(try res.content.decode(UploadEntries.Result.self).stored == 1)
            let garbage = try await upload(app, Data([0x50, 0x4B, 0x03, 0x04, 0x00]))
            #expect(garbage.status == .badRequest)
            #expect(try garbage.content.decode(APIErrorBody.self).error.message.contains("XLSX"))
        }
    }

    @Test("SMS reports: parsed, validated, idempotent by message id, answered in Vietnamese", arguments: Engine.enabled)
    func sms(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let leader = try await app.volunteer("Đội trưởng", phone: "0977100003")
            let team = try await app.team(members: [leader])
            func send(_ id: String, _ text: String, from: String = "+84977100003") async throws -> RecordTextReport.Reply {
                let res = try await app.send(.POST, "api/v1/sms/inbound", json: ["message_id": id, "from": from, "text": text])
                #expect(res.status == .ok)
                return try res.content.decode(RecordTextReport.Reply.self)
            }
            let ok = try await send("gw-1", "tnv \(team.code.lowercased()) 12/8 VNEID 12 HOSO 30 TT 5 TV 8")
            #expect(ok.status == "created")
            #expect(ok.reply == "Đã ghi nhận đội \(team.code) ngày 12/8: 55 lượt. Cảm ơn!")
            #expect(try await send("gw-1", "TNV \(team.code) 12/8 VNEID 12 HOSO 30 TT 5 TV 8").status == "duplicate")
            #expect(try await send("gw-2", "xin chao").reply.hasPrefix("Sai cú pháp"))
            #expect(try await send("gw-3", "TNV \(team.code) 12/8 VNEID 12 KARAOKE 3").reply.contains("KARAOKE"))
            #expect(try await send("gw-4", "TNV \(team.code) 32/8 VNEID 1").reply.contains("không hợp lệ"))
            #expect(try await send("gw-5", "TNV \(team.code) 12/8 VNEID 1", from: "0911999999").reply.contains("không thuộc đội"))
            #expect(try await send("gw-6", "TNV \(team.code) 20/9 VNEID 1").status == "rejected")
            let stored = try await app.send(.GET, "api/v1/support-entries").content.decode(Paged<SupportEntryDTO>.self)
            #expect(stored.total == 1)
            #expect(stored.items[0].counts == ["vneid": 12, "ho_so": 30, "thanh_toan": 5, "thu_tuc": 8])
            #expect(stored.items[0].volunteerIDs == [leader])
            #expect(try await app.send(.POST, "api/v1/sms/inbound", json: ["message_id": "x", "from": "0977100003", "text": "TNV"], token: "").status == .unauthorized)
        }
    }
}

/// One part of a zip package, as stored.
private func unzipped(_ data: Data, _ path: String) throws -> Data {
    let archive = try Archive(data: data, accessMode: .read)
    guard let entry = archive[path] else { throw CocoaError(.fileNoSuchFile) }
    var out = Data()
    _ = try archive.extract(entry) { out.append($0) }
    return out
}
