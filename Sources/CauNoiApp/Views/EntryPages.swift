import CauNoiCore
import Fluent
import Vapor

/// The support entries in the user's area for a campaign and a date range (the current reporting week unless
/// chosen), newest first, with a link to each one's page where it is corrected and its history read.
enum EntryListPage {
    struct Option: Equatable, Sendable {
        var value: String
        var label: String
    }

    struct Row: Equatable, Sendable {
        var entryID: UUID
        var date: String
        var team: String
        var commune: String
        var total: Int
        /// "Hỗ trợ VNeID 12, Hồ sơ trực tuyến 5".
        var categories: String
        var place: String
        var volunteers: Int
        var version: Int
    }

    struct Model: Equatable, Sendable {
        var campaigns: [Option]
        var campaign: String
        var from: String
        var to: String
        var teams: [Option]?
        var team: String?
        var rows: [Row]
        var total: Int
        var page: Int
        var per: Int
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let rows = m.rows.map { r -> HTML in
            let corrected: HTML = r.version > 1 ? " <small>(đã sửa, phiên bản \(r.version))</small>" : .empty
            return """
            <tr><td data-label="Ngày">\(r.date)</td><td data-label="Đội hình">\(r.team)<br><small>\(r.commune)</small></td>\
            <td data-label="Lượt hỗ trợ" class="num"><b>\(VietnameseNumber.grouped(r.total))</b></td><td data-label="Nội dung">\(r.categories)<br><small>\(r.place)</small></td>\
            <td data-label="Tình nguyện viên" class="num">\(r.volunteers)</td>\
            <td data-label=""><a href="\(SiteRoute.entry(r.entryID).path)">Xem, sửa</a>\(corrected)</td></tr>
            """
        }
        func pageLink(_ page: Int, _ label: String) -> HTML {
            "<a href=\"\(SiteRoute.entries(campaign: m.campaign, from: m.from, to: m.to, team: m.team, page: page).path)\">\(label)</a>"
        }
        let pages = max(1, (m.total + m.per - 1) / m.per)
        var nav: [HTML] = []
        if m.page > 1 { nav.append(pageLink(m.page - 1, "← Trang trước")) }
        if m.page < pages { nav.append(pageLink(m.page + 1, "Trang sau →")) }
        let teamFilter: HTML = m.teams.map {
            Layout.select("Đội hình", name: "doi", options: $0.map { (value: $0.value, label: $0.label) }, selected: m.team, error: nil, includeBlank: true)
        } ?? .empty
        let table: HTML = m.rows.isEmpty ? "<p>Không có bản ghi nào trong khoảng này.</p>" : """
            <table class="wide cards"><thead><tr><th>Ngày</th><th>Đội hình</th><th class="num">Lượt hỗ trợ</th><th>Nội dung</th>\
            <th class="num">Tình nguyện viên</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Layout.page(title: "Bản ghi hỗ trợ", section: .entries, context: context, body: """
        <h1>Bản ghi hỗ trợ</h1>
        <form method="get" action="\(SiteRoute.entries().path)" class="filters">
        \(Layout.select("Chiến dịch", name: "chien-dich", options: m.campaigns.map { (value: $0.value, label: $0.label) }, selected: m.campaign, error: nil))
        \(Layout.field("Từ ngày", name: "tu", value: m.from, error: nil, type: "date"))
        \(Layout.field("Đến ngày", name: "den", value: m.to, error: nil, type: "date"))
        \(teamFilter)
        <button type="submit">Xem</button>
        </form>
        <p>\(VietnameseNumber.grouped(m.total)) bản ghi, trang \(m.page)/\(pages).</p>
        \(table)
        <p>\(HTML.join(nav, separator: " · "))</p>
        """)
    }
}

/// One support entry: what it says now, every earlier version and who changed it, and, for those who may, the
/// correction form (a new version; refused once the week is approved).
enum EntryPage {
    struct Version: Equatable, Sendable {
        var version: Int
        var date: String
        var total: Int
        var summary: String
        var by: String?
        var at: String?
    }

    struct Model: Equatable, Sendable {
        var entryID: UUID
        var campaignName: String
        var team: String
        var commune: String
        var current: SupportEntryDTO
        var categoryNames: [String: String]
        var volunteerNames: [UUID: String]
        var history: [Version]
        /// Nil when the user may not correct this entry.
        var correction: Correction?
        var saved = false
        /// Why the entry cannot be corrected now (its week is approved), shown instead of the form.
        var locked: String? = nil
    }

    struct Correction: Equatable, Sendable {
        /// Generated with the form, so a form sent twice stores one correction.
        var correctionID: UUID
        var form: EntryCorrectionForm
        var categories: [SupportCategory]
        var members: [EntryListPage.Option]
        var errors: [String: String] = [:]
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let e = m.current
        let counts = e.counts.sorted { $0.value > $1.value }.map { "\(m.categoryNames[$0.key] ?? $0.key): \(VietnameseNumber.grouped($0.value))" }
        let groups = e.beneficiaries.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { "\(BeneficiaryGroup(rawValue: $0.key)?.vietnamese ?? $0.key): \($0.value)" }
        let people = e.volunteerIDs.map { m.volunteerNames[$0] ?? "—" }.sorted()
        let languages = e.languages.map { Language(rawValue: $0)?.vietnamese ?? $0 }
        let saved: HTML = m.saved ? "<div class=\"notice\" role=\"status\">Đã lưu bản sửa.</div>" : .empty
        let history = m.history.map { v -> HTML in
            let who: HTML = v.by.map { "\($0)\(v.at.map { ", \($0)" } ?? "")" } ?? "Bản gửi đầu tiên"
            return "<tr><td data-label=\"Phiên bản\">\(v.version)</td><td data-label=\"Ngày\">\(v.date)</td><td data-label=\"Lượt\" class=\"num\">\(VietnameseNumber.grouped(v.total))</td><td data-label=\"Nội dung\">\(v.summary)</td><td data-label=\"Người sửa\">\(who)</td></tr>"
        }
        let historySection: HTML = m.history.count > 1 ? """
            <h2>Lịch sử sửa</h2>
            <table class="wide cards"><thead><tr><th>Phiên bản</th><th>Ngày</th><th class="num">Lượt</th><th>Nội dung</th><th>Người sửa</th></tr></thead><tbody>\(history)</tbody></table>
            """ : .empty
        return Layout.page(title: "Bản ghi hỗ trợ", section: .entries, context: context, body: """
        <p class="crumbs"><a href="\(SiteRoute.entries(campaign: e.campaign).path)">Bản ghi hỗ trợ</a>\(m.correction == nil ? .empty : " · <a href=\"\(SiteRoute.fieldApp.path)\">Về ứng dụng ghi nhận</a>" as HTML)</p>
        <h1>\(m.team), \(LocalDate(iso: e.date)?.longVietnamese ?? e.date)</h1>
        \(saved)
        <dl class="facts">
        <dt>Chiến dịch</dt><dd>\(m.campaignName)</dd>
        <dt>Nơi hỗ trợ</dt><dd>\(m.commune) — \(SupportPlace(rawValue: e.place)?.vietnamese ?? e.place)</dd>
        <dt>Lượt hỗ trợ</dt><dd><b>\(VietnameseNumber.grouped(e.total))</b>: \(counts.joined(separator: "; "))</dd>
        <dt>Đối tượng</dt><dd>\(groups.isEmpty ? "—" : groups.joined(separator: "; "))</dd>
        <dt>Tình nguyện viên</dt><dd>\(people.isEmpty ? "\(e.volunteerIDs.count)" : people.joined(separator: ", "))</dd>
        <dt>Ngôn ngữ</dt><dd>\(languages.joined(separator: ", "))</dd>
        <dt>Ghi chú</dt><dd>\(e.note ?? "—")</dd>
        <dt>Phiên bản</dt><dd>\(e.version)</dd>
        </dl>
        \(historySection)
        \(m.locked.map { "<div class=\"notice\" role=\"status\">\($0)</div>" as HTML } ?? m.correction.map { correctionForm(m, $0, context: context) } ?? .empty)
        """)
    }

    private static func correctionForm(_ m: Model, _ c: Correction, context: PageContext) -> HTML {
        let f = c.form, e = c.errors
        let countFields = c.categories.map { cat -> HTML in
            Layout.field(cat.name, name: "counts[\(cat.code)]", value: f.counts?[cat.code], error: e["counts.\(cat.code)"], type: "number",
                         attributes: " min=\"0\" inputmode=\"numeric\"")
        }
        let groupFields = BeneficiaryGroup.allCases.map { g -> HTML in
            Layout.field("Trong đó: \(g.vietnamese)", name: "beneficiaries[\(g.rawValue)]", value: f.beneficiaries?[g.rawValue],
                         error: e["beneficiaries.\(g.rawValue)"], type: "number", attributes: " min=\"0\" inputmode=\"numeric\"")
        }
        let places = SupportPlace.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let people = Layout.checkboxes("Tình nguyện viên tham gia", name: "volunteer_ids", options: c.members.map { (value: $0.value, label: $0.label) },
                                       checked: Set(f.volunteerIDs ?? []), error: e["volunteer_ids"])
        let general: HTML = e.filter { !$0.key.hasPrefix("counts.") && !$0.key.hasPrefix("beneficiaries.") && !["date", "place", "note", "volunteer_ids"].contains($0.key) }
            .sorted { $0.key < $1.key }.map { "<p class=\"error\">\($0.value)</p>" as HTML }.reduce(into: HTML.empty) { $0 = "\($0)\($1)" }
        return """
        <h2>Sửa bản ghi</h2>
        <p class="hint">Bản sửa là phiên bản mới; phiên bản cũ vẫn được giữ trong lịch sử. Không sửa được khi tuần đã được duyệt.</p>
        \(Layout.errorSummary(e))\(general)
        <form method="post" action="\(SiteRoute.entry(m.entryID).path)">\(context.csrfField)
        <input type="hidden" name="correction_id" value="\(c.correctionID.uuidString.lowercased())">
        <input type="hidden" name="base_version" value="\(f.baseVersion ?? "")">
        \(Layout.field("Ngày hỗ trợ", name: "date", value: f.date, error: e["date"], type: "date", required: true))
        \(Layout.select("Nơi hỗ trợ", name: "place", options: places, selected: f.place, error: e["place"]))
        <fieldset class="field"><legend>Số lượt hỗ trợ theo nội dung</legend>\(countFields)</fieldset>
        <fieldset class="field"><legend>Đối tượng đặc thù</legend>\(groupFields)</fieldset>
        \(people)
        \(Layout.field("Ghi chú", name: "note", value: f.note, error: e["note"]))
        <button type="submit">Lưu bản sửa</button>
        </form>
        """
    }
}

/// The correction form as posted: numbers arrive as text so an empty or mistyped box is named, not a decoding error.
struct EntryCorrectionForm: Content, Equatable, Sendable {
    var correctionID: String?
    var baseVersion: String?
    var date: String?
    var place: String?
    var note: String?
    var counts: [String: String]?
    var beneficiaries: [String: String]?
    var volunteerIDs: [String]?
    var languages: [String]?

    enum CodingKeys: String, CodingKey {
        case correctionID = "correction_id", baseVersion = "base_version", date, place, note, counts, beneficiaries
        case volunteerIDs = "volunteer_ids", languages
    }

    init(correctionID: String? = nil, baseVersion: String? = nil, date: String? = nil, place: String? = nil, note: String? = nil,
         counts: [String: String]? = nil, beneficiaries: [String: String]? = nil, volunteerIDs: [String]? = nil, languages: [String]? = nil) {
        self.correctionID = correctionID
        self.baseVersion = baseVersion
        self.date = date
        self.place = place
        self.note = note
        self.counts = counts
        self.beneficiaries = beneficiaries
        self.volunteerIDs = volunteerIDs
        self.languages = languages
    }

    /// The form filled from the current version.
    init(_ e: SupportEntryDTO) {
        self.init(baseVersion: String(e.version), date: e.date, place: e.place, note: e.note,
                  counts: e.counts.mapValues(String.init), beneficiaries: e.beneficiaries.mapValues(String.init),
                  volunteerIDs: e.volunteerIDs.map { $0.uuidString.lowercased() }, languages: e.languages)
    }

    /// The use case's input, or the boxes that are not whole numbers (by field, in Vietnamese and English).
    func input(teamID: UUID, communeCode: String) -> Result<CorrectEntry.Input, ValidationFailure> {
        var errors: [FieldError] = []
        func numbers(_ boxes: [String: String]?, field: String) -> [String: Int] {
            var out: [String: Int] = [:]
            for (key, raw) in boxes ?? [:] {
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                guard let n = Int(text), n >= 0 else {
                    errors.append(FieldError(field: "\(field).\(key)", message: "Cần một số nguyên không âm.", messageEN: "A whole number of 0 or more."))
                    continue
                }
                if n > 0 { out[key] = n }
            }
            return out
        }
        var draft = SupportEntryDraft()
        draft.teamID = teamID.uuidString
        draft.communeCode = communeCode
        draft.date = date
        draft.place = place
        draft.note = (note?.trimmingCharacters(in: .whitespacesAndNewlines)).nonEmpty
        draft.counts = numbers(counts, field: "counts")
        draft.beneficiaries = numbers(beneficiaries, field: "beneficiaries")
        draft.volunteerIDs = volunteerIDs ?? []
        draft.languages = (languages ?? []).isEmpty ? [Language.vi.rawValue] : languages
        let base = baseVersion.flatMap { Int($0) }
        guard errors.isEmpty else { return .failure(ValidationFailure(errors: errors)) }
        return .success(CorrectEntry.Input(correctionID: correctionID, baseVersion: base, entry: draft))
    }
}

struct EntryPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.entriesPage, use: list)
        routes.on(.entryPage, use: show)
        routes.on(.entryCorrectSubmit, use: correct)
    }

    struct Parameters: Content {
        var chienDich: String?
        var tu: String?
        var den: String?
        var doi: String?
        var trang: Int?
        enum CodingKeys: String, CodingKey { case chienDich = "chien-dich", tu, den, doi, trang }
    }

    static let per = 50

    @Sendable
    func list(req: Request) async throws -> Response {
        let actor = try req.actor()
        let scope = try await req.scope(for: .readEntries)
        let p = try req.query.decode(Parameters.self)
        let campaign = try await CampaignQueries.byCode(p.chienDich.nonEmpty, today: actor.today, on: req.db)
        guard let definition = campaign.definition else { throw AppError.server }
        // This reporting week and the one before (what a Friday's corrections are about), up to today or the
        // campaign's last day, unless dates are chosen.
        let anchor = max(definition.end.map { min($0, actor.today) } ?? actor.today, definition.start)
        let week = definition.week(containing: anchor)
        let defaultFrom = max(week.adding(weeks: -1).start, definition.start)
        var errors = FieldErrors()
        func date(_ raw: String?, _ field: String, default value: LocalDate) -> LocalDate {
            guard let raw = raw.nonEmpty else { return value }
            guard let day = LocalDate(iso: raw) else {
                errors.add(field, "Ngày không hợp lệ, cần dạng YYYY-MM-DD.", "Invalid date; use YYYY-MM-DD.")
                return value
            }
            return day
        }
        var filter = SupportEntryQueries.Filter(campaignID: try campaign.requireID())
        filter.from = date(p.tu, "tu", default: defaultFrom)
        filter.to = date(p.den, "den", default: anchor)
        if let raw = p.doi.nonEmpty {
            guard let team = UUID(uuidString: raw) else { throw AppError.validation([FieldError(field: "doi", message: "Mã đội hình không hợp lệ.", messageEN: "Invalid team id.")]) }
            filter.team = team
        }
        try errors.throwIfAny()
        filter.page = max(1, p.trang ?? 1)
        filter.per = Self.per
        let result = try await SupportEntryQueries.list(filter, scope: scope, on: req.db)
        let teamRows = try await Team.query(on: req.db).filter(\.$id ~~ Set(result.items.map(\.teamID))).all()
        let teamNames = Dictionary(teamRows.compactMap { t in t.id.map { ($0, t.name) } }, uniquingKeysWith: { a, _ in a })
        let communes = try await OrgUnitQueries.names(Set(result.items.map(\.communeCode)), on: req.db)
        let categoryNames = Dictionary(definition.categories.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = result.items.map { e in
            EntryListPage.Row(
                entryID: e.entryID, date: LocalDate(iso: e.date)?.shortVietnamese ?? e.date, team: teamNames[e.teamID] ?? "—",
                commune: communes[e.communeCode] ?? e.communeCode, total: e.total,
                categories: e.counts.sorted { $0.value > $1.value }.prefix(3).map { "\(categoryNames[$0.key] ?? $0.key) \($0.value)" }.joined(separator: ", "),
                place: SupportPlace(rawValue: e.place)?.vietnamese ?? e.place, volunteers: e.volunteerIDs.count, version: e.version)
        }
        let teamQuery = Team.query(on: req.db)
        var teams: [EntryListPage.Option]?
        if scope.restrict(teamQuery, .init(province: \.$provinceCode, commune: \.$homeCommune.$id, ids: scope.teams, id: \.$id)), try await teamQuery.count() <= 300 {
            teams = try await teamQuery.sort(\.$name).all().compactMap { t in t.id.map { .init(value: $0.uuidString.lowercased(), label: t.name) } }
        }
        let campaigns = try await CampaignQueries.all(on: req.db).map { EntryListPage.Option(value: $0.code, label: $0.name) }
        let model = EntryListPage.Model(campaigns: campaigns, campaign: campaign.code, from: filter.from?.iso ?? "", to: filter.to?.iso ?? "",
                                        teams: teams, team: filter.team?.uuidString.lowercased(), rows: rows, total: result.total,
                                        page: filter.page, per: filter.per)
        return req.page { EntryListPage.render(model, context: $0) }
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let saved = (try? req.query.get(String.self, at: "da-luu")) != nil
        let model = try await Self.model(entryID: id, actor: actor, form: nil, errors: [:], saved: saved, on: req.db)
        return req.page { EntryPage.render(model, context: $0) }
    }

    /// Errors re-render the form with what was typed; a correction made from a stale page is refused by name.
    @Sendable
    func correct(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(EntryCorrectionForm.self)
        // The version being corrected: its team and commune stay; `CorrectEntry` checks access and everything else.
        guard let current = try await SupportEntryQueries.current(of: id, on: req.db).first() else {
            throw AppError.notFound("bản ghi hỗ trợ", "support entry", id.uuidString.lowercased())
        }
        var errors: [FieldError]
        switch form.input(teamID: current.$team.id, communeCode: current.communeCode) {
        case .success(let input):
            switch try await formOutcome({ try await CorrectEntry.run(entryID: id, input: input, actor: actor, on: req.db) }) {
            case .success(let result) where result.status == .created || result.status == .duplicate:
                return req.redirect(to: SiteRoute.entry(id).path + "?da-luu=1", redirectType: .normal)
            case .success(let result):
                errors = result.error?.fields ?? [FieldError(field: "entry", message: result.error?.message ?? "Không lưu được.", messageEN: "Not saved.")]
            case .failure(let failure):
                errors = failure.errors
            }
        case .failure(let failure):
            errors = failure.errors
        }
        let model = try await Self.model(entryID: id, actor: actor, form: form, errors: errors.byField, saved: false, on: req.db)
        return req.page({ EntryPage.render(model, context: $0) }, status: .unprocessableEntity)
    }

    static func model(entryID: UUID, actor: Actor, form: EntryCorrectionForm?, errors: [String: String], saved: Bool,
                      on db: any Database) async throws -> EntryPage.Model {
        let history = try await CorrectEntry.history(entryID: entryID, actor: actor, on: db)
        guard let current = history.last(where: \.isCurrent) ?? history.last else {
            throw AppError.notFound("bản ghi hỗ trợ", "support entry", entryID.uuidString.lowercased())
        }
        let campaign = try await CampaignQueries.require(current.campaign, on: db)
        guard let definition = campaign.definition else { throw AppError.server }
        let team = try await Team.find(current.teamID, on: db)
        let names = try await OrgUnitQueries.names([current.communeCode], on: db)
        let categoryNames = Dictionary(definition.categories.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let place = Places.entry(teamID: current.teamID, communeCode: current.communeCode, provinceCode: current.provinceCode)
        let mayPeople = actor.policy.allows(.readPeople, on: place)
        let members = mayPeople ? try await TeamQueries.members(of: current.teamID, on: db) : []
        var volunteerNames: [UUID: String] = Dictionary(members.map { ($0.volunteerID, $0.fullName) }, uniquingKeysWith: { a, _ in a })
        let missing = Set(history.flatMap(\.volunteerIDs)).subtracting(volunteerNames.keys)
        if mayPeople, !missing.isEmpty {
            for v in try await Volunteer.query(on: db).filter(\.$id ~~ missing).all() { if let id = v.id { volunteerNames[id] = v.fullName } }
        }
        // Who made each later version: the audit row of the correction (its detail names the version it made).
        var authors: [Int: (String, Date)] = [:]
        for row in try await AuditEntry.query(on: db).filter(\.$objectID == entryID.uuidString.lowercased())
            .filter(\.$action == "support_entry.correct").all() {
            guard let detail = row.detail, let match = detail.firstMatch(of: /^version (\d+)/), let n = Int(match.1) else { continue }
            authors[n] = (row.username ?? "—", row.at)
        }
        // People by their names, not their user names.
        let usernames = Array(Set(authors.values.map(\.0)))
        let displayNames = usernames.isEmpty ? [:] : Dictionary(try await User.query(on: db).filter(\.$username ~~ usernames).all()
            .map { ($0.username, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        for (n, author) in authors { authors[n] = (displayNames[author.0] ?? author.0, author.1) }
        let versions = history.map { v in
            EntryPage.Version(
                version: v.version, date: LocalDate(iso: v.date)?.longVietnamese ?? v.date, total: v.total,
                summary: v.counts.sorted { $0.value > $1.value }.map { "\(categoryNames[$0.key] ?? $0.key) \($0.value)" }.joined(separator: ", "),
                by: authors[v.version]?.0, at: authors[v.version].map { LocalDate.vietnameseDateTime($0.1) })
        }
        var correction: EntryPage.Correction?
        if actor.policy.allowsEverywhere(.writeEntries, on: place) {
            var filled = form ?? EntryCorrectionForm(current)
            filled.baseVersion = filled.baseVersion ?? String(current.version)
            let day = LocalDate(iso: filled.date ?? current.date) ?? actor.today
            // Members on the entry's day, and anyone the entry already names.
            let onDuty = members.filter { m in
                (LocalDate(iso: m.from).map { $0 <= day } ?? true) && (m.to.flatMap(LocalDate.init(iso:)).map { $0 >= day } ?? true)
            }
            var options = onDuty.map { EntryListPage.Option(value: $0.volunteerID.uuidString.lowercased(), label: $0.fullName) }
            for id in current.volunteerIDs where !onDuty.contains(where: { $0.volunteerID == id }) {
                options.append(.init(value: id.uuidString.lowercased(), label: volunteerNames[id] ?? "—"))
            }
            let used = Set(current.counts.keys)
            correction = EntryPage.Correction(
                correctionID: form?.correctionID.flatMap(UUID.init(uuidString:)) ?? UUID(), form: filled,
                categories: definition.categories.filter { !$0.retired || used.contains($0.code) }, members: options, errors: errors)
        }
        var locked: String?
        if correction != nil, let day = LocalDate(iso: current.date) {
            let week = definition.week(containing: day)
            let approved = try await WeeklyReports.lockedWeeks(campaignID: try campaign.requireID(), communes: [current.communeCode], on: db)
            if approved.contains("\(current.communeCode)|\(week.key)") {
                locked = "Tuần \(week.span) của xã đã được tỉnh duyệt nên bản ghi này không sửa được. Nếu cần sửa, đề nghị tỉnh mở lại báo cáo tuần."
            }
        }
        return EntryPage.Model(entryID: entryID, campaignName: definition.name, team: team?.name ?? "—",
                               commune: names[current.communeCode] ?? current.communeCode, current: current, categoryNames: categoryNames,
                               volunteerNames: volunteerNames, history: versions, correction: correction, saved: saved, locked: locked)
    }
}
