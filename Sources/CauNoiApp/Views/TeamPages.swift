import CauNoiCore
import Fluent
import Vapor

enum TeamListPage {
    struct Model: Equatable, Sendable {
        var commune: OrgUnitDTO?
        var items: [TeamDTO]
        var total: Int
        /// Officers add teams; a team leader sees the list without the button.
        var mayCreate = true

        static func query(commune: String?, scope: ScopeFilter, on db: any Database) async throws -> Model {
            let unit = try await commune.asyncMap { try await OrgUnitQueries.require($0, on: db) }
            let result = try await TeamQueries.list(.init(commune: commune, per: 200), scope: scope, on: db)
            let items = try await TeamQueries.summaries(result.items, on: db)
            return Model(commune: unit.map(OrgUnitDTO.init), items: items, total: result.total)
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let rows = m.items.map { t -> HTML in
            "<tr><td><a href=\"\(SiteRoute.team(t.id).path)\">\(t.name)</a></td><td>\(t.kindName)</td><td>\(t.code)</td><td><a href=\"\(SiteRoute.unit(t.homeCommuneCode).path)\">\(UnitPicker.label(t.homeCommuneCode) ?? t.homeCommuneCode)</a></td></tr>"
        }
        let scope: HTML = m.commune.map { " tại <a href=\"\(SiteRoute.unit($0.code).path)\">\($0.name)</a>" } ?? .empty
        return Layout.page(title: "Đội hình", section: .teams, context: context, body: """
        <h1>Đội hình\(scope)</h1>
        <p>\(m.mayCreate ? "<a class=\"button\" href=\"\(SiteRoute.teamNew(commune: m.commune?.code).path)\">Thêm đội hình</a>" as HTML : .empty)
        <a class="button" href="\(SiteRoute.upload.path)">Tải lên số liệu tuần (CSV, XLSX)</a> <a class="button" href="\(SiteRoute.fieldApp.path)">Ứng dụng ghi nhận tại chỗ</a></p>
        <p>\(VietnameseNumber.grouped(m.total)) đội hình</p>
        <table class="wide"><thead><tr><th>Tên</th><th>Loại</th><th>Mã</th><th>Xã</th></tr></thead><tbody>\(rows)</tbody></table>
        """)
    }
}

struct TeamForm: Content, Equatable {
    var name: String?
    var code: String?
    var homeCommuneCode: String?
    var kind: String?
    var hotline: String?
    var activeFrom: String?
    var activeTo: String?
    /// Space- or comma-separated commune codes, as a leader would type them.
    var coveredCommunes: String?
    /// Ticked weekdays ("duty_days[]" checkboxes).
    var dutyDays: [Int]?
    var dutyHours: String?
    var scheduleNote: String?
    var minMembers: String?

    enum CodingKeys: String, CodingKey {
        case minMembers = "min_members"
        case name, code, homeCommuneCode = "home_commune_code", kind, hotline
        case activeFrom = "active_from", activeTo = "active_to", coveredCommunes = "covered_communes"
        case dutyDays = "duty_days", dutyHours = "duty_hours", scheduleNote = "schedule_note"
    }

    init() {}

    init(_ t: TeamDTO) {
        name = t.name
        code = t.code
        homeCommuneCode = t.homeCommuneCode
        kind = t.kind
        hotline = t.hotline
        activeFrom = t.activeFrom
        activeTo = t.activeTo
        coveredCommunes = t.coveredCommunes.joined(separator: " ")
        dutyDays = t.dutyDays
        dutyHours = t.dutyHours
        scheduleNote = t.scheduleNote
        minMembers = String(t.minMembers)
    }

