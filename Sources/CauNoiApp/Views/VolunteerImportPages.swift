import CauNoiCore
import CauNoiSheets
import Fluent
import Vapor

/// Importing a list of volunteers from a spreadsheet: the template, the upload form, and what happened to each row.
enum VolunteerImportPage {
    static func render(_ result: ImportVolunteers.Result?, context: PageContext) -> HTML {
        var outcome: HTML = .empty
        if let r = result {
            let errors = r.errors.prefix(500).map { e -> HTML in "<li>Dòng \(e.line)\(e.column.map { " – \($0)" } ?? ""): \(e.message)</li>" }
            let more: HTML = r.errors.count > 500 ? "<li>… và \(VietnameseNumber.grouped(r.errors.count - 500)) lỗi khác.</li>" : .empty
            let summary: HTML = r.storedNothing
                ? "<div class=\"alert\" role=\"alert\">Tệp có \(VietnameseNumber.grouped(r.errors.count)) lỗi nên chưa lưu dòng nào. Sửa các dòng dưới đây rồi tải lên lại, hoặc chọn “Lưu các dòng hợp lệ”.</div>"
                : "<div class=\"notice\" role=\"status\">Đã thêm \(VietnameseNumber.grouped(r.stored)) tình nguyện viên; \(VietnameseNumber.grouped(r.existing)) người đã có (trùng số điện thoại) được giữ nguyên\(r.errors.isEmpty ? "" : "; \(VietnameseNumber.grouped(r.errors.count)) lỗi ở các dòng dưới đây không được lưu").</div>"
            outcome = errors.isEmpty ? summary : "\(summary)<ul class=\"errors\">\(errors)\(more)</ul>"
        }
        let columns = VolunteerSheet.Column.allCases.map { "<li>\($0.header)</li>" as HTML }
        return Layout.page(title: "Nhập danh sách tình nguyện viên", section: .volunteers, context: context, body: """
        <h1>Nhập danh sách tình nguyện viên</h1>
        <p>Tải <a href="\(Endpoint.apiVolunteersTemplateXLSX.path())">tệp mẫu XLSX</a>, điền mỗi người một dòng, rồi tải lên (XLSX hoặc CSV UTF-8). \
        Người đã có số điện thoại trong hệ thống được giữ nguyên, nên tải lại cùng một tệp không tạo bản trùng.</p>
        <details><summary>Các cột của tệp</summary><ul>\(columns)</ul>
        <p class="hint">Bắt buộc: họ và tên, số điện thoại, xã/phường cư trú (tên, có dấu hoặc không, hoặc mã 5 chữ số), ngày đồng ý (dd/mm/yyyy). \
        Giới tính: Nam, Nữ, Khác. Lực lượng: Tại chỗ, Tăng cường, Sinh viên. Kỹ năng: Cơ bản, Khá, Thành thạo. Đoàn viên, có xe máy: Có/Không. \
        Ngôn ngữ: tên, cách nhau bằng dấu phẩy (Tiếng Việt, Tày, Thái…).</p></details>
        \(outcome)
        <form method="post" action="\(SiteRoute.volunteerImport.path)" enctype="multipart/form-data">\(context.csrfField)
        <label class="field"><span>Tệp XLSX hoặc CSV</span><input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
        <label class="check"><input type="checkbox" name="store_valid" value="1"> Lưu các dòng hợp lệ kể cả khi có dòng lỗi</label>
        <p><button type="submit">Tải lên</button></p>
        </form>
        """)
    }
}

struct VolunteerImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiVolunteersTemplateXLSX, use: template)
        routes.on(.apiVolunteersImport, body: .collect(maxSize: "24mb"), use: importFile)
        routes.on(.volunteerImportPage, use: page)
        routes.on(.volunteerImportSubmit, body: .collect(maxSize: "24mb"), use: importForm)
    }

    /// The headers and one example row; anyone may download it.
    @Sendable
    func template(req: Request) async throws -> Response {
        let example: [Cell] = [.text("Nguyễn Thị Mai"), .text("0912345678"), .integer(2004), .text("Nữ"), .text("Có"),
                               .text("Trường Đại học Bách khoa Hà Nội"), .text("Phường Hoàn Kiếm, Hà Nội"), .text("Sinh viên"),
                               .text("Khá"), .text("Thành thạo"), .text("Tiếng Việt"), .text("Không"), .text("15/07/2025")]
        let data = try XLSXWriter.workbook(sheets: [Sheet(name: "Tình nguyện viên", header: VolunteerSheet.Column.allCases.map(\.header), rows: [example])])
        return Response.xlsx(data, filename: "mau-danh-sach-tinh-nguyen-vien.xlsx")
    }

    struct Parameters: Content {
        var storeValid: Bool?
        enum CodingKeys: String, CodingKey { case storeValid = "store_valid" }
    }

    /// The file is the request body (text/csv or the XLSX type); `?store_valid=true` keeps the good rows of a file with bad ones.
    @Sendable
    func importFile(req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try await Access.scope(for: .writeVolunteer, actor: actor, on: req.db)
        let storeValid = try req.query.decode(Parameters.self).storeValid ?? false
        let table = try await req.bodySheet(bounds: .volunteers)
        let result = try await ImportVolunteers.run(table, storeValid: storeValid, actor: actor, on: req.db)
        return try await result.encodeResponse(status: result.storedNothing ? .unprocessableEntity : .ok, for: req)
    }

    @Sendable
    func page(req: Request) async throws -> Response {
        _ = try await req.scope(for: .writeVolunteer)
        return req.page { VolunteerImportPage.render(nil, context: $0) }
    }

    struct UploadForm: Content {
        var file: File?
        var storeValid: String?
        enum CodingKeys: String, CodingKey { case file, storeValid = "store_valid" }
    }

    @Sendable
    func importForm(req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try await Access.scope(for: .writeVolunteer, actor: actor, on: req.db)
        let form = try req.content.decode(UploadForm.self)
        let table = try await req.uploadedSheet(form.file, bounds: .volunteers)
        let result = try await ImportVolunteers.run(table, storeValid: form.storeValid != nil, actor: actor, on: req.db)
        return req.page({ VolunteerImportPage.render(result, context: $0) }, status: result.storedNothing ? .unprocessableEntity : .ok,
                        personalData: true)
    }
}

extension ImportVolunteers.Result: Content {}

extension Response {
    /// A workbook to download under `filename`.
    static func xlsx(_ data: Data, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// The same table as its workbook, as CSV (UTF-8) under `filename`: shares written as Vietnamese percentages.
    static func csv(header: [String], cells: [[Cell]], filename: String) -> Response {
        let rows = cells.map { row in
            row.map { cell -> String in
                switch cell {
                case .text(let s): s
                case .integer(let n): String(n)
                case .number(let x): VietnameseNumber.percent(x)
                case .empty: ""
                }
            }
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return Response(status: .ok, headers: headers, body: .init(string: CSVWriter.document(header: header, rows: rows)))
    }
}
