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
        var errors: [String: String] = [:]
        var code: String?
        switch UnitPicker.communeCode(form.commune ?? "", area: ScopeFilter(everything: true)) {
        case .success(let found): code = found
        case .failure(let problem): errors["commune_code"] = (form.commune ?? "").isEmpty ? "Hãy gõ tên xã, phường." : problem.message
        }
        // With no commune, the other fields are still checked, so every problem shows in one round.
        if code == nil, case .failure(let failure) = HelpRequestValidator.validate(form.draft(communeCode: nil)) {
            for e in failure.errors where e.field != "commune_code" && errors[e.field] == nil { errors[e.field] = e.message }
        }
        do {
            if errors.isEmpty {
                let request = try await SubmitHelpRequest.run(form.draft(communeCode: code), trap: form.website, visitor: req.visitor, on: req.db)
                return req.redirect(to: SiteRoute.helpRequestStatus(code: request.reference, justSent: true).path, redirectType: .normal)
            }
        } catch let error where Self.fields(of: error) != nil {
            errors.merge((Self.fields(of: error) ?? []).byField) { a, _ in a }
        } catch AppError.rateLimited(let seconds, let vi, _) {
            // The form stays, with what to do instead: the commune's hotline when it has one.
            let hotline = try await code.asyncMap { try await OrgUnit.find($0, on: req.db) }??.hotline
            var model = HelpRequestFormPage.Model(form: form, communeLabel: nil)
            model.notice = vi + (hotline.map { " Đường dây nóng của xã: \(PhoneText.spaced($0))." } ?? "")
            let response = req.page({ HelpRequestFormPage.render(model, context: $0) }, status: .tooManyRequests, personalData: true)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        }
        // Everything typed comes back (nothing stored), with each problem beside its field.
        let model = HelpRequestFormPage.Model(form: form, communeLabel: nil, errors: errors)
        return req.page({ HelpRequestFormPage.render(model, context: $0) }, status: .unprocessableEntity, personalData: true)
    }

    /// Field errors from either kind of validation error; nil for anything else (which the error page answers).
    static func fields(of error: any Error) -> [FieldError]? {
        if case AppError.validation(let fields) = error { return fields }
        return (error as? ValidationFailure)?.errors
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
        do {
            _ = try await HandleHelpRequest.run(id: id, action, actor: actor, on: req.db)
            return req.redirect(to: SiteRoute.helpQueue(saved: true).path, redirectType: .normal)
        } catch let error where Self.fields(of: error) != nil {
            var model = try await HelpRequestQueries.queue(actor: actor, on: req.db)
            // Said beside the request it concerns.
            let message = (Self.fields(of: error) ?? []).map(\.message).joined(separator: " ")
            if let i = model.open.firstIndex(where: { $0.id == id }) { model.open[i].error = message } else { model.errors = ["action": message] }
            model.failedID = id
            return req.page({ HelpQueuePage.render(model, context: $0) }, status: .unprocessableEntity)
        }
    }
}
