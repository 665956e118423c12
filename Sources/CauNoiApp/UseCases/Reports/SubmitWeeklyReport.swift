import CauNoiCore
import Fluent
import Foundation

/// A commune's report on a week: at most one per commune and week, on time if before the campaign's
/// deadline, with its difficulties opened for the province queue.
enum SubmitWeeklyReport {
    static func run(_ draft: WeeklyReportDraft, actor: Actor, on db: any Database) async throws -> WeeklyReport {
        let campaign = try await CampaignQueries.byCode(draft.campaign, today: actor.today, on: db)
        guard let definition = campaign.definition else { throw AppError.server }
        let valid = try WeeklyReportValidator.validate(draft, campaign: definition, today: actor.today).get()
        guard let province = try await OrgUnitQueries.communes([valid.communeCode], on: db)[valid.communeCode] else {
            throw AppError.validation([FieldError(field: "commune_code", message: "Không tìm thấy xã \(valid.communeCode).", messageEN: "Unknown commune.")])
        }
        guard definition.covers(province: province) else {
            throw AppError.validation([FieldError(field: "commune_code", message: "Chiến dịch \(definition.code) không triển khai tại tỉnh của xã này.",
                                                  messageEN: "Campaign \(definition.code) does not cover this commune's province.")])
        }
        try await Access.require(.submitReport, on: RecordPlace(provinceCode: province, communeCodes: [valid.communeCode]),
                                 .weeklyReport, id: nil, deny: .refuse, actor: actor, on: db)
        let campaignID = try campaign.requireID()
        if try await WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID)
            .filter(\.$communeCode == valid.communeCode).filter(\.$week == valid.week.key).count() > 0 {
            throw AppError.conflict(field: "week", vi: "Xã đã nộp báo cáo tuần \(valid.week.span); hãy mở trang Báo cáo tuần và bấm “Sửa báo cáo” ở dòng của xã.",
                                    en: "This commune already reported for the week of \(valid.week.key); edit that report instead.")
        }
        let now = actor.now
        let report = WeeklyReport()
        report.id = UUIDv7.make()
        report.$campaign.id = campaignID
        report.communeCode = valid.communeCode
        report.provinceCode = province
        report.week = valid.week.key
        report.highlights = valid.highlights
        report.proposals = valid.proposals
        report.goodPractice = valid.goodPractice
        report.status = WeeklyReport.Status.submitted.rawValue
        report.submittedAt = now
        report.submittedBy = actor.principal.userID
        report.onTime = now <= definition.reportDeadline.due(for: valid.week)
        let event = actor.event("weekly_report.submit", .weeklyReport, report.id?.uuidString.lowercased(), province: province)
        try await db.writeTransaction { db in
            try await report.create(on: db)
            try await insertDifficulties(valid.difficulties, to: report, now: now, on: db)
            try await Audit.record(event, on: db)
        }
        return report
    }

    static func insertDifficulties(_ items: [ValidDifficulty], to report: WeeklyReport, now: Date, on db: any Database) async throws {
        for item in items {
            let d = Difficulty()
            d.id = UUIDv7.make()
            d.$report.id = try report.requireID()
            d.communeCode = report.communeCode
            d.provinceCode = report.provinceCode
            d.week = report.week
            d.category = item.category.rawValue
            d.severity = item.severity.rawValue
            d.description = item.description
            d.reinforcementRequested = item.reinforcementRequested
            d.reinforcementNote = item.reinforcementNote
            d.status = DifficultyStatus.open.rawValue
            d.createdAt = now
            d.updatedAt = now
            try await d.create(on: db)
        }
    }
}
