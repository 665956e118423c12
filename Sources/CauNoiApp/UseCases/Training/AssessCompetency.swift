import CauNoiCore
import Fluent
import Foundation

/// A team leader (or an officer above) assesses a volunteer on the campaign's competency standard. The latest
/// assessment of each competency is kept; every change is audited with the level before and after.
enum AssessCompetency {
    static func run(volunteerID: UUID, campaignCode: String?, levels: [String: Int], note: String?, actor: Actor,
                    on db: any Database) async throws -> Int {
        let key = volunteerID.uuidString.lowercased()
        guard let volunteer = try await Volunteer.find(volunteerID, on: db) else {
            throw AppError.notFound(ObjectKind.volunteer.vietnamese, ObjectKind.volunteer.english, key)
        }
        try await Access.require(.assessCompetency, on: try await Places.volunteer(volunteer, on: db), .assessment, id: key,
                                 deny: .forbid, actor: actor, on: db)
        let campaign = try await CampaignQueries.byCode(campaignCode, today: actor.today, on: db)
        guard let standard = campaign.definition?.competencyStandard, !standard.isEmpty else {
            throw AppError.validation([FieldError(field: "campaign", message: "Chiến dịch chưa có bộ tiêu chuẩn năng lực.",
                                                  messageEN: "The campaign has no competency standard.")])
        }
        var errors = FieldErrors()
        let top = standard.highestAssessable
        for (code, level) in levels.sorted(by: { $0.key < $1.key }) {
            if standard.competency(code: code) == nil {
                errors.add("level.\(code)", "Năng lực “\(code)” không có trong bộ tiêu chuẩn.", "Unknown competency \(code).")
            } else if level < 0 || level > top {
                errors.add("level.\(code)", "Cấp độ đánh giá từ 0 đến \(top).", "The level is between 0 and \(top).")
            }
        }
        let note = FreeText.check(note, field: "note", maxLength: 500, required: false, shape: .prose, errors: &errors)
        try errors.throwIfAny()
        let campaignID = try campaign.requireID()
        let existing = Dictionary(uniqueKeysWithValues: try await CompetencyAssessment.query(on: db).filter(\.$campaignID == campaignID)
            .filter(\.$volunteerID == volunteerID).all().map { ($0.competency, $0) })
        // Only what changes is written: an untouched form changes nothing and audits nothing.
        let changes = levels.filter { code, level in (existing[code]?.level ?? 0) != level }
        guard !changes.isEmpty else { return 0 }
        let detail = changes.sorted { $0.key < $1.key }.map { "\($0.key) \(existing[$0.key]?.level ?? 0)→\($0.value)" }.joined(separator: ", ")
        let event = actor.event("competency.assess", .assessment, key, province: volunteer.provinceCode, detail: detail)
        try await db.writeTransaction { db in
            for (code, level) in changes {
                let row = existing[code] ?? CompetencyAssessment()
                if row.id == nil {
                    row.id = UUIDv7.make()
                    row.campaignID = campaignID
                    row.volunteerID = volunteerID
                    row.competency = code
                }
                row.level = level
                row.assessedOn = actor.today.iso
                row.assessedBy = actor.principal.displayName
                row.note = note
                row.updatedAt = actor.now
                try await row.save(on: db)
            }
            try await Audit.record(event, on: db)
        }
        return changes.count
    }
}

/// The centre sets a campaign's competency standard. A competency that sessions or assessments already use cannot be
/// removed, nor a level that assessments hold: their records would lose their meaning.
enum SaveCompetencyStandard {
    static func run(campaignCode: String, competencies: String?, levels: String?, actor: Actor, on db: any Database) async throws -> Campaign {
        try await Access.require(.manageCampaigns, on: RecordPlace(provinceCode: nil), .campaign, id: campaignCode, deny: .forbid, actor: actor, on: db)
        let campaign = try await CampaignQueries.require(campaignCode, on: db)
        guard var definition = campaign.definition else { throw AppError.server }
        let standard = try CompetencyStandardText.parse(competencies: competencies, levels: levels,
                                                        knownCourses: Set(definition.requiredCourses.map(\.code))).get()
        let campaignID = try campaign.requireID()
        let kept = Set(standard.competencies.map(\.code))
        let sessions = try await TrainingSession.query(on: db).filter(\.$campaignID == campaignID).all().compactMap(\.id)
        var used = Set(try await TrainingQueries.topics(of: sessions, on: db).values.flatMap { $0 })
        let assessments = try await CompetencyAssessment.query(on: db).filter(\.$campaignID == campaignID).filter(\.$level > 0).all()
        used.formUnion(assessments.map(\.competency))
        let removed = used.subtracting(kept).sorted()
        if !removed.isEmpty {
            throw AppError.validation([FieldError(field: "competencies",
                                                  message: "Không bỏ được năng lực đã có buổi tập huấn hoặc đánh giá: \(removed.joined(separator: ", ")).",
                                                  messageEN: "Competencies in use cannot be removed: \(removed).")])
        }
        if let highest = assessments.map(\.level).max(), highest > standard.highestAssessable {
            throw AppError.validation([FieldError(field: "levels", message: "Đã có đánh giá ở cấp \(highest): bộ cấp độ mới phải có ít nhất \(highest) cấp đạt được bằng đánh giá.",
                                                  messageEN: "Assessments at level \(highest) exist.")])
        }
        guard standard != definition.competencyStandard else { return campaign }
        definition.competencyStandard = standard
        campaign.apply(definition)
        let event = actor.event("campaign.standard", .campaign, campaignCode,
                                detail: "\(standard.competencies.count) competencies, \(standard.levels.count) levels")
        try await db.writeTransaction { db in
            try await campaign.save(on: db)
            try await Audit.record(event, on: db)
        }
        return campaign
    }
}
