import CauNoiCore
import Fluent
import Vapor

/// The signed-in person's API tokens (for the SMS gateway, a spreadsheet script, another system): make one with
/// their own role, see when each expires, revoke one. A new token is shown once, on the page that made it.
enum TokenListPage {
    struct Row: Equatable, Sendable {
        var id: UUID
        var name: String
        var role: String
        var expires: String
        var status: String
        var revocable: Bool
    }

    struct Model: Equatable, Sendable {
        var rows: [Row]
        var form: Form = .init()
        var errors: [String: String] = [:]
        /// The token just made: shown once.
        var newToken: String?
        var notice: String?
    }

    struct Form: Content, Equatable, Sendable {
        var name: String?
        var days: String?
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let made: HTML = m.newToken.map { token in """
            <div class="notice" role="status"><p><b>Đã tạo mã truy cập.</b> Sao chép ngay: mã chỉ hiện một lần.</p>
            <p class="secret"><input type="text" readonly value="\(token)" aria-label="Mã truy cập"></p>
            <p>Dùng trong tiêu đề <code>Authorization: Bearer …</code>. Ai có mã này làm được mọi việc vai trò của bạn cho phép: không gửi qua kênh công khai.</p></div>
            """ } ?? .empty
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let rows = m.rows.map { r -> HTML in
            let revoke: HTML = r.revocable ? """
                <form method="post" action="\(SiteRoute.tokenRevoke(r.id).path)">\(context.csrfField)<button type="submit">Thu hồi</button></form>
                """ : .empty
            return """
            <tr><td data-label="Tên">\(r.name)</td><td data-label="Vai trò">\(r.role)</td><td data-label="Hết hạn">\(r.expires)</td>\
            <td data-label="Trạng thái">\(r.status)</td><td data-label="Thao tác">\(revoke)</td></tr>
            """
        }
        let table: HTML = m.rows.isEmpty ? "<p>Bạn chưa có mã truy cập nào.</p>" : """
            <table class="wide cards"><thead><tr><th>Tên</th><th>Vai trò</th><th>Hết hạn</th><th>Trạng thái</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return Layout.page(title: "Mã truy cập API", section: .account, context: context, body: """
        <h1>Mã truy cập API</h1>
        \(made)\(notice)
        <p>Mã truy cập cho một thiết bị hoặc hệ thống khác (cổng SMS, bảng tính, phần mềm của tỉnh), mang đúng vai trò của bạn.</p>
        \(table)
        <h2>Tạo mã mới</h2>
        \(Layout.errorSummary(m.errors))
        <form method="post" action="\(SiteRoute.tokens.path)">\(context.csrfField)
        \(Layout.field("Tên gợi nhớ", name: "name", value: m.form.name, error: m.errors["name"], required: true, hint: "Ví dụ: Cổng SMS của tỉnh."))
        \(Layout.field("Thời hạn (ngày)", name: "days", value: m.form.days ?? "90", error: m.errors["days"], type: "number",
                       attributes: " min=\"1\" max=\"\(TokenStore.maxLifetimeDays)\""))
        <button type="submit">Tạo mã</button>
        </form>
        """)
    }
}

struct TokenPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.tokensPage, use: list)
        routes.on(.tokenIssueSubmit, use: issue)
        routes.on(.tokenRevokeSubmit, use: revoke)
    }

    @Sendable
    func list(req: Request) async throws -> Response {
        let actor = try req.actor()
        let revoked = (try? req.query.get(String.self, at: "da-thu-hoi")) != nil
        let model = TokenListPage.Model(rows: try await rows(actor, on: req.db), notice: revoked ? "Đã thu hồi mã truy cập." : nil)
        return req.page { TokenListPage.render(model, context: $0) }
    }

    @Sendable
    func issue(req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(TokenListPage.Form.self)
        let daysText = form.days?.trimmingCharacters(in: .whitespaces) ?? ""
        var errors: [String: String] = [:]
        let days = daysText.isEmpty ? 90 : Int(daysText)
        if days == nil { errors["days"] = "Thời hạn là số ngày từ 1 đến \(TokenStore.maxLifetimeDays)." }
        if errors.isEmpty {
            switch try await formOutcome({ try await IssueToken.run(.init(name: form.name, days: days), actor: actor, on: req.db) }) {
            case .success(let issued):
                let model = TokenListPage.Model(rows: try await rows(actor, on: req.db), newToken: issued.token)
                return req.page({ TokenListPage.render(model, context: $0) }, status: .created)
            case .failure(let failure):
                errors = failure.errors.byField
            }
        }
        let model = TokenListPage.Model(rows: try await rows(actor, on: req.db), form: form, errors: errors)
        return req.page({ TokenListPage.render(model, context: $0) }, status: .unprocessableEntity)
    }

    @Sendable
    func revoke(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        // The page revokes one's own tokens only (the API lets the centre revoke anyone's).
        guard try await APIToken.find(id, on: req.db)?.$user.id == actor.principal.userID else {
            throw AppError.notFound("mã truy cập", "token", id.uuidString.lowercased())
        }
        _ = try await RevokeToken.run(id: id, actor: actor, on: req.db)
        req.application.principalCache?.removeAll()
        return req.redirect(to: SiteRoute.tokens.path + "?da-thu-hoi=1", redirectType: .normal)
    }

    private func rows(_ actor: Actor, on db: any Database) async throws -> [TokenListPage.Row] {
        let tokens = try await APIToken.query(on: db).filter(\.$user.$id == actor.principal.userID).sort(\.$createdAt, .descending).all()
        let assignments = tokens.compactMap { t in
            Role(rawValue: t.role).map { RoleAssignment(role: $0, unitCode: t.unitCode, teamID: t.teamID, volunteerID: t.volunteerID) }
        }
        let placer = try await UserQueries.Placer.load(assignments, on: db)
        return tokens.compactMap { t in
            guard let id = t.id else { return nil }
            let role = Role(rawValue: t.role).map { placer.label(RoleAssignment(role: $0, unitCode: t.unitCode, teamID: t.teamID, volunteerID: t.volunteerID)) } ?? t.role
            let expired = t.expiresAt <= actor.now
            let status = t.revokedAt != nil ? "Đã thu hồi" : expired ? "Đã hết hạn" : "Đang dùng được"
            return .init(id: id, name: t.name, role: role, expires: LocalDate.today(now: t.expiresAt).longVietnamese, status: status,
                         revocable: t.revokedAt == nil && !expired)
        }
    }
}