    func draft(leaderID: UUID?) -> TeamDraft {
        var d = TeamDraft()
        d.name = name
        d.code = code.nonEmpty
        d.homeCommuneCode = homeCommuneCode
        d.kind = kind.nonEmpty
        d.hotline = hotline
        d.activeFrom = activeFrom.nonEmpty
        d.activeTo = activeTo.nonEmpty
        d.leaderID = leaderID?.uuidString
        d.coveredCommunes = (coveredCommunes ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)
        d.dutyDays = dutyDays ?? []
        d.dutyHours = dutyHours
        d.scheduleNote = scheduleNote
        if let text = minMembers.nonEmpty { d.minMembers = Int(text.trimmingCharacters(in: .whitespaces)) ?? -1 }
        return d
    }
}

enum TeamPage {
    struct Model: Equatable, Sendable {
        var team: TeamDTO?
        var form: TeamForm
        var errors: [String: String] = [:]
        var memberErrors: [String: String] = [:]
        var candidates: [VolunteerSummaryDTO] = []
        var saved = false
        var today: LocalDate
        var canEdit = true
        var canManageMembers = false
        /// The home commune's name with its province's ("Phường Hoàn Kiếm, Thành phố Hà Nội"): pages name places, not codes.
        var communeName: String?
        /// The last supervision visits and the findings still open (for whoever reads the team: its leader owns most
        /// of them), and whether the reader supervises it.
        var visits: [SupervisionQueries.VisitRow] = []
        var openFindings: [SupervisionQueries.FindingRow] = []
        var showsSupervision = false
        var maySupervise = false

        /// Candidates are the home commune's volunteers, or, when `search` is given, volunteers of the whole
        /// province by name: reinforcements come from other communes.
        static func query(id: UUID, today: LocalDate, search: String? = nil, req: Request) async throws -> Model {
            let db = req.db
            let row = try await TeamQueries.require(id, on: db)
            let team = try await TeamController.visibleDTO(row, req: req)
            let place = Places.team(row, coverage: team.coveredCommunes)
            let policy = req.policy
            var model = Model(team: team, form: TeamForm(team), today: today,
                              canEdit: policy.allowsEverywhere(.writeTeam, on: place),
                              canManageMembers: policy.allowsEverywhere(.manageMembers, on: place))
            let names = try await OrgUnitQueries.names([row.$homeCommune.id, row.provinceCode], on: db)
            model.communeName = names[row.$homeCommune.id].map { commune in names[row.provinceCode].map { "\(commune), \($0)" } ?? commune }
            if policy.allows(.readTeams, on: place) {
                let area = ScopeFilter.from(policy, .readTeams)
                model.showsSupervision = true
                model.maySupervise = policy.allows(.superviseTeams, on: place)
                model.visits = try await SupervisionQueries.visits(area: area, teamID: id, limit: 3, today: today, on: db)
                model.openFindings = try await SupervisionQueries.findings(area: area, teamID: id, onlyOpen: true, today: today, on: db)
            }
            guard model.canManageMembers else { return model }
            let current = Set(team.members?.filter { $0.isCurrent(on: today) }.map(\.volunteerID) ?? [])
            let filter: VolunteerQueries.Filter = search.map { .init(province: team.provinceCode, text: $0, status: .active, per: 50) }
                ?? .init(commune: team.homeCommuneCode, status: .active, per: 200)
            // Only people the caller may see are offered: a commune admin cannot browse the province.
            let nearby = try await VolunteerQueries.list(filter, scope: ScopeFilter.from(policy, .readPeople), on: db)
            model.candidates = nearby.items.filter { !current.contains($0.id ?? UUID()) }
                .map { VolunteerSummaryDTO($0, showPhone: policy.allows(.readPersonalFields, on: Places.home(of: $0))) }
            return model
        }
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let title = m.team?.name ?? "Thêm đội hình"
        let saved: HTML = m.saved ? "<div class=\"notice\" role=\"status\">Đã lưu.</div>" : .empty
        let summary: HTML = m.team.map { t in
            let leaderAccount: HTML = context.canManageUsers && m.canEdit
                ? " · <a href=\"\(SiteRoute.accountNew(team: t.id).path)\">Tạo tài khoản đội trưởng</a>" : .empty
            return "<p class=\"muted\">\(t.kindName) · mã \(t.code) · <a href=\"\(SiteRoute.unit(t.homeCommuneCode).path)\">\(m.communeName ?? t.homeCommuneCode)</a>\(leaderAccount)</p>"
        } ?? .empty
        return Layout.page(title: title, section: .teams, context: context, body: """
        <h1>\(title)</h1>
        \(summary)\(saved)
        \(m.team.map { membersSection($0, m, context: context) } ?? .empty)
        \(m.team.map { visitsSection($0, m) } ?? .empty)
        \(m.canEdit ? editForm(m, context: context) : .empty)
        """)
    }

