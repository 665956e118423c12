import CauNoiCore
import Fluent
import Vapor

struct AuditEntryDTO: Content, Equatable {
    var id: UUID
    var at: Date
    var userID: UUID?
    var username: String?
    var role: String?
    var unitCode: String?
    var provinceCode: String?
    var action: String
    var objectType: String?
    var objectID: String?
    var outcome: String
    var requestID: String?
    var clientIP: String?
    var detail: String?

    enum CodingKeys: String, CodingKey {
        case id, at, userID = "user_id", username, role, unitCode = "unit_code", provinceCode = "province_code", action
        case objectType = "object_type", objectID = "object_id", outcome, requestID = "request_id", clientIP = "client_ip", detail
    }

    init(_ e: AuditEntry) {
        id = e.id ?? UUID()
        at = e.at
        userID = e.userID
        username = e.username
        role = e.role
        unitCode = e.unitCode
        provinceCode = e.provinceCode
        action = e.action
        objectType = e.objectType
        objectID = e.objectID
        outcome = e.outcome
        requestID = e.requestID
        clientIP = e.clientIP
        detail = e.detail
    }
}

struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiAudit, use: list)
        routes.on(.auditPage, use: page)
    }

    struct Parameters: Content {
        var action: String?
        var username: String?
        var from: String?
        var to: String?
        var page: Int?
        var per: Int?
        var hanhDong: String?
        enum CodingKeys: String, CodingKey { case action, username, from, to, page, per, hanhDong = "hanh-dong" }
    }

    /// Dates are local days in Asia/Ho_Chi_Minh; rows are stored in UTC.
    private func filter(_ req: Request) throws -> AuditQueries.Filter {
        let p = try req.query.decode(Parameters.self)
        var errors = FieldErrors()
        var filter = AuditQueries.Filter()
        filter.action = (p.action ?? p.hanhDong).nonEmpty
        filter.username = p.username.nonEmpty.map(UserValidator.foldUsername)
        for (name, raw) in [("from", p.from), ("to", p.to)] {
            guard let raw = raw.nonEmpty else { continue }
            guard let day = LocalDate(iso: raw) else {
                errors.add(name, "Ngày không hợp lệ, cần dạng YYYY-MM-DD.", "Invalid date; use YYYY-MM-DD.")
                continue
            }
            let start = Date(timeIntervalSince1970: TimeInterval(day.dayNumber) * 86400 - 7 * 3600)
            if name == "from" { filter.from = start } else { filter.to = start.addingTimeInterval(86400) }
        }
        Pagination.apply(page: p.page, per: p.per, max: 500, to: &filter.page, &filter.per, errors: &errors)
        try errors.throwIfAny()
        return filter
    }

    @Sendable
    func list(req: Request) async throws -> Paged<AuditEntryDTO> {
        let filter = try filter(req)
        let result = try await AuditQueries.list(filter, scope: try await req.scope(for: .readAudit), on: req.db)
        return Paged(items: result.items.map(AuditEntryDTO.init), page: filter.page, per: filter.per, total: result.total)
    }

    @Sendable
    func page(req: Request) async throws -> Response {
        let filter = try filter(req)
        let result = try await AuditQueries.list(filter, scope: try await req.scope(for: .readAudit), on: req.db)
        let model = AuditPage.Model(action: filter.action, items: result.items.map(AuditEntryDTO.init), total: result.total)
        return req.page({ AuditPage.render(model, context: $0) }, personalData: true)
    }
}

enum AuditPage {
    struct Model: Equatable, Sendable {
        var action: String?
        var items: [AuditEntryDTO]
        var total: Int
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let rows = m.items.map { e -> HTML in
            let outcome: HTML = e.outcome == "ok" ? "" : " <b>(\(e.outcome == "denied" ? "bị từ chối" : e.outcome))</b>"
            let object: HTML = AuditLabels.object(type: e.objectType, id: e.objectID).map { o in
                o.link.map { "<a href=\"\($0)\">\(o.label)</a>" as HTML } ?? "\(o.label)"
            } ?? .empty
            let detail: HTML = e.detail.map { "<br><small>\($0)</small>" } ?? .empty
            return """
                <tr><td data-label="Thời gian">\(LocalDate.vietnameseDateTime(e.at))</td><td data-label="Người dùng">\(e.username ?? "—")</td>\
                <td data-label="Hành động">\(AuditLabels.action(e.action))\(outcome)\(detail)</td><td data-label="Đối tượng">\(object)</td>\
                <td data-label="Địa chỉ">\(e.clientIP ?? "")</td></tr>
                """
        }
        return Layout.page(title: "Nhật ký hệ thống", section: .audit, context: context, body: """
        <h1>Nhật ký hệ thống</h1>
        <form class="search" method="get" action="\(SiteRoute.audit().path)">
        \(Layout.select("Lọc theo hành động", name: "hanh-dong", options: AuditLabels.actions.sorted { $0.value < $1.value }.map { (value: $0.key, label: $0.value) },
                        selected: m.action, error: nil, includeBlank: true))
        <button type="submit">Lọc</button>
        </form>
        <p>\(VietnameseNumber.grouped(m.total)) bản ghi (giờ Việt Nam)</p>
        <table class="wide cards"><thead><tr><th>Thời gian</th><th>Người dùng</th><th>Hành động</th><th>Đối tượng</th><th>Địa chỉ</th></tr></thead><tbody>\(rows)</tbody></table>
        """)
    }
}
