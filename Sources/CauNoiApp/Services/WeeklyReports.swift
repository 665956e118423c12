import CauNoiCore
import Fluent
import Vapor

/// Commune weekly reports: submit, edit until approved, approve (locks the week's entries), reopen.
enum WeeklyReports {
    static func require(_ id: UUID, on db: any Database) async throws -> WeeklyReport {
        guard let report = try await WeeklyReport.find(id, on: db) else { throw AppError.notFound("báo cáo tuần", "weekly report", id.uuidString.lowercased()) }
        return report
    }

    static func place(_ r: WeeklyReport) -> RecordPlace { RecordPlace(provinceCode: r.provinceCode, communeCodes: [r.communeCode]) }

    static func dto(_ r: WeeklyReport, now: Date, on db: any Database) async throws -> WeeklyReportDTO {
        let difficulties = try await Difficulty.query(on: db).filter(\.$report.$id == r.requireID()).sort(\.$createdAt).all()
        return WeeklyReportDTO(r, difficulties: difficulties, now: now)
    }

    static func submit(_ valid: ValidWeeklyReport, campaign: Campaign, req: Request) async throws -> WeeklyReport {
        let now = req.application.appConfig.now()
        guard let province = try await OrgUnitQueries.communes([valid.communeCode], on: req.db)[valid.communeCode] else {
            throw AppError.validation([FieldError(field: "commune_code", message: "Không tìm thấy xã \(valid.communeCode).", messageEN: "Unknown commune.")])
        }
        try await req.authorize(.submitReport, on: RecordPlace(provinceCode: province, communeCodes: [valid.communeCode]),
                                object: "weekly_report", id: nil, deny: .refuse)
        let campaignID = try campaign.requireID()
        if try await WeeklyReport.query(on: req.db).filter(\.$campaign.$id == campaignID)
            .filter(\.$communeCode == valid.communeCode).filter(\.$week == valid.week.string).count() > 0 {
            throw AppError.conflict(field: "week", vi: "Xã đã nộp báo cáo tuần \(valid.week.string); hãy sửa báo cáo đã nộp.",
                                    en: "This commune already reported for \(valid.week.string); edit that report instead.")
        }
        let report = WeeklyReport()
        report.id = UUIDv7.make()
        report.$campaign.id = campaignID
        report.communeCode = valid.communeCode
        report.provinceCode = province
        report.week = valid.week.string
        report.highlights = valid.highlights
        report.proposals = valid.proposals
        report.goodPractice = valid.goodPractice
        report.status = WeeklyReport.Status.submitted.rawValue
        report.submittedAt = now
        report.submittedBy = req.principal?.userID
        report.onTime = now <= campaign.settings.deadline.due(for: valid.week)
        let event = req.auditEvent("weekly_report.submit", "weekly_report", report.id?.uuidString.lowercased(), province: province)
        try await req.db.writeTransaction { db in
            try await report.create(on: db)
            try await addDifficulties(valid.difficulties, to: report, now: now, on: db)
            try await Audit.record(event, on: db)
        }
        return report
    }

    static func edit(_ report: WeeklyReport, with valid: ValidWeeklyReport, req: Request) async throws {
        try await req.authorize(.submitReport, on: place(report), object: "weekly_report", id: report.id?.uuidString.lowercased(), deny: .forbid)
        guard report.status != WeeklyReport.Status.approved.rawValue else { throw lockedError(report.week) }
        report.highlights = valid.highlights
        report.proposals = valid.proposals
        report.goodPractice = valid.goodPractice
        let now = req.application.appConfig.now()
        let event = req.auditEvent("weekly_report.edit", "weekly_report", report.id?.uuidString.lowercased(), province: report.provinceCode)
        try await req.db.writeTransaction { db in
            try await report.save(on: db)
            try await addDifficulties(valid.difficulties, to: report, now: now, on: db)
            try await Audit.record(event, on: db)
        }
    }

    /// Approve or reopen; both are for province and central admins of the report's area.
    static func setApproved(_ approved: Bool, report: WeeklyReport, req: Request) async throws {
        try await req.authorize(.approveReport, on: place(report), object: "weekly_report", id: report.id?.uuidString.lowercased(), deny: .forbid)
        let isApproved = report.status == WeeklyReport.Status.approved.rawValue
        if approved == isApproved {
            throw AppError.conflict(field: "status",
                                    vi: approved ? "Báo cáo đã được duyệt trước đó." : "Báo cáo chưa được duyệt nên không cần mở lại.",
                                    en: approved ? "Already approved." : "Not approved, nothing to reopen.")
        }
        report.status = (approved ? WeeklyReport.Status.approved : .reopened).rawValue
        report.approvedAt = approved ? req.application.appConfig.now() : nil
        report.approvedBy = approved ? req.principal?.userID : nil
        let event = req.auditEvent(approved ? "weekly_report.approve" : "weekly_report.reopen", "weekly_report",
                                   report.id?.uuidString.lowercased(), province: report.provinceCode, detail: "\(report.communeCode) \(report.week)")
        try await req.db.writeTransaction { db in
            try await report.save(on: db)
            try await Audit.record(event, on: db)
        }
    }

    static func lockedError(_ week: String) -> AppError {
        .conflict(field: "week", vi: "Tuần \(week) của xã đã được tỉnh duyệt; mọi thay đổi bị khóa cho đến khi tỉnh hoặc Trung ương mở lại.",
                  en: "Week \(week) of this commune is approved and locked until a province or central admin reopens it.")
    }

    /// "commune|week" keys of approved weeks among `communes`: entries there are refused.
    static func lockedWeeks(campaignID: UUID, communes: Set<String>, on db: any Database) async throws -> Set<String> {
        guard !communes.isEmpty else { return [] }
        return Set(try await WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID)
            .filter(\.$communeCode ~~ Array(communes)).filter(\.$status == WeeklyReport.Status.approved.rawValue).all()
            .map { "\($0.communeCode)|\($0.week)" })
    }

    private static func addDifficulties(_ items: [ValidDifficulty], to report: WeeklyReport, now: Date, on db: any Database) async throws {
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
