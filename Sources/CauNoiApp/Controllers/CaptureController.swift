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

    struct TemplateParameters: Content {
        var campaign: String?
    }

    /// The template of one campaign (`?campaign=`, else the current one): its categories, its code in the file name.
    private func template(_ req: Request) async throws -> (code: String, header: [String]) {
        let code = try req.query.decode(TemplateParameters.self).campaign
        let campaign = try await CampaignQueries.byCode(code, today: req.today, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        return (definition.code, SpreadsheetTemplate.header(categories: definition.activeCategories))
    }

    @Sendable
    func templateCSV(req: Request) async throws -> Response {
        let (code, header) = try await template(req)
        var example = Array(repeating: "", count: header.count)
        example[0] = "00070-1"
        example[1] = "12/08/2025"
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"mau-nhap-lieu-\(code).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: CSVWriter.document(header: header, rows: [example])))
    }

    @Sendable
    func templateXLSX(req: Request) async throws -> Response {
        let (code, header) = try await template(req)
        // The place column offers its values as a drop-down, read from a second sheet (a place name holds commas).
        let places = SupportPlace.allCases.map(\.vietnamese)
        var lists: [ListValidation] = []
        if let column = header.firstIndex(of: SpreadsheetTemplate.placeHeader) {
            lists.append(ListValidation(column: column, firstRow: 2, lastRow: SpreadsheetParsing.Bounds.entries.maxDataRows + 1,
                                        source: "'Danh mục'!$A$2:$A$\(places.count + 1)",
                                        error: "Chọn một địa điểm trong danh sách: " + places.joined(separator: "; ")))
        }
        let data = try XLSXWriter.workbook(sheets: [Sheet(name: "Nhập liệu", header: header, rows: [], lists: lists),
                                                   Sheet(name: "Danh mục", header: [SpreadsheetTemplate.placeHeader], rows: places.map { [.text($0)] })])
        return Response.xlsx(data, filename: "mau-nhap-lieu-\(code).xlsx")
    }

    struct UploadParameters: Content {
        var storeValid: Bool?
        var campaign: String?
        enum CodingKeys: String, CodingKey { case storeValid = "store_valid", campaign }
    }

    /// The file is the request body (text/csv or the XLSX type); `?store_valid=true` keeps the good rows of a file with bad ones.
    @Sendable
    func upload(req: Request) async throws -> Response {
        let actor = try req.actor()
        let parameters = try req.query.decode(UploadParameters.self)
        let table = try await req.bodySheet()
        let result = try await UploadEntries.run(table, campaign: parameters.campaign, storeValid: parameters.storeValid ?? false,
                                                 actor: actor, on: req.db)
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
        let campaigns = try await UploadPage.choices(req)
        return req.page { UploadPage.render(nil, campaigns: campaigns, context: $0) }
    }

    struct UploadForm: Content {
        var file: File?
        var storeValid: String?
        var campaign: String?
        enum CodingKeys: String, CodingKey { case file, storeValid = "store_valid", campaign }
    }

    @Sendable
    func uploadForm(req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try await Access.scope(for: .writeEntries, actor: actor, on: req.db)
        let form = try req.content.decode(UploadForm.self)
        let table = try await req.uploadedSheet(form.file)
        let result = try await UploadEntries.run(table, campaign: form.campaign, storeValid: form.storeValid != nil, actor: actor, on: req.db)
        let campaigns = try await UploadPage.choices(req)
        return req.page({ UploadPage.render(result, campaigns: campaigns, chosen: form.campaign, context: $0) },
                        status: result.storedNothing ? .unprocessableEntity : .ok)
    }
}

enum UploadPage {
    struct Choice: Equatable {
        var code: String
        var name: String
    }

    /// Campaigns taking entries today, newest first.
    static func choices(_ req: Request) async throws -> [Choice] {
        let today = req.today
        return try await CampaignQueries.all(on: req.db).compactMap(\.definition)
            .filter { $0.takesEntries(on: today) }.map { Choice(code: $0.code, name: $0.name) }
    }

    static func render(_ result: UploadEntries.Result?, campaigns: [Choice], chosen: String? = nil, context: PageContext) -> HTML {
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
        \(templates(campaigns))
        <p>CSV có thể lưu từ Excel (UTF-8, dấu phẩy hoặc chấm phẩy). Nơi không có mạng: <a href="\(SiteRoute.smsSetup.path)">báo cáo qua tin nhắn SMS</a>.</p>
        \(outcome)
        <form method="post" action="\(SiteRoute.upload.path)" enctype="multipart/form-data">\(context.csrfField)
        \(picker(campaigns, chosen: chosen))
        <label class="field"><span>Tệp CSV hoặc XLSX</span><input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
        <label class="check"><input type="checkbox" name="store_valid" value="1"> Lưu các dòng hợp lệ kể cả khi có dòng lỗi</label>
        <p><button type="submit">Tải lên</button></p>
        </form>
        """)
    }

    /// Each campaign's template: its categories are the sheet's columns.
    private static func templates(_ campaigns: [Choice]) -> HTML {
        guard !campaigns.isEmpty else {
            return "<div class=\"alert\" role=\"alert\">Hôm nay không có chiến dịch nào đang nhận số liệu.</div>"
        }
        let links = campaigns.map { c -> HTML in
            "<li>\(c.name): <a href=\"\(SiteRoute.templateXLSX(campaign: c.code).path)\">mẫu XLSX</a> · <a href=\"\(SiteRoute.templateCSV(campaign: c.code).path)\">mẫu CSV</a></li>"
        }
        return "<p>Dùng tệp mẫu của chiến dịch (tiêu đề tiếng Việt):</p><ul>\(links)</ul>"
    }

    private static func picker(_ campaigns: [Choice], chosen: String?) -> HTML {
        guard campaigns.count > 1 else {
            return campaigns.first.map { "<input type=\"hidden\" name=\"campaign\" value=\"\($0.code)\">" } ?? .empty
        }
        let options = campaigns.map { c -> HTML in
            "<option value=\"\(c.code)\"\(c.code == chosen ? " selected" : "")>\(c.name)</option>"
        }
        return "<label class=\"field\"><span>Chiến dịch</span><select name=\"campaign\" required>\(options)</select></label>"
    }
}