    private static func editForm(_ m: Model, context: PageContext) -> HTML {
        let f = m.form
        let e = m.errors
        let action = m.team.map { SiteRoute.team($0.id).path } ?? SiteRoute.teamNew().path
        let kinds = TeamKind.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        return """
        <h2>\(m.team == nil ? "Thông tin đội hình" : "Sửa thông tin đội hình")</h2>
        \(Layout.errorSummary(e))
        <form method="post" action="\(action)">\(context.csrfField)
        \(Layout.field("Tên đội hình", name: "name", value: f.name, error: e["name"], required: true))
        \(Layout.select("Loại đội hình", name: "kind", options: kinds, selected: f.kind, error: e["kind"], includeBlank: true))
        \(Layout.field("Xã, phường nơi đóng quân", name: "home_commune_code", value: UnitPicker.shown(f.homeCommuneCode), error: e["home_commune_code"], required: true, hint: "Gõ tên, có dấu hoặc không (thêm tên tỉnh nếu trùng), hoặc mã 5 chữ số."))
        \(Layout.field("Các xã phụ trách thêm (đội lưu động)", name: "covered_communes", value: UnitPicker.shownList(f.coveredCommunes), error: e["covered_communes"], hint: "Tên hoặc mã từng xã, cách nhau bằng dấu chấm phẩy (;)."))
        \(Layout.field("Mã đội hình (để gửi báo cáo bằng tin nhắn)", name: "code", value: f.code, error: e["code"], hint: "Bỏ trống để hệ thống tự đặt, ví dụ 00070-1."))
        \(Layout.field("Đường dây nóng công khai", name: "hotline", value: f.hotline, error: e["hotline"], type: "tel", hint: "Bắt buộc với đội hỗ trợ tại nhà."))
        \(Layout.checkboxes("Ngày trực (hiện trên trang “Tìm nơi hỗ trợ” cho người dân)", name: "duty_days",
                            options: Weekday.range.map { (value: String($0), label: Weekday.vietnamese($0)) },
                            checked: Set((f.dutyDays ?? []).map(String.init)), error: e["duty_days"]))
        \(Layout.field("Số thành viên tối thiểu", name: "min_members", value: f.minMembers ?? String(ValidTeam.defaultMinMembers), error: e["min_members"], type: "number", hint: "Khi điều động tăng cường nơi khác, đội không bị rút xuống dưới số này."))
        \(Layout.field("Giờ trực", name: "duty_hours", value: f.dutyHours, error: e["duty_hours"], hint: "Ví dụ: 7:30–11:30, 13:30–17:00."))
        \(Layout.textarea("Lịch lưu động, ghi chú cho người dân", name: "schedule_note", value: f.scheduleNote, error: e["schedule_note"], hint: "Đội lưu động: mỗi dòng một điểm, ví dụ “Thứ Ba: nhà văn hóa bản Nà Ngần”. Không ghi thông tin cá nhân."))
        \(Layout.field("Bắt đầu hoạt động", name: "active_from", value: f.activeFrom, error: e["active_from"], type: "date", required: true))
        \(Layout.field("Kết thúc hoạt động", name: "active_to", value: f.activeTo, error: e["active_to"], type: "date"))
        <button type="submit">Lưu</button>
        </form>
        """
    }

