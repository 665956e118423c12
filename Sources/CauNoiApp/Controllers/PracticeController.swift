import CauNoiCore
import Fluent
import Vapor

/// Good practices in the web and the API: the library, writing one up (or promoting a weekly report's), recognising,
/// recommending, and recording where it was adopted.
struct PracticeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.practicesPage, use: list)
        routes.on(.practiceNewPage, use: newPage)
        routes.on(.practiceNewSave, use: create)
        routes.on(.practicePage, use: show)
        routes.on(.practicePageSave, use: act)
        routes.on(.apiPractices, use: apiList)
        routes.on(.practiceCandidatesSubmit, use: dismiss)
        routes.on(.practiceEditPage, use: editPage)
        routes.on(.practiceEditSave, use: update)
    }

    struct ListQuery: Content {
        var q: String?
        var nhan: String?
        var tinh: String?
        var trangThai: String?
        enum CodingKeys: String, CodingKey { case q, nhan, tinh, trangThai = "trang-thai" }
    }

    @Sendable
    func list(req: Request) async throws -> Response {
        let model = try await listModel(try req.query.decode(ListQuery.self), actor: try req.actor(), on: req.db)
        return req.page { PracticesPage.render(model, context: $0) }
    }

    /// The library, and for those who write practices up the candidates of their province (their commune for a
    /// commune officer; the province the centre picks).
    func listModel(_ q: ListQuery, actor: Actor, on db: any Database) async throws -> PracticesPage.Model {
        let rows = try await PracticeQueries.list(query: q.q, tag: q.nhan.flatMap(PracticeTag.init(rawValue:)),
                                                  status: q.trangThai.flatMap(PracticeStatus.init(rawValue:)), on: db)
        let area = ScopeFilter.from(actor.policy, .writePractice)
        var model = PracticesPage.Model(rows: rows, query: q.q, tag: q.nhan, mayWrite: !area.isEmpty)
        model.status = q.trangThai
        guard !area.isEmpty, let a = actor.policy.areas(for: .writePractice).first else { return model }
        var province: String?, commune: String?
        switch a.role {
        case .centralAdmin:
            model.provinces = UnitDirectoryResource.directory.entries.filter { $0.level == .province }
                .map { EntryListPage.Option(value: $0.unit.code, label: $0.unit.name) }
            province = q.tinh.flatMap { OrgLevel(unitCode: $0) == .province ? $0 : nil }
            model.province = province
        case .provinceAdmin: province = a.unitCode
        case .communeAdmin:
            commune = a.unitCode
            province = try await a.unitCode.asyncMap { try await OrgUnit.find($0, on: db) }??.provinceCode
        default: break
        }
        if let province { model.candidates = try await PracticeQueries.candidates(province: province, commune: commune, today: actor.today, on: db) }
        return model
    }

    struct DismissForm: Content {
        var communeCode: String?
        var indicator: String?
        enum CodingKeys: String, CodingKey { case communeCode = "commune_code", indicator }
    }

    @Sendable
    func dismiss(req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(DismissForm.self)
        guard let code = form.communeCode, let indicator = form.indicator.flatMap(PracticeIndicator.init(rawValue:)) else {
            throw AppError.validation([FieldError(field: "indicator", message: "Gợi ý không hợp lệ.", messageEN: "Unknown candidate.")])
        }
        try await DismissCandidate.run(communeCode: code, indicator: indicator, actor: actor, on: req.db)
        let province = try await OrgUnit.find(code, on: req.db)?.provinceCode
        return req.redirect(to: Endpoint.practicesPage.path() + (actor.policy.isNational(for: .writePractice) ? "?tinh=\(province ?? "")" : ""),
                            redirectType: .normal)
    }

    struct PracticeDTO: Content {
        var id: UUID
        var title: String
        var origin: String
        var status: String
        var tags: [String]
        var adoptions: Int
    }

    @Sendable
    func apiList(req: Request) async throws -> [PracticeDTO] {
        _ = try req.actor()
        let q = try req.query.decode(ListQuery.self)
        return try await PracticeQueries.list(query: q.q, tag: q.nhan.flatMap(PracticeTag.init(rawValue:)), on: req.db).map {
            PracticeDTO(id: $0.id, title: $0.title, origin: $0.origin, status: $0.status.rawValue, tags: $0.tags, adoptions: $0.adoptions)
        }
    }

    struct NewQuery: Content {
        var baoCao: String?
        var xa: String?
        var chiSo: String?
        enum CodingKeys: String, CodingKey { case baoCao = "bao-cao", xa, chiSo = "chi-so" }
    }

    @Sendable
    func newPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        var form = PracticeForm()
        form.startDate = actor.today.iso
        let query = try req.query.decode(NewQuery.self)
        // From a candidate: its commune and the indicator it stood out on.
        if let code = query.xa { form.origin = UnitDirectoryResource.directory.label(code: code) ?? code }
        form.indicator = query.chiSo.flatMap(PracticeIndicator.init(rawValue:))?.rawValue
        // Promoting a weekly report's good practice: its text, commune and week, the report kept as the source.
        if let id = query.baoCao.flatMap(UUID.init(uuidString:)),
           let report = try await WeeklyReport.find(id, on: req.db), let text = report.goodPractice {
            try await Access.require(.readEntries, on: RecordPlace(provinceCode: report.provinceCode, communeCodes: [report.communeCode]),
                                     .weeklyReport, id: id.uuidString.lowercased(), actor: actor, on: req.db)
            form.reportID = id.uuidString.lowercased()
            form.origin = UnitDirectoryResource.directory.label(code: report.communeCode)
            form.startDate = report.week
            form.whatWasDone = text
            form.title = String(text.prefix { $0 != "." && $0 != ":" && $0 != "\n" }.prefix(120)).trimmingCharacters(in: .whitespaces)
        }
        return req.page { PracticeFormPage.render(.init(form: form), context: $0) }
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(PracticeForm.self)
        let area = try await Access.scope(for: .writePractice, actor: actor, on: req.db)
        let origin = (form.origin ?? "").isEmpty ? Result<String, FieldError>.success("")
            : UnitPicker.pick(form.origin, levels: [.commune, .province], within: area, field: "origin_code")
        let report = form.reportID.nonEmpty.flatMap(UUID.init(uuidString:))
        switch try await formOutcome({ try await SavePractice.run(id: nil, form.draft(originCode: try? origin.get()), reportID: report, actor: actor, on: req.db) }) {
        case .success(let practice):
            return req.redirect(to: SiteRoute.practice(practice.id!, done: "luu").path, redirectType: .normal)
        case .failure(let failure):
            var errors = failure.errors.byField
            if case .failure(let problem) = origin { errors["origin_code"] = problem.message }
            return req.page({ PracticeFormPage.render(.init(form: form, errors: errors), context: $0) }, status: failure.status)
        }
    }

    @Sendable
    func editPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let p = try await PracticeQueries.require(id, on: req.db)
        try await Access.require(.writePractice, on: p.place, .practice, id: id.uuidString.lowercased(), deny: .forbid, actor: actor, on: req.db)
        let form = PracticeForm(reportID: nil, title: p.title, origin: UnitDirectoryResource.directory.label(code: p.originCode) ?? p.originCode,
                                startDate: p.startDate, problem: p.problem, whatWasDone: p.whatWasDone, resources: p.resources, results: p.results,
                                indicator: p.indicator, tags: p.tagList.map(\.rawValue))
        return req.page { PracticeFormPage.render(.init(form: form, editing: id), context: $0) }
    }

    @Sendable
    func update(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(PracticeForm.self)
        let area = try await Access.scope(for: .writePractice, actor: actor, on: req.db)
        let origin = UnitPicker.pick(form.origin, levels: [.commune, .province], within: area, field: "origin_code")
        switch try await formOutcome({ try await SavePractice.run(id: id, form.draft(originCode: try? origin.get()), actor: actor, on: req.db) }) {
        case .success:
            return req.redirect(to: SiteRoute.practice(id, done: "luu").path, redirectType: .normal)
        case .failure(let failure):
            var errors = failure.errors.byField
            if case .failure(let problem) = origin { errors["origin_code"] = problem.message }
            return req.page({ PracticeFormPage.render(.init(form: form, errors: errors, editing: id), context: $0) }, status: failure.status)
        }
    }

    struct ShowQuery: Content { var xong: String? }

    /// What was just done on the practice page (reached by a redirect, so a reload repeats nothing).
    static let done: [String: String] = [
        "luu": "Đã lưu.", "recognised": "Tỉnh đã ghi nhận cách làm này.", "recommended": "Trung ương đã khuyến nghị nhân rộng cách làm này.",
        "adopt": "Đã ghi nơi áp dụng.",
    ]

    @Sendable
    func show(req: Request) async throws -> Response {
        var model = try await PracticeQueries.detail(try req.uuidParameter("id"), actor: try req.actor(), on: req.db)
        model.notice = try req.query.decode(ShowQuery.self).xong.flatMap { Self.done[$0] }
        return req.page { PracticePage.render(model, context: $0) }
    }

    @Sendable
    func act(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(AdoptionForm.self)
        let outcome = try await formOutcome { () -> Void in
            switch form.action {
            case "adopt":
                let area = try await Access.scope(for: .writePractice, actor: actor, on: req.db)
                let unit: String
                switch UnitPicker.pick(form.unit, levels: [.commune, .province], within: area, field: "unit_code") {
                case .success(let code): unit = code
                case .failure(let problem): throw AppError.validation([problem])
                }
                var draft = AdoptionDraft()
                draft.unitCode = unit; draft.startDate = form.startDate.nonEmpty; draft.changes = form.changes
                _ = try await RecordAdoption.run(practiceID: id, draft, actor: actor, on: req.db)
            default:
                guard let next = form.action.flatMap(PracticeStatus.init(rawValue:)), next != .proposed else {
                    throw AppError.validation([FieldError(field: "action", message: "Thao tác không hợp lệ.", messageEN: "Unknown action.")])
                }
                _ = try await AdvancePractice.run(id: id, to: next, actor: actor, on: req.db)
            }
        }
        switch outcome {
        case .success:
            return req.redirect(to: SiteRoute.practice(id, done: form.action == "adopt" ? "adopt" : form.action).path, redirectType: .normal)
        case .failure(let failure):
            var model = try await PracticeQueries.detail(id, actor: actor, on: req.db)
            model.adoptForm = form
            // Errors of the adoption form stand beside its fields; anything else (a step refused) in the red box.
            let formFields: Set<String> = ["unit_code", "start_date", "changes"]
            model.errors = failure.errors.filter { formFields.contains($0.field) }.byField
            let other = failure.errors.filter { !formFields.contains($0.field) }.map(\.message)
            model.error = other.isEmpty ? nil : other.joined(separator: " ")
            return req.page({ PracticePage.render(model, context: $0) }, status: failure.status)
        }
    }
}
