import CauNoiCore
import Fluent
import Foundation

/// A province or commune officer records a visit to a team: the checklist, a note, and a finding for each thing
/// not kept. A finding about a conduct rule is a breach: it goes to the province at once.
enum RecordSupervisionVisit {
    static func run(teamID: UUID, campaignCode: String?, _ draft: SupervisionVisitDraft, actor: Actor, on db: any Database) async throws -> SupervisionVisit {
        let key = teamID.uuidString.lowercased()
        guard let team = try await Team.find(teamID, on: db) else {
            throw AppError.validation([FieldError(field: "team_id", message: "Chọn đội hình được giám sát.", messageEN: "Choose the team.")])
        }
        try await Access.require(.superviseTeams, on: Places.team(team, coverage: []), .team, id: key, deny: .refuse, actor: actor, on: db)
        let campaign = campaignCode.nonEmpty == nil
            ? try await CampaignQueries.current(today: actor.today, province: team.provinceCode, on: db)
            : try await CampaignQueries.byCode(campaignCode, today: actor.today, on: db)
        let valid = try ValidSupervisionVisit.validate(draft, today: actor.today).get()
        let visit = SupervisionVisit()
        visit.id = UUIDv7.make()
        visit.campaignID = try campaign.requireID()
        visit.teamID = teamID
        visit.communeCode = team.$homeCommune.id
        visit.provinceCode = team.provinceCode
        visit.visitedOn = valid.visitedOn.iso
        visit.answers = SupervisionVisit.encode(valid.answers)
        visit.note = valid.note
        visit.createdBy = actor.principal.displayName
        visit.createdAt = actor.now
        let findings = valid.findings.map { Findings.make($0, visit: visit, foundOn: valid.visitedOn, now: actor.now) }
        let notKept = valid.answers.filter { $0.value == .notOk }.map(\.key.rawValue).sorted()
        let event = actor.event("supervision.visit", .supervision, visit.id?.uuidString.lowercased(), province: team.provinceCode,
                                detail: "team \(team.code); not kept: \(notKept.isEmpty ? "none" : notKept.joined(separator: ",")); findings \(findings.count), breaches \(findings.filter(\.breach).count)")
        try await db.writeTransaction { db in
            try await visit.create(on: db)
            for finding in findings { try await finding.create(on: db) }
            try await Audit.record(event, on: db)
        }
        return visit
    }
}

/// A finding added to a visit afterwards (something learnt later, a second issue).
enum AddFinding {
    static func run(visitID: UUID, _ draft: FindingDraft, actor: Actor, on db: any Database) async throws -> SupervisionFinding {
        let key = visitID.uuidString.lowercased()
        guard let visit = try await SupervisionVisit.find(visitID, on: db), let visited = LocalDate(iso: visit.visitedOn) else {
            throw AppError.notFound(ObjectKind.supervision.vietnamese, ObjectKind.supervision.english, key)
        }
        try await Access.require(.superviseTeams, on: visit.place, .supervision, id: key, deny: .forbid, actor: actor, on: db)
        var errors = FieldErrors()
        guard let valid = ValidFinding.validate(draft, field: "", visitedOn: visited, today: actor.today, errors: &errors) else {
            throw ValidationFailure(errors: errors.all)
        }
        let finding = Findings.make(valid, visit: visit, foundOn: actor.today, now: actor.now)
        // A finding about an item means the item was not kept: the checklist says so too.
        var answers = visit.answerMap
        let marks = valid.item.map { answers[$0] != .notOk } ?? false
        if let item = valid.item { answers[item] = .notOk }
        let checklist = SupervisionVisit.encode(answers)
        let event = actor.event("supervision.finding", .supervision, finding.id?.uuidString.lowercased(), province: visit.provinceCode,
                                detail: "\(valid.item?.rawValue ?? "other")\(valid.isBreach ? " (breach)" : ""), due \(valid.dueOn.iso)")
        try await db.writeTransaction { db in
            try await finding.create(on: db)
            if marks {
                visit.answers = checklist
                try await visit.save(on: db)
            }
            try await Audit.record(event, on: db)
        }
        return finding
    }
}

/// A finding is closed with what was done. One that breaches the conduct rules is closed by the province (or the
/// centre), to which it went; the others by whoever supervises the team. Of two simultaneous closings one applies.
enum CloseFinding {
    static func run(findingID: UUID, note: String?, actor: Actor, on db: any Database) async throws -> SupervisionFinding {
        let key = findingID.uuidString.lowercased()
        guard let finding = try await SupervisionFinding.find(findingID, on: db) else {
            throw AppError.notFound(ObjectKind.supervision.vietnamese, ObjectKind.supervision.english, key)
        }
        try await Access.require(finding.breach ? .resolveBreach : .superviseTeams, on: finding.place, .supervision, id: key,
                                 deny: .forbid, actor: actor, on: db)
        var errors = FieldErrors()
        let text = FreeText.check(note, field: "closed_note", maxLength: 500, required: true, shape: .prose, errors: &errors)
        try errors.throwIfAny()
        guard finding.status == "open" else {
            throw AppError.conflict(field: "status", vi: "Phát hiện này đã được đóng.", en: "The finding is already closed.")
        }
        finding.status = "closed"
        finding.closedOn = actor.today.iso
        finding.closedNote = text
        finding.closedBy = actor.principal.displayName
        let event = actor.event("supervision.close", .supervision, key, province: finding.provinceCode,
                                detail: finding.breach ? "breach" : nil)
        try await db.writeTransaction { db in
            let open = try await SupervisionFinding.query(on: db).filter(\.$id == findingID).filter(\.$status == "open").count()
            guard open == 1 else { throw AppError.conflict(field: "status", vi: "Phát hiện vừa được người khác đóng.", en: "Closed meanwhile.") }
            try await finding.save(on: db)
            try await Audit.record(event, on: db)
        }
        return finding
    }
}

enum Findings {
    static func make(_ f: ValidFinding, visit: SupervisionVisit, foundOn: LocalDate, now: Date) -> SupervisionFinding {
        let row = SupervisionFinding()
        row.id = UUIDv7.make()
        row.visitID = visit.id!
        row.campaignID = visit.campaignID
        row.teamID = visit.teamID
        row.communeCode = visit.communeCode
        row.provinceCode = visit.provinceCode
        row.item = f.item?.rawValue
        row.description = f.description
        row.action = f.action
        row.owner = f.owner
        row.dueOn = f.dueOn.iso
        row.foundOn = foundOn.iso
        row.breach = f.isBreach
        row.status = "open"
        row.createdAt = now
        return row
    }
}
