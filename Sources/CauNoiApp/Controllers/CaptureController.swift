import CauNoiCore
import CauNoiSheets
import Fluent
import Vapor

/// Other ways in for support entries: the spreadsheet template and SMS text reports.
struct CaptureController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiTemplateCSV, use: templateCSV)
        routes.on(.apiTemplateXLSX, use: templateXLSX)
        routes.on(.apiEntriesUpload, body: .collect(maxSize: "8mb"), use: upload)
        routes.on(.apiSMSInbound, use: sms)
        routes.on(.uploadPage, use: uploadPage)
        routes.on(.uploadSubmit, body: .collect(maxSize: "8mb"), use: uploadForm)
    }

    private func header(_ req: Request) async throws -> [String] {
        SpreadsheetTemplate.header(categories: try await CampaignQueries.defaultCampaign(on: req.db).settings.categories)
    }

    @Sendable
    func templateCSV(req: Request) async throws -> Response {
        let header = try await header(req)
        var example = Array(repeating: "", count: header.count)
        example[0] = "00070-1"
        example[1] = "12/08/2025"
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"mau-nhap-lieu.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: CSVWriter.document(header: header, rows: [example])))
    }

    @Sendable
    func templateXLSX(req: Request) async throws -> Response {
        let data = try XLSXWriter.workbook(sheets: [Sheet(name: "Nhập liệu", header: try await header(req), rows: [])])
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"mau-nhap-lieu.xlsx\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    struct UploadParameters: Content {
        var storeValid: Bool?
        enum CodingKeys: String, CodingKey { case storeValid = "store_valid" }
    }

    /// The file is the request body (text/csv or the XLSX type); `?store_valid=true` keeps the good rows of a file with bad ones.
    @Sendable
    func upload(req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw AppError.badRequest(vi: "Chưa có tệp nào được gửi.", en: "No file was sent.")
        }
        let storeValid = try req.query.decode(UploadParameters.self).storeValid ?? false
        let table = try await SpreadsheetParsing.rows(Data(buffer.readableBytesView), on: req.application)
        let result = try await UploadEntries.run(table, storeValid: storeValid, actor: actor, on: req.db)
        return try await result.encodeResponse(status: result.storedNothing ? .unprocessableEntity : .ok, for: req)
    }

    @Sendable
    func sms(req: Request) async throws -> RecordTextReport.Reply {
        let actor = try req.actor()
        return try await RecordTextReport.run(try req.content.decode(RecordTextReport.Inbound.self), actor: actor, on: req.db)
    }

    @Sendable
    func uploadPage(req: Request) async throws -> Response {
        _ = try await req.scope(for: .writeEntries)
        return req.page { UploadPage.render(nil, context: $0) }
    }

    struct UploadForm: Content {
        var file: File?
        var storeValid: String?
        enum CodingKeys: String, CodingKey { case file, storeValid = "store_valid" }
    }

    @Sendable
    func uploadForm(req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try await Access.scope(for: .writeEntries, actor: actor, on: req.db)
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            throw AppError.badRequest(vi: "Hãy chọn tệp CSV hoặc XLSX.", en: "Choose a CSV or XLSX file.")
        }
        let table = try await SpreadsheetParsing.rows(Data(file.data.readableBytesView), on: req.application)
        let result = try await UploadEntries.run(table, storeValid: form.storeValid != nil, actor: actor, on: req.db)
        return req.page({ UploadPage.render(result, context: $0) }, status: result.storedNothing ? .unprocessableEntity : .ok)
    }
}

enum UploadPage {
    static func render(_ result: UploadEntries.Result?, context: PageContext) -> HTML {
        var outcome: HTML = .empty
        if let r = result {
            let errors = r.errors.map { e -> HTML in "<li>Dòng \(e.line)\(e.column.map { " – \($0)" } ?? ""): \(e.message)</li>" }
            let summary: HTML = r.storedNothing
                ? "<div class=\"alert\" role=\"alert\">Tệp có \(r.errors.count) lỗi nên chưa lưu dòng nào. Sửa các dòng dưới đây rồi tải lên lại, hoặc chọn \"Lưu các dòng hợp lệ\".</div>"
                : "<div class=\"notice\" role=\"status\">Đã lưu \(r.stored) dòng mới; \(r.duplicate) dòng đã có từ trước.</div>"
            outcome = errors.isEmpty ? summary : "\(summary)<ul>\(errors)</ul>"
        }
        return Layout.page(title: "Tải lên số liệu tuần", section: .teams, context: context, body: """
        <h1>Tải lên số liệu tuần</h1>
        <p>Dùng tệp mẫu (tiêu đề tiếng Việt): <a href="\(SiteRoute.templateXLSX.path)">mẫu XLSX</a> · <a href="\(SiteRoute.templateCSV.path)">mẫu CSV</a>.
        CSV có thể lưu từ Excel (UTF-8, dấu phẩy hoặc chấm phẩy).</p>
        \(outcome)
        <form method="post" action="\(SiteRoute.upload.path)" enctype="multipart/form-data">\(context.csrfField)
        <label class="field"><span>Tệp CSV hoặc XLSX</span><input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
        <label class="check"><input type="checkbox" name="store_valid" value="1"> Lưu các dòng hợp lệ kể cả khi có dòng lỗi</label>
        <p><button type="submit">Tải lên</button></p>
        </form>
        """)
    }
}
