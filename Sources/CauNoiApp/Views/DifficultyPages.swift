import CauNoiCore
import Fluent
import Vapor

/// The difficulty queue in the user's area, most severe and oldest first, with the moves the user may make:
/// acknowledge, escalate to the centre, resolve with a note.
enum DifficultyQueuePage {
    struct Row: Equatable, Sendable {
        var item: DifficultyDTO
        var commune: String
        /// The statuses this user may move the item to, in workflow order.
        var moves: [DifficultyStatus]
    }

    struct Model: Equatable, Sendable {
        var rows: [Row]
        var showResolved: Bool
        var notice: String?
    }

    static func moveLabel(_ status: DifficultyStatus) -> String {
        switch status {
        case .acknowledged: "Tiếp nhận"
        case .escalated: "Chuyển Trung ương"
        case .resolved: "Đã giải quyết"
        case .open: "Mở lại"
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let items = m.rows.map { r -> HTML in
            let d = r.item
            var help: HTML = d.reinforcementRequested ? " <b>Đề nghị tăng cường lực lượng.</b>" : .empty
            if d.reinforcementRequested && context.canCoordinateForces && d.status != "resolved" {
                help = "\(help) <a href=\"\(SiteRoute.reinforcementNew(commune: d.communeCode, difficulty: d.id).path)\">Tạo đề nghị tăng cường</a>"
            }
            let moves = r.moves.map { status -> HTML in
                let note: HTML = status == .resolved
                    ? "<label class=\"field\"><span>Kết quả xử lý</span><input type=\"text\" name=\"note\" maxlength=\"1000\" required></label>" : .empty
                return """
                <form method="post" action="\(SiteRoute.difficultyMove(d.id).path)">\(context.csrfField)<input type="hidden" name="to" value="\(status.rawValue)">\(note)<button type="submit">\(moveLabel(status))</button></form>
                """
            }
            let resolution: HTML = d.resolutionNote.map { " Kết quả: \($0)" } ?? .empty
            return """
            <li><b>\(d.categoryName)</b> (\(Severity(rawValue: d.severity)?.vietnamese ?? d.severity), \(d.statusName), \(d.ageDays) ngày) — \(r.commune): \(d.description)\(help)\(resolution)\(moves)</li>
            """
        }
        let toggle: HTML = m.showResolved
            ? "<p><a href=\"\(SiteRoute.difficulties().path)\">Xem khó khăn đang mở</a></p>"
            : "<p><a href=\"\(SiteRoute.difficulties(resolved: true).path)\">Xem khó khăn đã giải quyết</a></p>"
        let list: HTML = items.isEmpty ? (m.showResolved ? "<p>Chưa có khó khăn nào được giải quyết.</p>" : "<p>Không có khó khăn nào đang mở.</p>")
            : "<ul class=\"queue\">\(items)</ul>"
        return Layout.page(title: "Khó khăn, vướng mắc", section: .reports, context: context, body: """
        <h1>\(m.showResolved ? "Khó khăn đã giải quyết" : "Khó khăn, vướng mắc đang mở")</h1>
        \(notice)\(toggle)
        \(list)
        """)
    }
}

struct DifficultyPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.difficultiesPage, use: list)
        routes.on(.difficultyMoveSubmit, use: move)
    }

    struct Parameters: Content {
        var daGiaiQuyet: String?
        var daLuu: String?
        enum CodingKeys: String, CodingKey { case daGiaiQuyet = "da-giai-quyet", daLuu = "da-luu" }
    }

    @Sendable
    func list(req: Request) async throws -> Response {
        let actor = try req.actor()
        let scope = try await req.scope(for: .readEntries)
        let p = try req.query.decode(Parameters.self)
        let resolved = p.daGiaiQuyet != nil
        let query = Difficulty.query(on: req.db)
        if resolved { query.filter(\.$status == DifficultyStatus.resolved.rawValue) } else { query.filter(\.$status != DifficultyStatus.resolved.rawValue) }
        let items = scope.restrict(query, .init(province: \.$provinceCode, commune: \.$communeCode)) ? try await query.limit(2_000).all() : []
        let names = try await OrgUnitQueries.names(Set(items.map(\.communeCode)), on: req.db)
        let now = actor.now
        let rows = items.map { d -> DifficultyQueuePage.Row in
            let current = DifficultyStatus(rawValue: d.status) ?? .open
            let moves = MoveDifficulty.mayHandle(current, at: MoveDifficulty.place(d), actor: actor)
                ? MoveDifficulty.targets.filter { current.canMove(to: $0) } : []
            return .init(item: DifficultyDTO(d, now: now), commune: names[d.communeCode] ?? d.communeCode, moves: moves)
        }.sorted { DifficultyDTO.queueOrder($0.item, $1.item) }
        let model = DifficultyQueuePage.Model(rows: rows, showResolved: resolved, notice: p.daLuu == nil ? nil : "Đã cập nhật.")
        return req.page { DifficultyQueuePage.render(model, context: $0) }
    }

    @Sendable
    func move(req: Request) async throws -> Response {
        let actor = try req.actor()
        let input = try req.content.decode(MoveDifficulty.Input.self)
        _ = try await MoveDifficulty.run(id: try req.uuidParameter("id"), input, actor: actor, on: req.db)
        return req.redirect(to: SiteRoute.difficulties().path + "?da-luu=1", redirectType: .normal)
    }
}
