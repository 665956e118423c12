import CauNoiCore
import Fluent
import Vapor

/// Equipment and connectivity for support points: needs, pledges, deliveries (web pages).
struct EquipmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.equipmentPage, use: page)
        routes.on(.equipmentNeedSave, use: saveNeed)
        routes.on(.pledgeSave, use: savePledge)
        routes.on(.pledgeAdvanceSubmit, use: advance)
    }

    @Sendable
    func page(req: Request) async throws -> Response {
        let model = try await EquipmentQueries.page(actor: try req.actor(), on: req.db)
        return req.page { EquipmentPage.render(model, context: $0) }
    }

    @Sendable
    func saveNeed(req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(EquipmentNeedForm.self)
        let area = try await Access.scope(for: .manageEquipment, actor: actor, on: req.db)
        let lookup = UnitPicker.commune(form.commune, area: area, field: "commune_code")
        switch try await formOutcome({ try await RecordEquipmentNeed.run(form.draft(communeCode: try? lookup.get()), actor: actor, on: req.db) }) {
        case .success:
            var model = try await EquipmentQueries.page(actor: actor, on: req.db)
            model.notice = "Đã ghi nhu cầu."
            return req.page { EquipmentPage.render(model, context: $0) }
        case .failure(let failure):
            var model = try await EquipmentQueries.page(actor: actor, on: req.db)
            model.needForm = form
            model.errors = failure.errors.byField
            if case .failure(let problem) = lookup { model.errors["commune_code"] = problem.message }
            return req.page({ EquipmentPage.render(model, context: $0) }, status: failure.status)
        }
    }

    @Sendable
    func savePledge(req: Request) async throws -> Response {
        let actor = try req.actor()
        let form = try req.content.decode(PledgeForm.self)
        let area = try await Access.scope(for: .manageEquipment, actor: actor, on: req.db)
        // A pledge for a listed need takes its commune and item unless others are typed.
        let need = try await form.needID.flatMap(UUID.init(uuidString:)).asyncMap { try await EquipmentNeed.find($0, on: req.db) } ?? nil
        let lookup = form.commune.nonEmpty == nil && need != nil ? .success(need?.communeCode) : UnitPicker.commune(form.commune, area: area, field: "commune_code")
        var draft = PledgeDraft()
        draft.needID = form.needID.nonEmpty
        draft.partner = form.partner
        draft.item = form.item.nonEmpty ?? need?.item
        draft.quantity = form.quantity.nonEmpty.map { Int($0.trimmingCharacters(in: .whitespaces)) ?? -1 } ?? need.map { $0.quantity }
        draft.communeCode = try? lookup.get()
        switch try await formOutcome({ try await RecordPledge.run(draft, actor: actor, on: req.db) }) {
        case .success(let pledge):
            var model = try await EquipmentQueries.page(actor: actor, on: req.db)
            model.notice = "Đã ghi cam kết của \(pledge.partner)."
            return req.page { EquipmentPage.render(model, context: $0) }
        case .failure(let failure):
            var model = try await EquipmentQueries.page(actor: actor, on: req.db)
            model.pledgeForm = form
            // The two forms share field names: the pledge's own errors are keyed apart.
            model.errors = Dictionary(failure.errors.map { (["commune_code", "item", "quantity"].contains($0.field) ? "pledge.\($0.field)" : $0.field, $0.message) },
                                      uniquingKeysWith: { a, _ in a })
            if case .failure(let problem) = lookup { model.errors["pledge.commune_code"] = problem.message }
            return req.page({ EquipmentPage.render(model, context: $0) }, status: failure.status)
        }
    }

    struct AdvanceForm: Content { var to: String? }

    @Sendable
    func advance(req: Request) async throws -> Response {
        let actor = try req.actor()
        guard let next = try req.content.decode(AdvanceForm.self).to.flatMap(PledgeStatus.init(rawValue:)) else {
            throw AppError.validation([FieldError(field: "to", message: "Bước không hợp lệ.", messageEN: "Unknown step.")])
        }
        let outcome = try await formOutcome { try await AdvancePledge.run(id: try req.uuidParameter("id"), to: next, actor: actor, on: req.db) }
        var model = try await EquipmentQueries.page(actor: actor, on: req.db)
        switch outcome {
        case .success(let pledge): model.notice = "Đã cập nhật: \(pledge.state.vietnamese.lowercased())."
        case .failure(let failure):
            model.errors = ["status": failure.errors.map(\.message).joined(separator: " ")]
            model.notice = failure.errors.map(\.message).joined(separator: " ")
            return req.page({ EquipmentPage.render(model, context: $0) }, status: failure.status)
        }
        return req.page { EquipmentPage.render(model, context: $0) }
    }
}
