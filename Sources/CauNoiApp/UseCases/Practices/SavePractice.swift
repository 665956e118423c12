import CauNoiCore
import Fluent
import Foundation

/// Writes up a good practice (or edits one), on its own or promoted from a commune's weekly report, which stays linked.
enum SavePractice {
    static func run(id: UUID?, _ draft: PracticeDraft, reportID: UUID? = nil, actor: Actor, on db: any Database) async throws -> Practice {
        let valid = try ValidPractice.validate(draft, today: actor.today).get()
        guard let origin = try await OrgUnit.find(valid.originCode, on: db), let province = origin.provinceCode else {
            throw AppError.validation([FieldError(field: "origin_code", message: "Không có đơn vị mã \(valid.originCode).",
                                                  messageEN: "No unit with code \(valid.originCode).")])
        }
        let place = RecordPlace.unit(code: valid.originCode, provinceCode: province)
        let existing = try await id.asyncMap { try await PracticeQueries.require($0, on: db) }
        if let existing {
            try await Access.require(.writePractice, on: existing.place, .practice, id: id?.uuidString.lowercased(), deny: .forbid, actor: actor, on: db)
        }
        try await Access.require(.writePractice, on: place, .practice, id: nil, deny: .refuse, actor: actor, on: db)
        var campaignID = existing?.campaignID
        if let reportID {
            // The report must be the origin commune's: a province cannot promote another province's report.
            guard let report = try await WeeklyReport.find(reportID, on: db), report.communeCode == valid.originCode else {
                throw AppError.validation([FieldError(field: "report_id", message: "Báo cáo tuần này không phải của nơi có cách làm.",
                                                      messageEN: "That weekly report is not the origin's.")])
            }
            campaignID = report.$campaign.id
            if existing == nil, try await Practice.query(on: db).filter(\.$reportID == reportID).count() > 0 {
                throw AppError.conflict(field: "report_id", vi: "Cách làm hay trong báo cáo này đã được ghi lại; hãy mở và sửa bản đã có.",
                                        en: "That report's practice was already written up.")
            }
        }
        if campaignID == nil {
            campaignID = try CampaignQueries.pick(try await CampaignQueries.all(on: db), today: valid.start, province: province)?.requireID()
        }
        guard let campaignID else {
            throw AppError.validation([FieldError(field: "origin_code", message: "\(origin.name) không thuộc phạm vi chiến dịch nào.",
                                                  messageEN: "No campaign covers the origin.")])
        }
        let practice = existing ?? Practice()
        if existing == nil {
            practice.id = UUIDv7.make()
            practice.status = PracticeStatus.proposed.rawValue
            practice.createdBy = actor.principal.displayName
            practice.createdAt = actor.now
            practice.reportID = reportID
        }
        practice.campaignID = campaignID
        practice.title = valid.title
        practice.originCode = valid.originCode
        practice.provinceCode = province
        practice.startDate = valid.start.iso
        practice.problem = valid.problem
        practice.whatWasDone = valid.whatWasDone
        practice.resources = valid.resources
        practice.results = valid.results
        practice.indicator = valid.indicator.rawValue
        practice.tags = valid.tags.map(\.rawValue).joined(separator: ",")
        practice.searchText = PracticeSearch.haystack(title: valid.title, whatWasDone: valid.whatWasDone, problem: valid.problem, tags: valid.tags)
        practice.updatedAt = actor.now
        let event = actor.event(existing == nil ? (reportID == nil ? "practice.create" : "practice.promote") : "practice.update", .practice,
                                practice.id?.uuidString.lowercased(), province: province)
        try await db.writeTransaction { db in
            try await practice.save(on: db)
            try await Audit.record(event, on: db)
        }
        return practice
    }
}

