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
    }

    struct ListQuery: Content {
        var q: String?
        var nhan: String?
    }

    @Sendable
    func list(req: Request) async throws -> Response {
        let actor = try req.actor()
        let q = try req.query.decode(ListQuery.self)
        let rows = try await PracticeQueries.list(query: q.q, tag: q.nhan.flatMap(PracticeTag.init(rawValue:)), on: req.db)
        let model = PracticesPage.Model(rows: rows, query: q.q, tag: q.nhan, mayWrite: !actor.policy.areas(for: .writePractice).isEmpty)
        return req.page { PracticesPage.render(model, context: $0) }
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
        enum CodingKeys: String, CodingKey { case baoCao = "bao-cao" }
    }

    @Sendable
    func newPage(req: Request) async throws -> Response {
        let actor = try req.actor()
        var form = PracticeForm()
        form.startDate = actor.today.iso
        // Promoting a weekly report's good practice: its text, commune and week, the report kept as the source.
        if let id = try req.query.decode(NewQuery.self).baoCao.flatMap(UUID.init(uuidString:)),
           let report = try await WeeklyReport.find(id, on: req.db), let text = report.goodPractice {
            try await Access.require(.readEntries, on: RecordPlace(provinceCode: report.provinceCode, communeCodes: [report.communeCode]),
                                     .weeklyReport, id: id.uuidString.lowercased(), actor: actor, on: req.db)
            form.reportID = id.uuidString.lowercased()
            form.origin = UnitDirectoryResource.directory.label(code: report.communeCode)
            form.startDate = report.week
            form.whatWasDone = text
            form.title = String(text.prefix { $0 != "." && $0 != "\n" }.prefix(120))
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
            return req.redirect(to: SiteRoute.practice(practice.id!).path, redirectType: .normal)
        case .failure(let failure):
            var errors = failure.errors.byField
            if case .failure(let problem) = origin { errors["origin_code"] = problem.message }
            return req.page({ PracticeFormPage.render(.init(form: form, errors: errors), context: $0) }, status: failure.status)
        }
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        let model = try await PracticeQueries.detail(try req.uuidParameter("id"), actor: try req.actor(), on: req.db)
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
            return req.redirect(to: SiteRoute.practice(id).path, redirectType: .normal)
        case .failure(let failure):
            var model = try await PracticeQueries.detail(id, actor: actor, on: req.db)
            model.adoptForm = form
            model.errors = failure.errors.byField
            model.notice = failure.errors.map(\.message).joined(separator: " ")
            return req.page({ PracticePage.render(model, context: $0) }, status: failure.status)
        }
    }
}
