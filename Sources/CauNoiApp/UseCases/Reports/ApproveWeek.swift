import CauNoiCore
import Fluent
import Foundation

/// A province (or the centre) approves a commune's week, which locks its entries, or sends it back (a submitted or
/// an approved report) with the reason the commune will read.
enum ApproveWeek {
    static func run(id: UUID, approved: Bool, reason: String? = nil, actor: Actor, on db: any Database) async throws -> WeeklyReport {
        let report = try await WeeklyReports.require(id, on: db)
        let key = id.uuidString.lowercased()
        try await Access.require(.readEntries, on: WeeklyReports.place(report), .weeklyReport, id: key, actor: actor, on: db)
        try await Access.require(.approveReport, on: WeeklyReports.place(report), .weeklyReport, id: key, deny: .forbid, actor: actor, on: db)
        var errors = FieldErrors()
        let why = FreeText.check(reason, field: "reason", maxLength: 500, required: false, errors: &errors)
        try errors.throwIfAny()
        let status = WeeklyReport.Status(rawValue: report.status)
        if approved ? status == .approved : status == .reopened {
            throw AppError.conflict(field: "status",
                                    vi: approved ? "Báo cáo đã được duyệt trước đó." : "Báo cáo đang chờ xã sửa, không cần mở lại.",
                                    en: approved ? "Already approved." : "Already sent back to the commune.")
        }
        // A report sent back is approved once the commune has answered: editing resubmits it.
        if approved, status == .reopened {
            throw AppError.conflict(field: "status", vi: "Báo cáo đã trả lại cho xã sửa; duyệt sau khi xã sửa và nộp lại.",
                                    en: "The report was sent back; approve it once the commune has edited and resubmitted it.")
        }
        report.status = (approved ? WeeklyReport.Status.approved : .reopened).rawValue
        report.reopenReason = approved ? nil : why
        report.approvedAt = approved ? actor.now : nil
        report.approvedBy = approved ? actor.principal.userID : nil
        let event = actor.event(approved ? "weekly_report.approve" : "weekly_report.reopen", .weeklyReport, key,
                                province: report.provinceCode, detail: "\(report.communeCode) \(report.week)\(why.map { ": \($0)" } ?? "")")
        try await db.writeTransaction { db in
            try await report.save(on: db)
            try await Audit.record(event, on: db)
        }
        return report
    }
}
