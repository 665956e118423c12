import CauNoiCore
import Fluent
import Foundation

/// Changes a submitted report's text and adds difficulties, until the province approves the week; a report the
/// province sent back goes back to it for approval.
enum EditWeeklyReport {
    static func run(id: UUID, _ draft: WeeklyReportDraft, actor: Actor, on db: any Database) async throws -> WeeklyReport {
        let report = try await WeeklyReports.require(id, on: db)
        let key = id.uuidString.lowercased()
        try await Access.require(.readEntries, on: WeeklyReports.place(report), .weeklyReport, id: key, actor: actor, on: db)
        guard let definition = try await Campaign.find(report.$campaign.id, on: db)?.definition else { throw AppError.server }
        let valid = try WeeklyReportValidator.validate(draft, campaign: definition, today: actor.today, requireIdentity: false).get()
        try await Access.require(.submitReport, on: WeeklyReports.place(report), .weeklyReport, id: key, deny: .forbid, actor: actor, on: db)
        guard report.status != WeeklyReport.Status.approved.rawValue else {
            throw WeeklyReports.lockedError(definition.week(containing: LocalDate(iso: report.week) ?? definition.start))
        }
        report.highlights = valid.highlights
        report.proposals = valid.proposals
        report.goodPractice = valid.goodPractice
        if report.status == WeeklyReport.Status.reopened.rawValue {
            report.status = WeeklyReport.Status.submitted.rawValue
            report.reopenReason = nil
        }
        let now = actor.now
        let event = actor.event("weekly_report.edit", .weeklyReport, key, province: report.provinceCode)
        try await db.writeTransaction { db in
            try await report.save(on: db)
            try await SubmitWeeklyReport.insertDifficulties(valid.difficulties, to: report, now: now, on: db)
            try await Audit.record(event, on: db)
        }
        return report
    }
}
