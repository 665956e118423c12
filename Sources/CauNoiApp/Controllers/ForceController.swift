import CauNoiCore
import Fluent
import Vapor

/// Coordinating forces in the web and the API: where help is short, reinforcement requests, proposals, decisions
/// and the volunteers' answers. Handlers decode, call one use case or query, and render.
struct ForceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.forcesPage, use: forcesPage)
        routes.on(.forcesProposeSubmit, use: proposeAll)
        routes.on(.reinforcementNewPage, use: newPage)
        routes.on(.reinforcementNewSave, use: create)
        routes.on(.reinforcementPage, use: requestPage)
        routes.on(.reinforcementPageSave, use: requestAction)
        routes.on(.rotationPage, use: rotationPage)
        routes.on(.rotationSubmit, use: rotationSubmit)
        routes.on(.movesPage, use: movesPage)
        routes.on(.moveAnswerSubmit, use: answer)
        routes.on(.apiShortages, use: apiShortages)
        routes.on(.apiReinforcements, use: apiList)
        routes.on(.apiReinforcementCreate, use: apiCreate)
        routes.on(.apiReinforcement, use: apiDetail)
        routes.on(.apiReinforcementProposals, use: apiPropose)
        routes.on(.apiReinforcementDecision, use: apiDecide)
        routes.on(.apiMoves, use: apiMoves)
        routes.on(.apiMoveAnswer, use: apiAnswer)
    }

    // MARK: - Pages

    struct ForcesQuery: Content {
        var tinh: String?
        var q: String?
    }

    @Sendable
    func forcesPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        let query = try req.query.decode(ForcesQuery.self)
        let model = try await forcesModel(actor: actor, province: query.tinh, search: query.q, on: req.db)
        return req.page { ForcesPage.render(model, context: $0) }
    }

    func forcesModel(actor: Actor, province: String?, search: String? = nil, notice: String? = nil, error: String? = nil,
                     on db: any Database) async throws -> ForcesPage.Model {
        let area = try await Access.scope(for: .coordinateForces, actor: actor, on: db)
        let provinces = area.everything ? nil : area.provinces
        let chosen = province.flatMap { p in (provinces == nil || provinces!.contains(p)) && OrgLevel(unitCode: p) == .province ? p : nil }
        let shown = chosen.map { Set([$0]) } ?? provinces
        let campaign = try await CampaignQueries.current(today: actor.today, province: chosen ?? provinces?.sorted().first, on: db)
        let result = try await ShortageQueries.rank(provinces: shown, campaign: campaign, today: actor.today, on: db)
        let limit = chosen == nil ? 100 : 1_000
        // A name typed without accents finds its communes in the ranking (their rank unchanged).
        let words = VietnameseText.words(search ?? "")
        let ranked = result.ranked.enumerated().map { (rank: $0.offset + 1, item: $0.element) }
        let matching = words.isEmpty ? ranked : ranked.filter { r in
            let name = VietnameseText.fold(result.names[r.item.commune.code]?.commune ?? "")
            return words.allSatisfy { name.contains($0) }
        }
        let rows = matching.prefix(limit).map { rank, r in
            ForcesPage.ShortageRow(rank: rank, code: r.commune.code, communeName: result.names[r.commune.code]?.commune ?? r.commune.code,
                                   provinceName: result.names[r.commune.code]?.province ?? "", score: r.score, reasons: r.reasons.map(\.vietnamese))
        }
        let provinceOptions = UnitDirectoryResource.directory.entries.filter { $0.level == .province && (provinces?.contains($0.unit.code) ?? true) }
            .map { EntryListPage.Option(value: $0.unit.code, label: $0.unit.name) }
        let requests = try await ReinforcementQueries.list(area: area, province: chosen, on: db)
        return ForcesPage.Model(weekLabel: result.weekLabel, communesChecked: result.communesChecked, shortages: Array(rows),
                                totalShort: matching.count, requests: requests, provinces: provinceOptions, province: chosen,
                                query: search.nonEmpty, notice: notice, error: error)
    }

    struct ProposeForm: Content { var province: String? }

    @Sendable
    func proposeAll(req: Request) async throws -> Response {
        let actor = try req.actor()
        let province = try req.content.decode(ProposeForm.self).province.nonEmpty
        let outcome = try await ProposeReinforcements.run(province.map { .province($0) } ?? .nation, actor: actor, on: req.db)
        let model = try await forcesModel(actor: actor, province: province, notice: Self.summary(outcome), on: req.db)
        return req.page { ForcesPage.render(model, context: $0) }
    }

    static func summary(_ o: ProposeReinforcements.Outcome) -> String {
        o.requests == 0 ? "Không có đề nghị nào còn chỗ trống."
            : "Đã đề xuất \(o.proposed) người cho \(o.requests) đề nghị" + (o.unfilled > 0 ? "; còn \(o.unfilled) chỗ chưa tìm được người phù hợp." : ".")
    }

    struct NewQuery: Content {
        var xa: String?
        var khoKhan: String?
        enum CodingKeys: String, CodingKey { case xa, khoKhan = "kho-khan" }
    }

    @Sendable
    func newPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        let q = try req.query.decode(NewQuery.self)
        var form = ReinforcementForm()
        form.commune = q.xa
        form.difficultyID = q.khoKhan
        form.fromDate = actor.today.iso
        let model = try await formModel(form, actor: actor, on: req.db)
        return req.page { ReinforcementFormPage.render(model, context: $0) }
    }

    func formModel(_ form: ReinforcementForm, errors: [String: String] = [:], actor: Actor, on db: any Database) async throws -> ReinforcementFormPage.Model {
        let area = try await Access.scope(for: .coordinateForces, actor: actor, on: db)
        let code = try? UnitPicker.commune(form.commune, area: area, field: "commune").get()
        let teams = try await code.asyncMap { try await HandleHelpRequest.teams(serving: $0, on: actor.today, db) } ?? []
        let province = code.flatMap { UnitDirectoryResource.directory.entry(code: $0)?.provinceCode }
        let campaign = try await province.asyncMap { CampaignQueries.pick(try await CampaignQueries.all(on: db), today: actor.today, province: $0) } ?? nil
        var model = ReinforcementFormPage.Model(form: form, communeLabel: code.flatMap { UnitDirectoryResource.directory.label(code: $0) },
                                                teams: teams.map { EntryListPage.Option(value: $0.id!.uuidString.lowercased(), label: $0.name) },
                                                errors: errors)
        model.standard = campaign?.definition?.competencyStandard ?? .empty
        return model
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(ReinforcementForm.self)
        let area = try await Access.scope(for: .coordinateForces, actor: actor, on: req.db)
        let lookup = UnitPicker.commune(form.commune, area: area, field: "commune_code")
        switch try await formOutcome({ try await RaiseReinforcement.run(form.draft(communeCode: try? lookup.get()), actor: actor, on: req.db) }) {
        case .success(let request):
            return req.redirect(to: SiteRoute.reinforcement(request.id!).path, redirectType: .normal)
        case .failure(let failure):
            var errors = failure.errors.byField
            if case .failure(let problem) = lookup { errors["commune_code"] = problem.message }
            let model = try await formModel(form, errors: errors, actor: actor, on: req.db)
            return req.page({ ReinforcementFormPage.render(model, context: $0) }, status: failure.status)
        }
    }

    struct RequestQuery: Content { var xong: String? }

    /// What was just done on the request page (its state says the rest: who is proposed, approved, accepted).
    static let done: [String: String] = [
        "de-xuat": "Đã đề xuất người cho các chỗ còn trống.",
        "duyet": "Đã duyệt. TNV hoặc đội trưởng trả lời tại trang Điều động hoặc trong ứng dụng hiện trường.",
        "khong-duyet": "Đã không duyệt. Bấm “Đề xuất lại các chỗ còn trống” để tìm người khác.",
        "huy": "Đã hủy đề nghị. Các đề xuất chưa được nhận đã được bỏ; TNV đã nhận vẫn ở đội mới.",
    ]

    @Sendable
    func requestPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        var model = try await ReinforcementQueries.detail(try req.uuidParameter("id"), actor: actor, on: req.db)
        model.notice = try req.query.decode(RequestQuery.self).xong.flatMap { Self.done[$0] }
        return req.page { ReinforcementPage.render(model, context: $0) }
    }

    struct ActionForm: Content {
        var action: String?
        var moveIDs: [String]?
        enum CodingKeys: String, CodingKey { case action, moveIDs = "move_ids" }
    }

    @Sendable
    func requestAction(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(ActionForm.self)
        let picked = (form.moveIDs ?? []).compactMap(UUID.init(uuidString:))
        let outcome = try await formOutcome { () -> String in
            switch form.action {
            case "propose":
                _ = try await ProposeReinforcements.run(.request(id), actor: actor, on: req.db)
                return "de-xuat"
            case "approve":
                _ = try await DecideMoves.run(requestID: id, approve: picked, reject: [], actor: actor, on: req.db)
                return "duyet"
            case "reject":
                _ = try await DecideMoves.run(requestID: id, approve: [], reject: picked, actor: actor, on: req.db)
                return "khong-duyet"
            case "cancel":
                _ = try await CancelReinforcement.run(requestID: id, actor: actor, on: req.db)
                return "huy"
            default:
                throw AppError.validation([FieldError(field: "action", message: "Thao tác không hợp lệ.", messageEN: "Unknown action.")])
            }
        }
        switch outcome {
        case .success(let done):
            return req.redirect(to: SiteRoute.reinforcement(id, done: done).path, redirectType: .normal)
        case .failure(let failure):
            var model = try await ReinforcementQueries.detail(id, actor: actor, on: req.db)
            model.error = failure.errors.map(\.message).joined(separator: " ")
            return req.page({ ReinforcementPage.render(model, context: $0) }, status: failure.status)
        }
    }

    struct RotationQuery: Content { var ngay: String? }

    @Sendable
    func rotationPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        let typed = try req.query.decode(RotationQuery.self).ngay
        // The end of August, when students go back, unless another day is asked for.
        let fallback = LocalDate(year: actor.today.year, month: 8, day: 31).flatMap { $0 >= actor.today ? $0 : nil } ?? actor.today.adding(days: 14)
        guard let day = typed.map({ LocalDate(iso: $0) }) ?? fallback else {
            throw AppError.validation([FieldError(field: "ngay", message: "Ngày không hợp lệ, cần dạng YYYY-MM-DD.", messageEN: "Invalid date.")])
        }
        let model = try await rotationModel(day, actor: actor, on: req.db)
        return req.page { RotationPage.render(model, context: $0) }
    }

    func rotationModel(_ day: LocalDate, notice: String? = nil, actor: Actor, on db: any Database) async throws -> RotationPage.Model {
        let area = try await Access.scope(for: .coordinateForces, actor: actor, on: db)
        let provinces = area.everything ? nil : area.provinces
        let teams = try await RotationQueries.shortTeams(on: day, provinces: provinces, today: actor.today, on: db)
        let replacements = try await RotationQueries.preview(teams, on: day, provinces: provinces, on: db)
        let names = UnitPicker.labels(Set(teams.map(\.communeCode)))
        return RotationPage.Model(day: day.iso, dayLabel: BriefingDates.dayMonthYear(day), rows: teams.map {
            RotationPage.Row(teamName: $0.teamName, communeName: names[$0.communeCode] ?? $0.communeCode, membersThatDay: $0.membersThatDay,
                             minimum: $0.minimum, leaving: $0.leaving, replacements: replacements[$0.teamID] ?? [])
        }, notice: notice)
    }

    struct RotationForm: Content { var day: String? }

    @Sendable
    func rotationSubmit(req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let day = try req.content.decode(RotationForm.self).day.flatMap(LocalDate.init(iso:)) else {
            throw AppError.validation([FieldError(field: "day", message: "Ngày không hợp lệ, cần dạng YYYY-MM-DD.", messageEN: "Invalid date.")])
        }
        let outcome = try await PlanRotation.run(day: day, actor: actor, on: req.db)
        let model = try await forcesModel(actor: actor, province: nil,
                                          notice: "Đã tạo \(outcome.teams) đề nghị tăng cường từ kế hoạch luân chuyển. " + Self.summary(outcome.proposals), on: req.db)
        return req.page { ForcesPage.render(model, context: $0) }
    }

    struct MovesQuery: Content {
        var daTraLoi: String?
        enum CodingKeys: String, CodingKey { case daTraLoi = "da-tra-loi" }
    }

    /// What the person reads after answering (the answer's page is reached by a redirect, so a reload repeats nothing).
    static let answered: [String: String] = [
        "nhan": "Đã nhận điều động. Đội hình mới đã được cập nhật.",
        "tu-choi": "Đã từ chối. Ban điều phối đã có đề xuất người khác.",
        "tu-choi-het-nguoi": "Đã từ chối. Trong tỉnh chưa có người phù hợp khác; Ban điều phối sẽ tìm thêm.",
    ]

    @Sendable
    func movesPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        var model = MovesPage.Model(rows: try await ReinforcementQueries.awaitingAnswer(policy: actor.policy, on: req.db))
        model.notice = try req.query.decode(MovesQuery.self).daTraLoi.flatMap { Self.answered[$0] }
        return req.page { MovesPage.render(model, context: $0) }
    }

    struct AnswerForm: Content { var answer: String? }

    @Sendable
    func answer(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let accept = try Self.accepts(try req.content.decode(AnswerForm.self).answer)
        switch try await formOutcome({ try await AnswerMove.run(moveID: id, accept: accept, actor: actor, on: req.db) }) {
        case .success(let outcome):
            let code = accept ? "nhan" : outcome.reproposed > 0 ? "tu-choi" : "tu-choi-het-nguoi"
            return req.redirect(to: SiteRoute.moves(answered: code).path, redirectType: .normal)
        case .failure(let failure):
            var model = MovesPage.Model(rows: try await ReinforcementQueries.awaitingAnswer(policy: actor.policy, on: req.db))
            model.error = failure.errors.map(\.message).joined(separator: " ")
            return req.page({ MovesPage.render(model, context: $0) }, status: failure.status)
        }
    }

    static func accepts(_ answer: String?) throws -> Bool {
        switch answer {
        case "accept": return true
        case "decline": return false
        default: throw AppError.validation([FieldError(field: "answer", message: "Hãy chọn Nhận hoặc Từ chối.", messageEN: "answer must be accept or decline.")])
        }
    }

    // MARK: - API

    struct ShortageDTO: Content {
        var communeCode: String
        var communeName: String
        var provinceName: String
        var score: Int
        var reasons: [String]
        enum CodingKeys: String, CodingKey { case communeCode = "commune_code", communeName = "commune_name", provinceName = "province_name", score, reasons }
    }

    @Sendable
    func apiShortages(req: Request) async throws -> [ShortageDTO] {
        let model = try await forcesModel(actor: try req.actor(), province: try req.query.decode(ForcesQuery.self).tinh, on: req.db)
        return model.shortages.map { ShortageDTO(communeCode: $0.code, communeName: $0.communeName, provinceName: $0.provinceName,
                                                 score: $0.score, reasons: $0.reasons) }
    }

    struct RequestDTO: Content {
        var id: UUID
        var communeName: String
        var people: Int
        var needs: String
        var status: String
        var accepted: Int
        var approved: Int
        var proposed: Int
        init(_ r: ForcesPage.RequestRow) {
            id = r.id; communeName = r.communeName; people = r.people; needs = r.needs; status = r.status.rawValue
            accepted = r.accepted; approved = r.approved; proposed = r.proposed
        }
        enum CodingKeys: String, CodingKey { case id, communeName = "commune_name", people, needs, status, accepted, approved, proposed }
    }

    @Sendable
    func apiList(req: Request) async throws -> [RequestDTO] {
        let actor = try req.actor()
        let area = try await Access.scope(for: .coordinateForces, actor: actor, on: req.db)
        return try await ReinforcementQueries.list(area: area, on: req.db).map(RequestDTO.init)
    }

    @Sendable
    func apiCreate(req: Request) async throws -> Response {
        let request = try await RaiseReinforcement.run(try req.content.decode(ReinforcementRequestDraft.self), actor: try req.actor(), on: req.db)
        let response = try await detailDTO(request.id!, req: req).encodeResponse(status: .created, for: req)
        return response
    }

    struct DetailDTO: Content {
        struct Move: Content {
            var id: UUID
            var volunteerName: String
            var kilometres: Double
            var reasons: String
            var status: String
            enum CodingKeys: String, CodingKey { case id, volunteerName = "volunteer_name", kilometres, reasons, status }
        }
        var id: UUID
        var communeName: String
        var teamName: String
        var people: Int
        var needs: String
        var status: String
        var moves: [Move]
        enum CodingKeys: String, CodingKey { case id, communeName = "commune_name", teamName = "team_name", people, needs, status, moves }
    }

    func detailDTO(_ id: UUID, req: Request) async throws -> DetailDTO {
        let m = try await ReinforcementQueries.detail(id, actor: try req.actor(), on: req.db)
        return DetailDTO(id: m.id, communeName: m.communeName, teamName: m.teamName, people: m.people, needs: m.needs, status: m.status.rawValue,
                         moves: m.moves.map { .init(id: $0.id, volunteerName: $0.volunteerName, kilometres: ($0.kilometres * 10).rounded() / 10,
                                                    reasons: $0.reasons, status: $0.status.rawValue) })
    }

    @Sendable
    func apiDetail(req: Request) async throws -> DetailDTO { try await detailDTO(try req.uuidParameter("id"), req: req) }

    struct ProposeBody: Content {
        var requestID: UUID?
        var provinceCode: String?
        enum CodingKeys: String, CodingKey { case requestID = "request_id", provinceCode = "province_code" }
    }

    struct OutcomeDTO: Content {
        var requests: Int
        var proposed: Int
        var unfilled: Int
    }

    @Sendable
    func apiPropose(req: Request) async throws -> OutcomeDTO {
        let body = try req.content.decode(ProposeBody.self)
        let scope: ProposeReinforcements.Scope = body.requestID.map { .request($0) } ?? body.provinceCode.map { .province($0) } ?? .nation
        let o = try await ProposeReinforcements.run(scope, actor: try req.actor(), on: req.db)
        return OutcomeDTO(requests: o.requests, proposed: o.proposed, unfilled: o.unfilled)
    }

    struct DecisionBody: Content {
        var approve: [UUID]?
        var reject: [UUID]?
    }

    @Sendable
    func apiDecide(req: Request) async throws -> DetailDTO {
        let id = try req.uuidParameter("id")
        let body = try req.content.decode(DecisionBody.self)
        _ = try await DecideMoves.run(requestID: id, approve: body.approve ?? [], reject: body.reject ?? [], actor: try req.actor(), on: req.db)
        return try await detailDTO(id, req: req)
    }

    struct MoveDTO: Content {
        var id: UUID
        var volunteerName: String
        var communeName: String
        var teamName: String
        var start: String
        var until: String?
        var reasons: String
        enum CodingKeys: String, CodingKey { case id, volunteerName = "volunteer_name", communeName = "commune_name", teamName = "team_name", start, until, reasons }
    }

    @Sendable
    func apiMoves(req: Request) async throws -> [MoveDTO] {
        try await ReinforcementQueries.awaitingAnswer(policy: try req.actor().policy, on: req.db).map {
            MoveDTO(id: $0.id, volunteerName: $0.volunteerName, communeName: $0.communeName, teamName: $0.teamName, start: $0.start,
                    until: $0.until, reasons: $0.reasons)
        }
    }

    struct AnswerBody: Content { var answer: String? }

    struct AnswerDTO: Content {
        var id: UUID
        var status: String
        /// After a decline: people proposed in that person's place (0: nobody else fits in the province).
        var reproposed: Int
    }

    @Sendable
    func apiAnswer(req: Request) async throws -> Response {
        let accept = try Self.accepts(try req.content.decode(AnswerBody.self).answer)
        let outcome = try await AnswerMove.run(moveID: try req.uuidParameter("id"), accept: accept, actor: try req.actor(), on: req.db)
        return try await AnswerDTO(id: outcome.move.id!, status: accept ? MoveStatus.accepted.rawValue : MoveStatus.declined.rawValue,
                                   reproposed: outcome.reproposed).encodeResponse(for: req)
    }
}