/// Recognised by the practice's province, then recommended by the centre: one step at a time, each once.
enum AdvancePractice {
    static func run(id: UUID, to next: PracticeStatus, actor: Actor, on db: any Database) async throws -> Practice {
        let practice = try await PracticeQueries.require(id, on: db)
        let key = id.uuidString.lowercased()
        let permission: Permission = next == .recommended ? .recommendPractice : .recognisePractice
        try await Access.require(permission, on: RecordPlace(provinceCode: practice.provinceCode), .practice, id: key, deny: .forbid, actor: actor, on: db)
        guard practice.state.next == next else {
            throw AppError.conflict(field: "status", vi: "Cách làm đang ở bước “\(practice.state.vietnamese)”, không chuyển sang “\(next.vietnamese)” được.",
                                    en: "The practice is \(practice.status); it cannot become \(next.rawValue).")
        }
        let previous = practice.status
        practice.status = next.rawValue
        practice.statusChangedOn = actor.today.iso
        practice.updatedAt = actor.now
        let event = actor.event("practice.\(next.rawValue)", .practice, key, province: practice.provinceCode)
        try await db.writeTransaction { db in
            // From the step it was read at only: of two simultaneous clicks, one applies.
            guard try await Practice.query(on: db).filter(\.$id == id).filter(\.$status == previous).count() == 1 else {
                throw AppError.conflict(field: "status", vi: "Cách làm vừa được người khác cập nhật.", en: "Changed meanwhile.")
            }
            try await practice.save(on: db)
            try await Audit.record(event, on: db)
        }
        return practice
    }
}

/// A commune or province records that it adopts a practice: when it started and what it changed.
enum RecordAdoption {
    static func run(practiceID: UUID, _ draft: AdoptionDraft, actor: Actor, on db: any Database) async throws -> PracticeAdoption {
        let practice = try await PracticeQueries.require(practiceID, on: db)
        guard let practiceStart = LocalDate(iso: practice.startDate) else { throw AppError.server }
        let valid = try ValidAdoption.validate(draft, practiceStart: practiceStart, today: actor.today).get()
        guard let unit = try await OrgUnit.find(valid.unitCode, on: db), let province = unit.provinceCode else {
            throw AppError.validation([FieldError(field: "unit_code", message: "Không có đơn vị mã \(valid.unitCode).", messageEN: "Unknown unit.")])
        }
        // The adopter must lie in the area of whoever records it.
        try await Access.require(.writePractice, on: RecordPlace.unit(code: valid.unitCode, provinceCode: province), .practice, id: nil,
                                 deny: .refuse, actor: actor, on: db)
        guard valid.unitCode != practice.originCode else {
            throw AppError.validation([FieldError(field: "unit_code", message: "\(unit.name) là nơi có cách làm này, không phải nơi áp dụng.",
                                                  messageEN: "The origin cannot adopt its own practice.")])
        }
        if try await PracticeAdoption.query(on: db).filter(\.$practiceID == practiceID).filter(\.$unitCode == valid.unitCode).count() > 0 {
            throw AppError.conflict(field: "unit_code", vi: "\(unit.name) đã ghi áp dụng cách làm này.", en: "Already recorded for that unit.")
        }
        let adoption = PracticeAdoption()
        adoption.id = UUIDv7.make()
        adoption.practiceID = practiceID
        adoption.unitCode = valid.unitCode
        adoption.provinceCode = province
        adoption.startDate = valid.start.iso
        adoption.changes = valid.changes
        adoption.createdBy = actor.principal.displayName
        adoption.createdAt = actor.now
        let event = actor.event("practice.adopt", .practice, practiceID.uuidString.lowercased(), province: province, detail: valid.unitCode)
        try await db.writeTransaction { db in
            try await adoption.create(on: db)
            try await Audit.record(event, on: db)
        }
        return adoption
    }
}

/// A person sets aside a candidate from the figures: it is not proposed again for that indicator.
enum DismissCandidate {
    static func run(communeCode: String, indicator: PracticeIndicator, actor: Actor, on db: any Database) async throws {
        guard let unit = try await OrgUnit.find(communeCode, on: db), unit.level == OrgLevel.commune.rawValue, let province = unit.provinceCode else {
            throw AppError.validation([FieldError(field: "commune_code", message: "Không có xã, phường mã \(communeCode).", messageEN: "Unknown commune.")])
        }
        try await Access.require(.writePractice, on: RecordPlace(provinceCode: province, communeCodes: [communeCode]), .practice, id: nil,
                                 deny: .refuse, actor: actor, on: db)
        guard try await PracticeCandidateDismissal.query(on: db).filter(\.$communeCode == communeCode)
            .filter(\.$indicator == indicator.rawValue).count() == 0 else { return }
        let row = PracticeCandidateDismissal()
        row.id = UUIDv7.make()
        row.communeCode = communeCode
        row.indicator = indicator.rawValue
        row.dismissedBy = actor.principal.displayName
        row.dismissedAt = actor.now
        let event = actor.event("practice.candidate_dismiss", .practice, nil, province: province, detail: "\(communeCode) \(indicator.rawValue)")
        try await db.writeTransaction { db in
            try await row.create(on: db)
            try await Audit.record(event, on: db)
        }
    }
}
