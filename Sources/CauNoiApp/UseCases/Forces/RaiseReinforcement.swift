import CauNoiCore
import Fluent
import Foundation

/// A province or central admin asks for more people in a commune, from a difficulty or on their own.
enum RaiseReinforcement {
    static func run(_ draft: ReinforcementRequestDraft, preferLocalForce: Bool = false, actor: Actor,
                    on db: any Database) async throws -> ReinforcementRequest {
        let valid = try ValidReinforcementRequest.validate(draft, today: actor.today).get()
        guard let unit = try await OrgUnit.find(valid.communeCode, on: db), unit.level == OrgLevel.commune.rawValue,
              let province = unit.provinceCode else {
            throw AppError.validation([FieldError(field: "commune_code", message: "Không có xã, phường mã \(valid.communeCode).",
                                                  messageEN: "No commune with code \(valid.communeCode).")])
        }
        let place = RecordPlace(provinceCode: province, communeCodes: [valid.communeCode])
        try await Access.require(.coordinateForces, on: place, .reinforcement, id: nil, deny: .refuse, actor: actor, on: db)
        // The campaign running in the commune's province: a commune no running campaign covers cannot ask.
        guard let campaign = CampaignQueries.pick(try await CampaignQueries.all(on: db), today: actor.today, province: province) else {
            throw AppError.validation([FieldError(field: "commune_code",
                message: "\(unit.name) không thuộc phạm vi chiến dịch nào.",
                messageEN: "No running campaign covers the commune.")])
        }
        guard let team = try await Team.find(valid.teamID, on: db),
              try await HandleHelpRequest.serves(team, valid.communeCode, on: valid.from, db) else {
            throw AppError.validation([FieldError(field: "team_id", message: "Đội này không hoạt động tại \(unit.name) vào ngày bắt đầu.",
                                                  messageEN: "That team does not serve the commune on the start date.")])
        }
        if let code = valid.competency {
            let standard = campaign.definition?.competencyStandard ?? .empty
            guard let competency = standard.competency(code: code) else {
                throw AppError.validation([FieldError(field: "competency", message: "Năng lực “\(code)” không có trong bộ tiêu chuẩn của chiến dịch.",
                                                      messageEN: "The campaign's standard has no competency \(code).")])
            }
            guard valid.competencyLevel <= standard.levels.count else {
                throw AppError.validation([FieldError(field: "competency_level",
                                                      message: "Bộ tiêu chuẩn chỉ có \(standard.levels.count) cấp cho “\(competency.name)”.",
                                                      messageEN: "The standard has \(standard.levels.count) levels.")])
            }
        }
        if let difficultyID = valid.difficultyID {
            guard let difficulty = try await Difficulty.find(difficultyID, on: db), difficulty.communeCode == valid.communeCode else {
                throw AppError.validation([FieldError(field: "difficulty_id", message: "Khó khăn này không thuộc \(unit.name).",
                                                      messageEN: "That difficulty is not in the commune.")])
            }
        }
        let request = ReinforcementRequest()
        request.id = UUIDv7.make()
        request.campaignID = try campaign.requireID()
        request.communeCode = valid.communeCode
        request.provinceCode = province
        request.teamID = valid.teamID
        request.difficultyID = valid.difficultyID
        request.people = valid.people
        request.languages = valid.languages.map(\.rawValue).joined(separator: ",")
        request.languagesRequired = valid.languagesRequired
        request.skills = valid.skills.map(\.rawValue).joined(separator: ",")
        request.skillsRequired = valid.skillsRequired
        request.motorbikeRequired = valid.motorbikeRequired
        request.preferLocalForce = preferLocalForce
        request.competency = valid.competency
        request.competencyLevel = valid.competencyLevel
        request.fromDate = valid.from.iso
        request.toDate = valid.to?.iso
        request.note = valid.note
        request.status = ReinforcementStatus.open.rawValue
        request.createdBy = actor.principal.displayName
        request.createdAt = actor.now
        request.updatedAt = actor.now
        let event = actor.event("reinforcement.raise", .reinforcement, request.id?.uuidString.lowercased(), province: province,
                                detail: "\(valid.people) người")
        try await db.writeTransaction { db in
            try await request.create(on: db)
            try await Audit.record(event, on: db)
        }
        return request
    }
}