    /// The team's last supervision visits, each with what was not kept and the findings still open.
    private static func visitsSection(_ t: TeamDTO, _ m: Model) -> HTML {
        guard m.showsSupervision else { return .empty }
        let items = m.visits.map { v -> HTML in
            let kept: HTML = v.notKept.isEmpty ? "đạt tất cả các mục" : "không đạt: \(v.notKept.joined(separator: "; "))"
            let open: HTML = v.openFindings > 0 ? ", \(v.openFindings) phát hiện đang mở" : .empty
            return "<li><a href=\"\(SiteRoute.supervisionVisit(v.id).path)\">\(BriefingDates.dayMonthYear(v.visitedOn))</a> — \(kept)\(open) (\(v.by))</li>"
        }
        let list: HTML = items.isEmpty ? "<p>Chưa có lần giám sát nào.</p>" : "<ul>\(items)</ul>"
        let findings = m.openFindings.map { f -> HTML in
            "<li><a href=\"\(SiteRoute.supervisionVisit(f.visitID).path)\">\(f.item ?? "Phát hiện")</a>: \(f.action) — \(f.owner), hạn \(BriefingDates.dayMonthYear(f.dueOn))\(f.state == .overdue ? " <b>(quá hạn)</b>" as HTML : .empty)</li>"
        }
        let open: HTML = findings.isEmpty ? .empty : "<h3>Việc cần khắc phục</h3><ul>\(findings)</ul>"
        let record: HTML = m.maySupervise
            ? "<p class=\"noprint\"><a class=\"button\" href=\"\(SiteRoute.supervisionNew(team: t.id).path)\">Ghi lần giám sát đội này</a></p>" : .empty
        return "<h2>Giám sát gần đây</h2>\(list)\(open)\(record)"
    }

    private static func membersSection(_ t: TeamDTO, _ m: Model, context: PageContext) -> HTML {
        guard let members = t.members else {
            return "<p>\(t.memberCount ?? 0) thành viên đang hoạt động.</p>"
        }
        // A membership with an end date still to come (a reinforcement until a day) is current until then.
        let current = members.filter { $0.isCurrent(on: m.today) }
        let past = members.filter { !$0.isCurrent(on: m.today) }
        let currentRows = current.map { member -> HTML in
            let leader: HTML = member.volunteerID == t.leaderID ? " <span class=\"muted\">(đội trưởng)</span>" : .empty
            let end: HTML = m.canManageMembers ? endForm(t, member, m, context: context) : .empty
            let joined: HTML = m.canManageMembers ? startForm(t, member, context: context) : "\(LocalDate(iso: member.from)?.longVietnamese ?? member.from)"
            return """
            <tr><td data-label="Họ tên"><a href="\(SiteRoute.volunteer(member.volunteerID).path)">\(member.fullName)</a>\(leader)</td><td data-label="Vào đội">\(joined)</td><td>\(end)</td></tr>
            """
        }
        let pastRows = past.map { member -> HTML in
            "<li>\(member.fullName): \(LocalDate(iso: member.from)?.longVietnamese ?? member.from) – \(member.to.flatMap { LocalDate(iso: $0)?.longVietnamese } ?? "")</li>"
        }
        let history: HTML = pastRows.isEmpty ? .empty : "<h2>Đã luân chuyển</h2><ul>\(pastRows)</ul>"
        let problems: HTML = m.memberErrors.isEmpty ? .empty
            : "<div class=\"alert\" role=\"alert\">\(m.memberErrors.sorted { $0.key < $1.key }.map { "\($0.value) " as HTML })</div>"
        return """
        <h2>Thành viên hiện tại (\(current.count))</h2>
        \(problems)
        <table class="wide"><thead><tr><th>Họ tên</th><th>Vào đội</th><th></th></tr></thead><tbody>\(currentRows)</tbody></table>
        \(m.canManageMembers ? addMember(t, m, context: context) : .empty)
        \(history)
        """
    }

