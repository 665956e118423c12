import CauNoiCore
import CauNoiSheets
import Fluent
import Vapor

/// Exports of the volunteer list: scoped, audited, and safe to open in a spreadsheet. The columns are the import
/// template's (communes by name, Vietnamese labels) plus the status, so an exported file can be corrected and
/// uploaded again.
struct ExportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiVolunteersExport, use: csv)
        routes.on(.volunteerExportXLSX, use: xlsx)
    }

    struct Parameters: Content {
        var commune: String?
        var province: String?
        /// The volunteers page's filter names ("xa").
        var xa: String?
    }

    static let header = VolunteerSheet.Column.allCases.map(\.header) + ["Trạng thái"]

    @Sendable
    func csv(req: Request) async throws -> Response {
        let rows = try await Self.rows(req)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"tinh-nguyen-vien.csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: CSVWriter.document(header: Self.header, rows: rows)))
    }

    @Sendable
    func xlsx(req: Request) async throws -> Response {
        let rows = try await Self.rows(req)
        let data = try XLSXWriter.workbook(sheets: [Sheet(name: "Tình nguyện viên", header: Self.header, rows: rows.map { $0.map(Cell.text) })])
        let response = Response.xlsx(data, filename: "tinh-nguyen-vien.xlsx")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// The people the caller may export, filtered by commune or province, one row each; the export is audited.
    private static func rows(_ req: Request) async throws -> [[String]] {
        let p = try req.query.decode(Parameters.self)
        let scope = try await req.scope(for: .exportPersonalData)
        var filter = VolunteerQueries.Filter(commune: (p.commune ?? p.xa).nonEmpty, province: p.province.nonEmpty)
        filter.per = 100_000
        let result = try await VolunteerQueries.list(filter, scope: scope, on: req.db)
        let directory = UnitDirectoryResource.directory
        let rows = result.items.map { v -> [String] in
            var d = VolunteerDraft()
            d.fullName = v.fullName; d.phone = v.phone; d.birthYear = v.birthYear; d.gender = v.gender; d.unionMember = v.unionMember
            d.affiliation = v.affiliation; d.forceType = v.forceType; d.techSkill = v.techSkill; d.communicationSkill = v.communicationSkill
            d.languages = v.languages.split(separator: ",").map(String.init); d.hasMotorbike = v.hasMotorbike; d.consentDate = v.consentDate
            let commune = directory.label(code: v.$homeCommune.id) ?? v.$homeCommune.id
            return VolunteerSheet.cells(d, communeLabel: commune) + [VolunteerStatus(rawValue: v.status)?.vietnamese ?? v.status]
        }
        // Filed under the province whose people left in the file, so that province's admins see the
        // export in their trail; an empty file under the exporter's own province; several provinces
        // under none (national: the centre sees it).
        let exported = Set(result.items.map(\.provinceCode))
        let province = exported.count == 1 ? exported.first : (exported.isEmpty ? try await req.actorProvince() : nil)
        try await Audit.recordAlone(req.auditEvent("export.volunteers", .volunteer, nil, province: province,
                                                   detail: "\(rows.count) rows"), on: req.db)
        return rows
    }
}
