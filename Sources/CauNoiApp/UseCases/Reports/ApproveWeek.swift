import CauNoiCore
import Fluent
import Foundation

/// A province (or the centre) approves a commune's week, which locks its entries, or reopens it.
enum ApproveWeek {
    static func run(id: UUID, approved: Bool, actor: Actor, on db: any Database) async throws -> WeeklyReport {
        let report = try await WeeklyReports.require(id, on: db)
        let key = id.uuidString.lowercased()
        try await Access.require(.readEntries, on: WeeklyReports.place(report), .weeklyReport, id: key, actor: actor, on: db)
        try await Access.require(.approveReport, on: WeeklyReports.place(report), .weeklyReport, id: key, deny: .forbid, actor: actor, on: db)
        let isApproved = report.status == WeeklyReport.Status.approved.rawValue
        if approved == isApproved {
            throw AppError.conflict(field: "status",
                                    vi: approved ? "Báo cáo đã được duyệt trước đó." : "Báo cáo chưa được duyệt nên không cần mở lại.",
                                    en: approved ? "Already approved." : "Not approved, nothing to reopen.")
        }
        report.status = (approved ? WeeklyReport.Status.approved : .reopened).rawValue
        report.approvedAt = approved ? actor.now : nil
        report.approvedBy = approved ? actor.principal.userID : nil
        let event = actor.event(approved ? "weekly_report.approve" : "weekly_report.reopen", .weeklyReport, key,
                                province: report.provinceCode, detail: "\(report.communeCode) \(report.week)")
        try await db.writeTransaction { db in
            try await report.save(on: db)
            try await Audit.record(event, on: db)
        }
        return report
    }
}