    /// The joining day, editable: a join recorded late is moved back so earlier days' work shows its people.
    private static func startForm(_ t: TeamDTO, _ member: TeamMemberDTO, context: PageContext) -> HTML {
        """
        <form method="post" action="\(SiteRoute.teamMembers(t.id).path)">\(context.csrfField)<input type="hidden" name="action" value="start"><input type="hidden" name="volunteer_id" value="\(member.volunteerID.uuidString.lowercased())"><input type="date" name="date" value="\(member.from)" aria-label="Ngày vào đội của \(member.fullName)"> <button type="submit">Sửa ngày vào</button></form>
        """
    }

    private static func endForm(_ t: TeamDTO, _ member: TeamMemberDTO, _ m: Model, context: PageContext) -> HTML {
        """
        <form method="post" action="\(SiteRoute.teamMembers(t.id).path)">\(context.csrfField)<input type="hidden" name="action" value="end"><input type="hidden" name="volunteer_id" value="\(member.volunteerID.uuidString.lowercased())"><input type="date" name="date" value="\(m.today.iso)" aria-label="Ngày rời đội"> <button type="submit">Rời đội</button></form>
        """
    }

    private static func addMember(_ t: TeamDTO, _ m: Model, context: PageContext) -> HTML {
        let options = m.candidates.map { c in (value: c.id.uuidString.lowercased(), label: c.phoneMasked.map { "\(c.fullName) (\($0))" } ?? c.fullName) }
        let form: HTML = options.isEmpty
            ? "<p class=\"muted\">Không có tình nguyện viên phù hợp để thêm. <a href=\"\(SiteRoute.volunteerNew(commune: t.homeCommuneCode).path)\">Đăng ký tình nguyện viên mới</a>.</p>"
            : """
            <form method="post" action="\(SiteRoute.teamMembers(t.id).path)">\(context.csrfField)
            <input type="hidden" name="action" value="join">
            \(Layout.select("Thêm thành viên", name: "volunteer_id", options: options, selected: nil, error: m.memberErrors["volunteer_id"]))
            \(Layout.field("Ngày vào đội", name: "date", value: m.today.iso, error: m.memberErrors["from"] ?? m.memberErrors["to"], type: "date", required: true))
            <button type="submit">Thêm vào đội</button>
            </form>
            """
        return """
        \(form)
        <form class="search" method="get" action="\(SiteRoute.team(t.id).path)" role="search">
        <input type="search" name="tim" placeholder="Tìm tình nguyện viên tăng cường trong tỉnh theo tên" aria-label="Tìm tình nguyện viên trong tỉnh">
        <button type="submit">Tìm</button>
        </form>
        """
    }
}

struct TeamPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.teamsPage, use: list)
        routes.on(.teamNewPage, use: newForm)
        routes.on(.teamNewSave, use: create)
        routes.on(.teamPage, use: show)
        routes.on(.teamPageSave, use: update)
        routes.on(.teamMembersSave, use: members)
    }

    struct ListParameters: Content { var xa: String? }
    struct ShowParameters: Content { var tim: String? }

    @Sendable
    func list(req: Request) async throws -> Response {
        let commune = try req.query.decode(ListParameters.self).xa.nonEmpty
        var model = try await TeamListPage.Model.query(commune: commune, scope: try await req.scope(for: .readTeams), on: req.db)
        model.mayCreate = !req.policy.areas(for: .writeTeam).isEmpty
        let final = model
        return req.page { TeamListPage.render(final, context: $0) }
    }

    @Sendable
    func newForm(req: Request) async throws -> Response {
        _ = try await req.scope(for: .writeTeam)
        var form = TeamForm()
        form.homeCommuneCode = try req.query.decode(ListParameters.self).xa.nonEmpty
        form.activeFrom = req.today.iso
        let model = TeamPage.Model(team: nil, form: form, today: req.today)
        return req.page { TeamPage.render(model, context: $0) }
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        _ = try await req.scope(for: .writeTeam)
        return try await save(req: req, id: nil)
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        let search = try req.query.decode(ShowParameters.self).tim.nonEmpty.map { String($0.prefix(100)) }
        var model = try await TeamPage.Model.query(id: try req.uuidParameter("id"), today: req.today, search: search, req: req)
        model.saved = (try? req.query.get(String.self, at: "da-luu")) != nil
        let final = model
        return req.page({ TeamPage.render(final, context: $0) }, personalData: true)
    }

    @Sendable
    func update(req: Request) async throws -> Response {
        try await save(req: req, id: try req.uuidParameter("id"))
    }

    private func save(req: Request, id: UUID?) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(TeamForm.self)
        // The form has no leader field: an edit keeps the team's leader.
        let leader = try await id.asyncMap { try await TeamQueries.require($0, on: req.db).$leader.id } ?? nil
        // Communes may be typed by name; the form is shown again as typed.
        let area = ScopeFilter.from(actor.policy, .writeTeam)
        var resolved = form
        var errors: [FieldError] = []
        switch UnitPicker.commune(form.homeCommuneCode, area: area, field: "home_commune_code") {
        case .success(let code): resolved.homeCommuneCode = code
        case .failure(let error): errors.append(error)
        }
        switch UnitPicker.communes(form.coveredCommunes, area: area, field: "covered_communes") {
        case .success(let codes): resolved.coveredCommunes = codes.joined(separator: " ")
        case .failure(let error): errors.append(error)
        }
        if errors.isEmpty {
            do {
                let team = try await SaveTeam.run(resolved.draft(leaderID: leader), id: id, actor: actor, on: req.db)
                return req.redirect(to: SiteRoute.team(try team.requireID()).path + "?da-luu=1", redirectType: .normal)
            } catch let failure as ValidationFailure {
                errors = failure.errors
            } catch let error as AppError where !error.fields.isEmpty {
                errors = error.fields
            }
        }
        var model: TeamPage.Model
        if let id {
            model = try await TeamPage.Model.query(id: id, today: req.today, req: req)
            model.form = form
        } else {
            model = TeamPage.Model(team: nil, form: form, today: req.today)
        }
        model.errors = errors.byField
        let final = model
        return req.page({ TeamPage.render(final, context: $0) }, status: .unprocessableEntity)
    }

    struct MemberForm: Content {
        var action: String?
        var volunteerID: String?
        var date: String?
        enum CodingKeys: String, CodingKey { case action, volunteerID = "volunteer_id", date }
    }

    @Sendable
    func members(req: Request) async throws -> Response {
        let actor = try req.actor()
        let teamID = try req.uuidParameter("id")
        let form = try req.content.decode(MemberForm.self)
        let errors: [FieldError]
        do {
            if form.action == "end" || form.action == "start" {
                guard let volunteerID = form.volunteerID.flatMap(UUID.init(uuidString:)) else {
                    throw ValidationFailure(errors: [FieldError(field: "volunteer_id", message: "Hãy chọn tình nguyện viên.", messageEN: "Choose a volunteer.")])
                }
                if form.action == "start" {
                    try await MoveMembershipStart.run(teamID: teamID, volunteerID: volunteerID, from: form.date, actor: actor, on: req.db)
                } else {
                    try await LeaveTeam.run(teamID: teamID, volunteerID: volunteerID, EndMembershipDraft(to: form.date), actor: actor, on: req.db)
                }
            } else {
                try await JoinTeam.run(teamID: teamID, MembershipDraft(volunteerID: form.volunteerID, from: form.date), actor: actor, on: req.db)
            }
            return req.redirect(to: SiteRoute.team(teamID).path + "?da-luu=1", redirectType: .normal)
        } catch let failure as ValidationFailure {
            errors = failure.errors
        } catch let error as AppError where !error.fields.isEmpty {
            errors = error.fields
        }
        var model = try await TeamPage.Model.query(id: teamID, today: req.today, req: req)
        model.memberErrors = errors.byField
        let final = model
        return req.page({ TeamPage.render(final, context: $0) }, status: .unprocessableEntity)
    }
}
