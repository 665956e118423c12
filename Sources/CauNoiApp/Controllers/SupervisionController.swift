import CauNoiCore
import Fluent
import Vapor

/// Supervision visits, their findings and the follow-up (web pages).
struct SupervisionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.supervisionPage, use: list)
        routes.on(.supervisionNewPage, use: newPage)
        routes.on(.supervisionNewSave, use: create)
        routes.on(.supervisionVisitPage, use: show)
        routes.on(.supervisionVisitSave, use: addFinding)
        routes.on(.findingCloseSubmit, use: close)
    }

    struct Done: Content { var xong: String? }

    @Sendable
    func list(req: Request) async throws -> Response {
        let actor = try req.actor()
        let area = try await Access.scope(for: .superviseTeams, actor: actor, on: req.db)
        var model = SupervisionPage.Model(
            findings: try await SupervisionQueries.findings(area: area, onlyOpen: true, today: actor.today, on: req.db),
            visits: try await SupervisionQueries.visits(area: area, limit: 100, today: actor.today, on: req.db),
            mayResolveBreach: !actor.policy.areas(for: .resolveBreach).isEmpty)
        if try req.query.decode(Done.self).xong == "dong" { model.notice = "Đã đóng phát hiện." }
        let final = model
        return req.page { SupervisionPage.render(final, context: $0) }
    }

    struct NewQuery: Content { var doi: String? }

    /// The teams of the area to choose from (by name, with their commune).
    func teamOptions(actor: Actor, on db: any Database) async throws -> [EntryListPage.Option] {
        let area = try await Access.scope(for: .superviseTeams, actor: actor, on: db)
        let query = Team.query(on: db)
        guard area.restrict(query, .init(province: \.$provinceCode, commune: \.$homeCommune.$id)) else { return [] }
        let teams = try await query.sort(\.$name).limit(2_000).all()
        let names = UnitPicker.labels(Set(teams.map { $0.$homeCommune.id }))
        return teams.map { EntryListPage.Option(value: $0.id!.uuidString.lowercased(), label: "\($0.name) — \(names[$0.$homeCommune.id] ?? "")") }
    }

    @Sendable
    func newPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        var form = SupervisionForm()
        form.teamID = try req.query.decode(NewQuery.self).doi
        form.visitedOn = actor.today.iso
        let model = SupervisionFormPage.Model(teams: try await teamOptions(actor: actor, on: req.db), form: form)
        return req.page { SupervisionFormPage.render(model, context: $0) }
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(SupervisionForm.self)
        guard let teamID = form.teamID.nonEmpty.flatMap(UUID.init(uuidString:)) else {
            let model = SupervisionFormPage.Model(teams: try await teamOptions(actor: actor, on: req.db), form: form,
                                                  errors: ["team_id": "Chọn đội hình được giám sát."])
            return req.page({ SupervisionFormPage.render(model, context: $0) }, status: .unprocessableEntity)
        }
        switch try await formOutcome({ try await RecordSupervisionVisit.run(teamID: teamID, campaignCode: nil, form.draft, actor: actor, on: req.db) }) {
        case .success(let visit): return req.redirect(to: SiteRoute.supervisionVisit(visit.id!, done: "luu").path, redirectType: .normal)
        case .failure(let failure):
            let errors = failure.errors.map { FieldError(field: SupervisionForm.formField($0.field), message: $0.message, messageEN: $0.messageEN) }.byExactField
            let model = SupervisionFormPage.Model(teams: try await teamOptions(actor: actor, on: req.db), form: form, errors: errors)
            return req.page({ SupervisionFormPage.render(model, context: $0) }, status: failure.status)
        }
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        var model = try await visitModel(try req.uuidParameter("id"), actor: try req.actor(), on: req.db)
        switch try req.query.decode(Done.self).xong {
        case "luu": model.notice = "Đã lưu lần giám sát."
        case "them": model.notice = "Đã thêm phát hiện."
        case "dong": model.notice = "Đã đóng phát hiện."
        default: break
        }
        let final = model
        return req.page { SupervisionVisitPage.render(final, context: $0) }
    }

    func visitModel(_ id: UUID, actor: Actor, on db: any Database) async throws -> SupervisionVisitPage.Model {
        let key = id.uuidString.lowercased()
        guard let visit = try await SupervisionVisit.find(id, on: db) else {
            throw AppError.notFound(ObjectKind.supervision.vietnamese, ObjectKind.supervision.english, key)
        }
        // Whoever may read the team reads its visits (its leader follows the findings it owns); supervisors act on them.
        if !actor.policy.allows(.superviseTeams, on: visit.place) {
            try await Access.require(.readTeams, on: visit.place, .supervision, id: key, actor: actor, on: db)
        }
        let team = try await Team.find(visit.teamID, on: db)
        let everything = ScopeFilter(everything: true)
        return SupervisionVisitPage.Model(
            id: id, teamID: visit.teamID, teamName: team?.name ?? "", communeName: UnitPicker.label(visit.communeCode) ?? visit.communeCode,
            visitedOn: LocalDate(iso: visit.visitedOn) ?? actor.today, by: visit.createdBy, answers: visit.answerMap, note: visit.note,
            // The visit was read under the access rule; its findings go with it.
            findings: try await SupervisionQueries.findings(area: everything, visitID: id, onlyOpen: false, today: actor.today, on: db),
            mayResolveBreach: actor.policy.allowsEverywhere(.resolveBreach, on: visit.place),
            mayAdd: actor.policy.allowsEverywhere(.superviseTeams, on: visit.place))
    }

    @Sendable
    func addFinding(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(FindingDraft.self)
        switch try await formOutcome({ try await AddFinding.run(visitID: id, form, actor: actor, on: req.db) }) {
        case .success: return req.redirect(to: SiteRoute.supervisionVisit(id, done: "them").path, redirectType: .normal)
        case .failure(let failure):
            var model = try await visitModel(id, actor: actor, on: req.db)
            model.findingForm = form
            model.errors = failure.errors.byField
            let final = model
            return req.page({ SupervisionVisitPage.render(final, context: $0) }, status: failure.status)
        }
    }

    struct CloseForm: Content {
        var closedNote: String?
        /// "list" when closed from /giam-sat, which is where the person goes back to.
        var back: String?
        enum CodingKeys: String, CodingKey { case closedNote = "closed_note", back }
    }

    @Sendable
    func close(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(CloseForm.self)
        switch try await formOutcome({ try await CloseFinding.run(findingID: id, note: form.closedNote, actor: actor, on: req.db) }) {
        case .success(let finding):
            let back = form.back == "list" ? SiteRoute.supervision(done: "dong").path : SiteRoute.supervisionVisit(finding.visitID, done: "dong").path
            return req.redirect(to: back, redirectType: .normal)
        case .failure(let failure):
            guard let finding = try await SupervisionFinding.find(id, on: req.db) else { throw AppError.server }
            var model = try await visitModel(finding.visitID, actor: actor, on: req.db)
            model.closeErrors[id] = failure.errors.map(\.message).joined(separator: " ")
            let final = model
            return req.page({ SupervisionVisitPage.render(final, context: $0) }, status: failure.status)
        }
    }
}
