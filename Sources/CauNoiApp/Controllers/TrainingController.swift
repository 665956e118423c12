import CauNoiCore
import CauNoiSheets
import Fluent
import Vapor

/// Training sessions and their attendance, training coverage (page and exports), the competency standard and
/// assessments (web pages).
struct TrainingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.trainingPage, use: list)
        routes.on(.trainingNewPage, use: newPage)
        routes.on(.trainingNewSave, use: create)
        routes.on(.trainingCoverageCSV, use: coverageCSV)
        routes.on(.trainingCoverageXLSX, use: coverageXLSX)
        routes.on(.trainingSessionPage, use: show)
        routes.on(.trainingSessionSave, use: tick)
        routes.on(.trainingImportSubmit, body: .collect(maxSize: "24mb"), use: importSheet)
        routes.on(.competencyPage, use: standardPage)
        routes.on(.competencySave, use: saveStandard)
        routes.on(.volunteerAssessSubmit, use: assess)
    }

    struct ListQuery: Content {
        var chienDich: String?
        var donVi: String?
        enum CodingKeys: String, CodingKey { case chienDich = "chien-dich", donVi = "don-vi" }
    }

    // MARK: - Sessions and coverage

    @Sendable
    func list(req: Request) async throws -> Response {
        let model = try await listModel(try req.query.decode(ListQuery.self), actor: try req.actor(), on: req.db)
        return req.page({ TrainingPage.render(model, context: $0) }, personalData: true)
    }

    /// The unit a coverage view is about: the one asked for, inside the person's area, or their own.
    static func unit(_ asked: String?, area: ScopeFilter, actor: Actor, on db: any Database) async throws -> String {
        let own = area.everything ? "VN" : (area.provinces.sorted().first ?? area.communes.sorted().first ?? "VN")
        guard let code = asked.nonEmpty, code != own else { return own }
        let province = OrgLevel(unitCode: code) == .commune ? UnitDirectoryResource.directory.entry(code: code)?.provinceCode : code
        guard OrgLevel(unitCode: code) != nil, code == "VN" || UnitDirectoryResource.directory.entry(code: code) != nil else {
            throw AppError.notFound(ObjectKind.orgUnit.vietnamese, ObjectKind.orgUnit.english, code)
        }
        try await Access.require(.manageTraining, on: RecordPlace.unit(code: code, provinceCode: province), .orgUnit, id: code,
                                 deny: .refuseRead, actor: actor, on: db)
        return code
    }

    /// The unit's rows (a province's communes, the nation's provinces) and, when asked, the unit's own total, counted
    /// apart (someone active in two communes counts once in their province).
    /// The provinces of an area (a commune's province), nil for the whole country.
    static func provinces(of area: ScopeFilter) -> Set<String>? {
        area.everything ? nil : area.provinces.union(area.communes.compactMap { UnitDirectoryResource.directory.entry(code: $0)?.provinceCode })
    }

    /// Campaigns that reach the person's area, drafts left out, newest first.
    static func campaigns(area: ScopeFilter, on db: any Database) async throws -> [Campaign] {
        let provinces = provinces(of: area)
        return try await CampaignQueries.all(on: db).filter { c in
            guard let d = c.definition, d.status != .draft else { return false }
            return provinces.map { $0.contains { d.covers(province: $0) } } ?? true
        }
    }

    /// The campaign asked for, else the one running in the person's province (the nation's for the centre).
    static func campaign(_ code: String?, area: ScopeFilter, actor: Actor, on db: any Database) async throws -> Campaign {
        if code.nonEmpty != nil { return try await CampaignQueries.byCode(code, today: actor.today, on: db) }
        return try await CampaignQueries.current(today: actor.today, province: provinces(of: area).flatMap { $0.count == 1 ? $0.first : nil }, on: db)
    }

    static func coverage(campaign: Campaign, unit: String, day: LocalDate, withTotal: Bool = true, on db: any Database)
        async throws -> (rows: [TrainingPage.CoverageRow], total: TrainingPage.CoverageRow?) {
        let directory = UnitDirectoryResource.directory
        let name = { (code: String) in directory.entry(code: code)?.unit.name ?? code }
        switch OrgLevel(unitCode: unit) {
        case .commune:
            let rows = try await TrainingQueries.coverage(campaign: campaign, grouping: .commune(unit), day: day, on: db)
            return ([], rows.first.map { .init(name: name(unit), link: nil, coverage: $0) })
        case .province:
            let rows = try await TrainingQueries.coverage(campaign: campaign, grouping: .communes(province: unit), day: day, on: db)
            let total = withTotal ? try await TrainingQueries.coverage(campaign: campaign, grouping: .total(province: unit), day: day, on: db).first : nil
            return (rows.map { .init(name: name($0.unitCode), link: SiteRoute.training(campaign: campaign.code, unit: $0.unitCode).path, coverage: $0) }
                        .sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) },
                    total.map { .init(name: "Toàn \(name(unit))", link: nil, coverage: $0) })
        default:
            let rows = try await TrainingQueries.coverage(campaign: campaign, grouping: .provinces, day: day, on: db)
            let total = withTotal ? try await TrainingQueries.coverage(campaign: campaign, grouping: .total(province: nil), day: day, on: db).first : nil
            return (rows.map { .init(name: name($0.unitCode), link: SiteRoute.training(campaign: campaign.code, unit: $0.unitCode).path, coverage: $0) }
                        .sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) },
                    total.map { .init(name: "Toàn quốc", link: nil, coverage: $0) })
        }
    }

    func listModel(_ q: ListQuery, actor: Actor, on db: any Database) async throws -> TrainingPage.Model {
        let area = try await Access.scope(for: .manageTraining, actor: actor, on: db)
        let unit = try await Self.unit(q.donVi, area: area, actor: actor, on: db)
        let campaign = try await Self.campaign(q.chienDich, area: area, actor: actor, on: db)
        guard let definition = campaign.definition else { throw AppError.server }
        let campaignID = try campaign.requireID()
        let standard = definition.competencyStandard
        let (rows, total) = try await Self.coverage(campaign: campaign, unit: unit, day: actor.today, on: db)
        let sessions = try await TrainingQueries.sessions(campaignID: campaignID, area: area, on: db)
        let ids = sessions.compactMap(\.id)
        let topics = try await TrainingQueries.topics(of: ids, on: db)
        let counts = try await TrainingQueries.attendanceCounts(ids, on: db)
        let titles = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id!, $0.title) })
        var model = TrainingPage.Model(
            campaignCode: campaign.code, campaignName: definition.name, unitParam: unit,
            unitName: unit == "VN" ? "Toàn quốc" : (UnitPicker.label(unit) ?? unit), competencies: standard.competencies,
            coverage: rows, total: total, asOf: actor.today)
        model.campaigns = try await Self.campaigns(area: area, on: db).map { EntryListPage.Option(value: $0.code, label: $0.name) }
        model.sessions = sessions.map { s in
            TrainingPage.SessionRow(id: s.id!, title: s.title, tier: s.level, unitName: s.unitCode == "VN" ? "" : (UnitPicker.label(s.unitCode) ?? s.unitCode),
                                    heldOn: LocalDate(iso: s.heldOn) ?? actor.today, format: TrainingFormat(rawValue: s.format) ?? .inPerson,
                                    topics: TrainingQueries.ordered(topics[s.id!] ?? [], standard).map { standard.competency(code: $0)?.name ?? $0 },
                                    attendance: counts[s.id!] ?? 0, parentTitle: s.parentID.flatMap { titles[$0] })
        }
        if OrgLevel(unitCode: unit) == .commune {
            model.needs = try await TrainingQueries.stillNeeded(campaign: campaign, commune: unit, day: actor.today, on: db)
        }
        return model
    }

    struct NewQuery: Content {
        var chienDich: String?
        var goc: String?
        enum CodingKeys: String, CodingKey { case chienDich = "chien-dich", goc }
    }

    @Sendable
    func newPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        let area = try await Access.scope(for: .manageTraining, actor: actor, on: req.db)
        let q = try req.query.decode(NewQuery.self)
        var form = TrainingSessionForm()
        form.heldOn = actor.today.iso
        form.format = TrainingFormat.inPerson.rawValue
        form.unit = area.everything ? "Trung ương" : UnitPicker.label(area.provinces.sorted().first ?? area.communes.sorted().first)
        var campaignCode = q.chienDich
        if let parentID = q.goc.flatMap(UUID.init(uuidString:)), let parent = try await TrainingSession.find(parentID, on: req.db) {
            let topics = try await TrainingQueries.topics(of: [parentID], on: req.db)[parentID] ?? []
            form.parentID = parentID.uuidString.lowercased()
            form.topics = topics
            form.title = parent.title.hasPrefix("Tập huấn lại: ") ? parent.title : "Tập huấn lại: \(parent.title)"
            campaignCode = try await Campaign.find(parent.campaignID, on: req.db)?.code
            // A follow-on is held a tier down: the person's own unit is offered only if it lies below the parent's.
            let own = area.everything ? TrainingTier.central : (area.provinces.isEmpty ? TrainingTier.commune : TrainingTier.province)
            if own <= parent.level { form.unit = nil }
        }
        let campaign = try await Self.campaign(campaignCode, area: area, actor: actor, on: req.db)
        form.campaign = campaign.code
        let model = try await formModel(form, campaign: campaign, on: req.db)
        return req.page { TrainingFormPage.render(model, context: $0) }
    }

    func formModel(_ form: TrainingSessionForm, campaign: Campaign, errors: [String: String] = [:], on db: any Database) async throws -> TrainingFormPage.Model {
        let parentTitle = try await form.parentID.flatMap(UUID.init(uuidString:)).asyncMap { try await TrainingSession.find($0, on: db)?.title } ?? nil
        return TrainingFormPage.Model(form: form, campaignName: campaign.name, competencies: campaign.definition?.competencyStandard.competencies ?? [],
                                      parentTitle: parentTitle, errors: errors)
    }

    /// "Trung ương" (or VN) for the centre; otherwise a province or commune of the person's area.
    static func pickUnit(_ typed: String?, area: ScopeFilter) -> Result<String, FieldError> {
        let folded = VietnameseText.words(typed ?? "").joined(separator: " ")
        if ["trung uong", "vn", "toan quoc"].contains(folded) { return .success("VN") }
        return UnitPicker.pick(typed, levels: [.province, .commune], within: area, field: "unit_code")
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let area = try await Access.scope(for: .manageTraining, actor: actor, on: req.db)
        let form = try req.content.decode(TrainingSessionForm.self)
        let unit = Self.pickUnit(form.unit, area: area)
        let connected = UnitPicker.communesOrProvinces(form.connected, area: area, field: "connected_units")
        var draft = TrainingSessionDraft()
        draft.title = form.title
        draft.unitCode = try? unit.get()
        draft.heldOn = form.heldOn
        draft.topics = form.topics
        draft.format = form.format
        draft.connectedUnits = try? connected.get()
        draft.trainer = form.trainer
        draft.note = form.note
        draft.parentID = form.parentID
        let campaign = try await CampaignQueries.byCode(form.campaign, today: actor.today, on: req.db)
        var pickErrors: [String: String] = [:]
        if case .failure(let problem) = unit { pickErrors["unit_code"] = problem.message }
        if case .failure(let problem) = connected { pickErrors["connected_units"] = problem.message }
        if pickErrors.isEmpty {
            switch try await formOutcome({ try await SaveTrainingSession.run(draft, campaignCode: campaign.code, actor: actor, on: req.db) }) {
            case .success(let session): return req.redirect(to: SiteRoute.trainingSession(session.id!, done: "luu").path, redirectType: .normal)
            case .failure(let failure):
                let model = try await formModel(form, campaign: campaign, errors: failure.errors.byField, on: req.db)
                return req.page({ TrainingFormPage.render(model, context: $0) }, status: failure.status)
            }
        }
        // The typed units could not be read: every other problem of the form is shown with them.
        var errors = pickErrors
        if case .failure(let failure) = ValidTrainingSession.validate(draft, standard: campaign.definition?.competencyStandard ?? .empty, parent: nil,
                                                                      provinceOf: { _ in nil }, today: actor.today) {
            for e in failure.errors where errors[e.field] == nil && e.field != "unit_code" { errors[e.field] = e.message }
        }
        let model = try await formModel(form, campaign: campaign, errors: errors, on: req.db)
        return req.page({ TrainingFormPage.render(model, context: $0) }, status: .unprocessableEntity)
    }

    struct SessionQuery: Content {
        var xong: String?
        var xa: String?
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        let q = try req.query.decode(SessionQuery.self)
        var model = try await sessionModel(try req.uuidParameter("id"), commune: q.xa.nonEmpty, actor: try req.actor(), on: req.db)
        switch q.xong {
        case "luu": model.notice = "Đã lưu buổi tập huấn."
        case "danh-sach": model.notice = "Đã cập nhật danh sách người tham dự."
        default: break
        }
        let final = model
        return req.page({ TrainingSessionPage.render(final, context: $0) }, personalData: true)
    }

    func sessionModel(_ id: UUID, commune typedCommune: String?, actor: Actor, on db: any Database) async throws -> TrainingSessionPage.Model {
        let key = id.uuidString.lowercased()
        guard let s = try await TrainingSession.find(id, on: db) else { throw AppError.notFound(ObjectKind.training.vietnamese, ObjectKind.training.english, key) }
        // Those below read the session they re-train from; writing it stays with its own area.
        if !TrainingQueries.mayRead(s, policy: actor.policy) {
            try await Access.require(.manageTraining, on: s.place, .training, id: key, actor: actor, on: db)
        }
        let campaign = try await Campaign.find(s.campaignID, on: db)
        let standard = campaign?.definition?.competencyStandard ?? .empty
        let topics = TrainingQueries.ordered(try await TrainingQueries.topics(of: [id], on: db)[id] ?? [], standard)
        let attendance = try await TrainingAttendance.query(on: db).filter(\.$sessionID == id).all()
        let people = try await Volunteer.query(on: db).filter(\.$id ~~ attendance.map(\.volunteerID)).all()
        let source = Dictionary(uniqueKeysWithValues: attendance.map { ($0.volunteerID, $0.source) })
        let names = UnitPicker.labels(Set(people.map { $0.$homeCommune.id }))
        let attendees = people.map { TrainingSessionPage.Person(id: $0.id!, name: $0.fullName, commune: names[$0.$homeCommune.id] ?? "", source: source[$0.id!]) }
            .sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) }
        let mayWrite = actor.policy.allowsEverywhere(.manageTraining, on: s.place)
        var model = TrainingSessionPage.Model(
            id: id, title: s.title, tier: s.level, unitName: s.unitCode == "VN" ? "" : (UnitPicker.label(s.unitCode) ?? s.unitCode),
            heldOn: LocalDate(iso: s.heldOn) ?? actor.today, format: TrainingFormat(rawValue: s.format) ?? .inPerson,
            topics: topics.map { standard.competency(code: $0)?.name ?? $0 },
            connected: s.connectedList.map { UnitPicker.label($0) ?? $0 }, trainer: s.trainer, note: s.note,
            attendees: mayWrite ? attendees : [], held: LocalDate(iso: s.heldOn).map { $0 <= actor.today } ?? false)
        model.mayWrite = mayWrite
        model.attendanceCount = attendance.count
        if let parentID = s.parentID, let parent = try await TrainingSession.find(parentID, on: db) {
            model.parent = .init(id: parentID, title: parent.title)
        }
        let followOns = try await TrainingSession.query(on: db).filter(\.$parentID == id).sort(\.$heldOn).all()
        let followCounts = try await TrainingQueries.attendanceCounts(followOns.compactMap(\.id), on: db)
        model.followOns = followOns.filter { TrainingQueries.mayRead($0, policy: actor.policy) }.map {
            .init(id: $0.id!, title: $0.title, unitName: UnitPicker.label($0.unitCode) ?? $0.unitCode, heldOn: LocalDate(iso: $0.heldOn) ?? actor.today,
                  attendance: followCounts[$0.id!] ?? 0)
        }
        guard model.held && mayWrite else { return model }
        // Who can be ticked: a commune session's people; for a province or central session, one commune at a time.
        var commune: String? = s.level == .commune ? s.communeCode : nil
        model.needsCommune = s.level != .commune
        if s.level != .commune, let typed = typedCommune {
            switch UnitPicker.commune(typed, area: ScopeFilter.from(actor.policy, .manageTraining), field: "xa") {
            case .success(let code): commune = code
            case .failure(let problem): model.error = problem.message
            }
            model.commune = typed
        }
        guard let commune else { return model }
        let present = Set(attendance.map(\.volunteerID))
        let living = try await Volunteer.query(on: db).filter(\.$homeCommune.$id == commune).filter(\.$status == VolunteerStatus.active.rawValue)
            .limit(1_000).all()
        let serving = try await Volunteer.query(on: db).join(TeamMembership.self, on: \Volunteer.$id == \TeamMembership.$volunteer.$id)
            .join(Team.self, on: \TeamMembership.$team.$id == \Team.$id).filter(Team.self, \.$homeCommune.$id == commune)
            .filter(TeamMembership.self, \.$toDate == nil).filter(\.$status == VolunteerStatus.active.rawValue).limit(1_000).all()
        var seen = Set<UUID>()
        let pool = (living + serving).filter { seen.insert($0.id!).inserted && !present.contains($0.id!) }
        let eligible = try await SessionAttendance.eligible(pool, session: s, on: db)
        let candidateNames = UnitPicker.labels(Set(pool.map { $0.$homeCommune.id }))
        let candidates = pool.filter { eligible.contains($0.id!) }
            .map { TrainingSessionPage.Person(id: $0.id!, name: $0.fullName, commune: candidateNames[$0.$homeCommune.id] ?? "", source: nil) }
            .sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) }
        model.candidates = Array(candidates.prefix(300))
        model.candidatesCapped = candidates.count > 300
        return model
    }

    struct TickForm: Content {
        var add: [String]?
        var remove: [String]?
    }

    @Sendable
    func tick(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(TickForm.self)
        let add = (form.add ?? []).compactMap(UUID.init(uuidString:)), remove = (form.remove ?? []).compactMap(UUID.init(uuidString:))
        switch try await formOutcome({ try await RecordAttendance.run(sessionID: id, add: add, remove: remove, actor: actor, on: req.db) }) {
        case .success: return req.redirect(to: SiteRoute.trainingSession(id, done: "danh-sach").path, redirectType: .normal)
        case .failure(let failure):
            var model = try await sessionModel(id, commune: nil, actor: actor, on: req.db)
            model.error = failure.errors.map(\.message).joined(separator: " ")
            let final = model
            return req.page({ TrainingSessionPage.render(final, context: $0) }, status: failure.status, personalData: true)
        }
    }

    struct UploadForm: Content {
        var file: File?
        var storeValid: String?
        enum CodingKeys: String, CodingKey { case file, storeValid = "store_valid" }
    }

    @Sendable
    func importSheet(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        _ = try await SessionAttendance.session(id, actor: actor, on: req.db)
        let form = try req.content.decode(UploadForm.self)
        let table: [[String]]
        do {
            table = try await req.uploadedSheet(form.file, bounds: .volunteers)
        } catch let error as AppError where error.status == .badRequest || error.status == .unprocessableEntity {
            // No file, an empty one, or one that is not a sheet: said on the session's page, beside the upload form.
            var model = try await sessionModel(id, commune: nil, actor: actor, on: req.db)
            model.error = error.messageVI
            let final = model
            return req.page({ TrainingSessionPage.render(final, context: $0) }, status: error.status, personalData: true)
        }
        let result = try await ImportAttendance.run(sessionID: id, table: table, storeValid: form.storeValid != nil, actor: actor, on: req.db)
        var model = try await sessionModel(id, commune: nil, actor: actor, on: req.db)
        model.importResult = result
        let final = model
        return req.page({ TrainingSessionPage.render(final, context: $0) }, status: result.storedNothing ? .unprocessableEntity : .ok, personalData: true)
    }

    // MARK: - Exports

    static func coverageTable(_ q: ListQuery, req: Request) async throws -> (header: [String], rows: [[Cell]], filename: String) {
        let actor = try req.actor()
        let area = try await Access.scope(for: .manageTraining, actor: actor, on: req.db)
        let unit = try await unit(q.donVi, area: area, actor: actor, on: req.db)
        let campaign = try await campaign(q.chienDich, area: area, actor: actor, on: req.db)
        let competencies = campaign.definition?.competencyStandard.competencies ?? []
        let (rows, total) = try await coverage(campaign: campaign, unit: unit, day: actor.today, on: req.db)
        let header = ["Mã", "Đơn vị", "TNV đang hoạt động", "Đã dự tập huấn"] + competencies.map(\.name)
        let cells = (rows + (total.map { [$0] } ?? [])).map { r -> [Cell] in
            [.text(r.coverage.unitCode.isEmpty ? unit : r.coverage.unitCode), .text(r.name), .integer(r.coverage.active),
             r.coverage.shareAny.map { .number($0) } ?? .empty] + competencies.map { c in r.coverage.share(c.code).map { .number($0) } ?? .empty }
        }
        return (header, cells, "do-phu-tap-huan-\(unit)-\(actor.today.iso)")
    }

    @Sendable
    func coverageXLSX(req: Request) async throws -> Response {
        let (header, rows, name) = try await Self.coverageTable(try req.query.decode(ListQuery.self), req: req)
        return Response.xlsx(try XLSXWriter.workbook(sheets: [Sheet(name: "Độ phủ tập huấn", header: header, rows: rows)]), filename: name + ".xlsx")
    }

    @Sendable
    func coverageCSV(req: Request) async throws -> Response {
        let (header, cells, name) = try await Self.coverageTable(try req.query.decode(ListQuery.self), req: req)
        return Response.csv(header: header, cells: cells, filename: name + ".csv")
    }

    // MARK: - Competency standard and assessments

    struct StandardQuery: Content {
        var chienDich: String?
        var xong: String?
        enum CodingKeys: String, CodingKey { case chienDich = "chien-dich", xong }
    }

    @Sendable
    func standardPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        let q = try req.query.decode(StandardQuery.self)
        let campaign = try await Self.campaign(q.chienDich, area: ScopeFilter.from(actor.policy, .assessCompetency), actor: actor, on: req.db)
        var model = try await standardModel(campaign, actor: actor, on: req.db)
        if q.xong != nil { model.notice = "Đã lưu bộ tiêu chuẩn năng lực." }
        let final = model
        return req.page { CompetencyStandardPage.render(final, context: $0) }
    }

    func standardModel(_ campaign: Campaign, actor: Actor, on db: any Database) async throws -> CompetencyStandardPage.Model {
        // Everyone who trains, assesses or supervises reads the standard.
        guard [.manageTraining, .assessCompetency, .superviseTeams, .manageCampaigns].contains(where: { !actor.policy.areas(for: $0).isEmpty }) else {
            throw AppError.noPermission
        }
        guard let definition = campaign.definition else { throw AppError.server }
        let standard = definition.competencyStandard
        // An empty standard starts from the latest campaign's (as a new campaign's form does); the programme's 2025
        // standard only where no campaign has one yet.
        let latest = try await CampaignQueries.all(on: db).lazy.compactMap { $0.definition?.competencyStandard }.first { !$0.isEmpty }
        let text = CompetencyStandardText.format(standard.isEmpty ? latest ?? .summer2025 : standard)
        var model = CompetencyStandardPage.Model(
            campaignCode: campaign.code, campaignName: definition.name, standard: standard, courses: definition.requiredCourses,
            competenciesText: text.competencies, levelsText: text.levels, mayEdit: actor.policy.allows(.manageCampaigns, on: RecordPlace(provinceCode: nil)))
        // The centre sets standards of drafts too; others choose among the campaigns that reach them.
        let campaigns = model.mayEdit ? try await CampaignQueries.all(on: db)
            : try await Self.campaigns(area: ScopeFilter.from(actor.policy, .assessCompetency), on: db)
        model.campaigns = campaigns.map { EntryListPage.Option(value: $0.code, label: $0.name) }
        return model
    }

    struct StandardForm: Content {
        var campaign: String?
        var competencies: String?
        var levels: String?
    }

    @Sendable
    func saveStandard(req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(StandardForm.self)
        let code = form.campaign ?? ""
        switch try await formOutcome({ try await SaveCompetencyStandard.run(campaignCode: code, competencies: form.competencies, levels: form.levels, actor: actor, on: req.db) }) {
        case .success: return req.redirect(to: SiteRoute.competencies(campaign: code, done: "luu").path, redirectType: .normal)
        case .failure(let failure):
            var model = try await standardModel(try await CampaignQueries.require(code, on: req.db), actor: actor, on: req.db)
            model.competenciesText = form.competencies ?? ""
            model.levelsText = form.levels ?? ""
            model.errors = failure.errors.byExactField
            let final = model
            return req.page({ CompetencyStandardPage.render(final, context: $0) }, status: failure.status)
        }
    }

    @Sendable
    func assess(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(AssessmentForm.self)
        var levels: [String: Int] = [:], unreadable: [FieldError] = []
        for (key, value) in form.levels ?? [:] {
            if let n = Int(value) { levels[key] = n } else {
                unreadable.append(FieldError(field: "level.\(key)", message: "Cấp độ không hợp lệ.", messageEN: "Unreadable level."))
            }
        }
        let outcome = unreadable.isEmpty
            ? try await formOutcome({ try await AssessCompetency.run(volunteerID: id, campaignCode: form.campaign, levels: levels, note: form.note, actor: actor, on: req.db) })
            : .failure(FieldErrorList(errors: unreadable))
        switch outcome {
        case .success: return req.redirect(to: SiteRoute.volunteer(id).path + "?da-danh-gia=1", redirectType: .normal)
        case .failure(let failure):
            return try await VolunteerPagesController.showPage(req: req, id: id, assessment: form,
                                                                assessmentErrors: failure.errors.byExactField,
                                                                status: failure.status)
        }
    }
}

/// The assessment form on a volunteer's page: a level per competency ("level[vneid]=2").
struct AssessmentForm: Content, Equatable, Sendable {
    var campaign: String?
    var levels: [String: String]?
    var note: String?
    enum CodingKeys: String, CodingKey { case campaign, levels = "level", note }
}
