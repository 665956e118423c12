import CauNoiCore
import Fluent
import Vapor

/// CSV exports of personal data: scoped, audited, and safe to open in a spreadsheet.
struct ExportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiVolunteersExport, use: volunteers)
    }

    struct Parameters: Content { var commune: String?; var province: String? }

    @Sendable
    func volunteers(req: Request) async throws -> Response {
        let p = try req.query.decode(Parameters.self)
        let scope = try await req.scope(for: .exportPersonalData)
        var filter = VolunteerQueries.Filter(commune: p.commune.nonEmpty, province: p.province.nonEmpty)
        filter.per = 100_000
        let result = try await VolunteerQueries.list(filter, scope: scope, on: req.db)
        let rows = result.items.map { v in
            [v.fullName, v.phone, v.birthYear.map(String.init) ?? "", v.$homeCommune.id, v.provinceCode,
             ForceType(rawValue: v.forceType)?.vietnamese ?? v.forceType, v.languages, v.status, v.consentDate ?? ""]
        }
        let csv = CSVWriter.document(
            header: ["Họ và tên", "Điện thoại", "Năm sinh", "Mã xã", "Mã tỉnh", "Lực lượng", "Ngôn ngữ", "Trạng thái", "Ngày đồng ý"],
            rows: rows)
        // Filed under the province whose people left in the file, so that province's admins see the
        // export in their trail; an empty file under the exporter's own province; several provinces
        // under none (national: the centre sees it).
        let exported = Set(result.items.map(\.provinceCode))
        let province = exported.count == 1 ? exported.first : (exported.isEmpty ? try await req.actorProvince() : nil)
        try await Audit.recordAlone(req.auditEvent("export.volunteers", .volunteer, nil, province: province,
                                                   detail: "\(rows.count) rows"), on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"tinh-nguyen-vien.csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: csv))
    }
}
