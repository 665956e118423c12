import CauNoiCore
import Fluent
import Foundation

/// The centre, a province or a commune records a training session it held (or plans), possibly re-training locally
/// what a session above it taught.
enum SaveTrainingSession {
    static func run(_ draft: TrainingSessionDraft, campaignCode: String?, actor: Actor, on db: any Database) async throws -> TrainingSession {
        let campaign = try await CampaignQueries.byCode(campaignCode, today: actor.today, on: db)
        guard let definition = campaign.definition else { throw AppError.server }
        var parent: TrainingSession?
        if let raw = draft.parentID.nonEmpty {
            guard let id = UUID(uuidString: raw), let found = try await TrainingSession.find(id, on: db), found.campaignID == campaign.id else {
                throw AppError.validation([FieldError(field: "parent_id", message: "Không tìm thấy buổi tập huấn gốc trong chiến dịch này.",
                                                      messageEN: "No such parent session in this campaign.")])
            }
            parent = found
        }
        let valid = try ValidTrainingSession.validate(
            draft, standard: definition.competencyStandard,
            parent: parent.flatMap { p in LocalDate(iso: p.heldOn).map { ParentSession(tier: p.level, unitCode: p.unitCode, heldOn: $0) } },
            provinceOf: { UnitDirectoryResource.directory.entry(code: $0)?.provinceCode }, today: actor.today).get()
        let province: String? = switch valid.tier {
        case .central: nil
        case .province: valid.unitCode
        case .commune: UnitDirectoryResource.directory.entry(code: valid.unitCode)?.provinceCode
        }
        if valid.tier != .central, province == nil || UnitDirectoryResource.directory.entry(code: valid.unitCode) == nil {
            throw AppError.validation([FieldError(field: "unit_code", message: "Không có đơn vị mã \(valid.unitCode).", messageEN: "No unit \(valid.unitCode).")])
        }
        if let province, !definition.covers(province: province) {
            throw AppError.validation([FieldError(field: "unit_code", message: "Chiến dịch “\(definition.name)” không triển khai ở tỉnh này.",
                                                  messageEN: "The campaign does not cover this province.")])
        }
        let session = TrainingSession()
        session.id = UUIDv7.make()
        session.campaignID = try campaign.requireID()
        session.unitCode = valid.unitCode
        session.provinceCode = province ?? ""
        session.communeCode = valid.tier == .commune ? valid.unitCode : ""
        session.title = valid.title
        session.heldOn = valid.heldOn.iso
        session.format = valid.format.rawValue
        session.connectedUnits = valid.connectedUnits.joined(separator: ",")
        session.trainer = valid.trainer
        session.note = valid.note
        session.parentID = parent?.id
        session.createdBy = actor.principal.displayName
        session.createdAt = actor.now
        try await Access.require(.manageTraining, on: session.place, .training, id: nil, deny: .refuse, actor: actor, on: db)
        let event = actor.event("training.create", .training, session.id?.uuidString.lowercased(), province: province,
                                detail: "\(valid.tier.vietnamese), \(valid.heldOn.iso), \(valid.topics.joined(separator: ","))")
        try await db.writeTransaction { db in
            try await session.create(on: db)
            for topic in valid.topics {
                let row = TrainingSessionTopic()
                row.id = UUIDv7.make()
                row.sessionID = session.id!
                row.topic = topic
                try await row.create(on: db)
            }
            try await Audit.record(event, on: db)
        }
        return session
    }
}
