import CauNoiCore
import Fluent
import Vapor

/// Citizens' home-visit requests in the web: the public form and status, and the queue behind sign-in.
struct HelpRequestController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.helpRequestPage, use: form)
        routes.on(.helpRequestSubmit, use: submit)
        routes.on(.helpRequestStatusPage, use: status)
        routes.on(.helpQueuePage, use: queue)
        routes.on(.helpRequestMoveSubmit, use: move)
        routes.on(.apiHelpRequests, use: openList)
    }

    /// The open requests of the caller's area or team, for the field app (cached there for offline reading).
    @Sendable
    func openList(req: Request) async throws -> [HelpRequestDTO] {
        try await HelpRequestQueries.openDTOs(actor: try req.actor(), on: req.db)
    }

    struct FormQuery: Content { var xa: String? }

    @Sendable
    func form(req: Request) async throws -> Response {
        let code = try req.query.decode(FormQuery.self).xa
        let label = code.flatMap { UnitDirectoryResource.directory.label(code: $0) }
        return req.page { HelpRequestFormPage.render(.init(form: HelpRequestForm(), communeLabel: label), context: $0) }
    }

    @Sendable
    func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(HelpRequestForm.self)
        // The commune as typed (a name, a former name or a code); without one the use case still checks every other
        // field, so all problems show in one round.
        let lookup = UnitPicker.communeCode(form.commune ?? "", area: ScopeFilter(everything: true))
        let code = try? lookup.get()
        var errors: [String: String]
        do {
            switch try await formOutcome({
                try await SubmitHelpRequest.run(form.draft(communeCode: code), trap: form.website, visitor: req.visitor, on: req.db)
            }) {
            case .success(let request):
                return req.redirect(to: SiteRoute.helpRequestStatus(code: request.reference, justSent: true).path, redirectType: .normal)
            case .failure(let failure):
                errors = failure.errors.byField
            }
        } catch AppError.rateLimited(let seconds, let vi, _) {
            // The form stays, with what to do instead: the commune's hotline when it has one.
            let hotline = try await code.asyncMap { try await OrgUnit.find($0, on: req.db) }??.hotline
            var model = HelpRequestFormPage.Model(form: form, communeLabel: nil)
            model.notice = vi + (hotline.map { " Đường dây nóng của xã: \(VietnamesePhone.spaced($0))." } ?? "")
            let response = req.page({ HelpRequestFormPage.render(model, context: $0) }, status: .tooManyRequests, personalData: true)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        }
        if case .failure(let problem) = lookup {
            errors["commune_code"] = (form.commune ?? "").isEmpty ? "Hãy gõ tên xã, phường." : problem.message
        }
        // Everything typed comes back (nothing stored), with each problem beside its field.
        let model = HelpRequestFormPage.Model(form: form, communeLabel: nil, errors: errors)
        return req.page({ HelpRequestFormPage.render(model, context: $0) }, status: .unprocessableEntity, personalData: true)
    }

    struct StatusQuery: Content {
        var ma: String?
        var moi: String?
    }

    @Sendable
    func status(req: Request) async throws -> Response {
        let q = try req.query.decode(StatusQuery.self)
        var model = HelpRequestStatusPage.Model(typed: q.ma, justSent: q.moi == "1")
        if let typed = q.ma?.trimmingCharacters(in: .whitespaces), !typed.isEmpty {
            if let reference = ReferenceCode.normalise(typed), let found = try await HelpRequestQueries.status(reference: reference, on: req.db) {
                model.found = found
            } else {
                model.problem = "Không tìm thấy đề nghị mã “\(typed)”. Hãy kiểm tra lại mã (dạng HT-XXXX-XXXX)."
            }
        }
        let response = req.page({ HelpRequestStatusPage.render(model, context: $0) }, status: model.problem == nil ? .ok : .notFound)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    struct QueueQuery: Content {
        var daLuu: String?
        enum CodingKeys: String, CodingKey { case daLuu = "da-luu" }
    }

    @Sendable
    func queue(req: Request) async throws -> Response {
        let actor = try req.actor()
        var model = try await HelpRequestQueries.queue(actor: actor, on: req.db)
        model.saved = try req.query.decode(QueueQuery.self).daLuu == "1"
        return req.page { HelpQueuePage.render(model, context: $0) }
    }

    struct MoveForm: Content {
        var action: String?
        var teamID: String?
        var visitDate: String?
        var visitTime: String?
        var category: String?
        var count: String?
        var note: String?
        var reason: String?
        var volunteerIDs: [String]?
        enum CodingKeys: String, CodingKey {
            case action, teamID = "team_id", visitDate = "visit_date", visitTime = "visit_time", category, count, note, reason
            case volunteerIDs = "volunteer_ids"
        }
    }

    @Sendable
    func move(req: Request) async throws -> Response {
        let actor = try req.actor()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(MoveForm.self)
        let action: HandleHelpRequest.Action
        switch form.action {
        case "assign":
            guard let team = form.teamID.flatMap(UUID.init(uuidString:)) else {
                throw AppError.validation([FieldError(field: "team_id", message: "Hãy chọn đội.", messageEN: "Choose a team.")])
            }
            action = .assign(team: team)
        case "schedule": action = .schedule(date: form.visitDate, time: form.visitTime)
        case "done":
            action = .done(.init(category: form.category, count: form.count.flatMap { Int($0) },
                                 volunteerIDs: (form.volunteerIDs ?? []).compactMap(UUID.init(uuidString:)), note: form.note))
        case "could_not_help": action = .couldNotHelp(reason: form.reason)
        default:
            throw AppError.validation([FieldError(field: "action", message: "Thao tác không hợp lệ.", messageEN: "Unknown action.")])
        }
        switch try await formOutcome({ try await HandleHelpRequest.run(id: id, action, actor: actor, on: req.db) }) {
        case .success:
            return req.redirect(to: SiteRoute.helpQueue(saved: true).path, redirectType: .normal)
        case .failure(let failure):
            var model = try await HelpRequestQueries.queue(actor: actor, on: req.db)
            // Said beside the request it concerns.
            let message = failure.errors.map(\.message).joined(separator: " ")
            if let i = model.open.firstIndex(where: { $0.id == id }) { model.open[i].error = message } else { model.errors = ["action": message] }
            return req.page({ HelpQueuePage.render(model, context: $0) }, status: failure.status)
        }
    }
}
