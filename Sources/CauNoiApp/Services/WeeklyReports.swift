import CauNoiCore
import Fluent
import Foundation

/// Reads of commune weekly reports and the week lock. Changes: `SubmitWeeklyReport`, `EditWeeklyReport`, `ApproveWeek`.
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

    static func lockedError(_ week: ReportingWeek) -> AppError {
        .conflict(field: "week", vi: "Tuần \(week.span) của xã đã được tỉnh duyệt; mọi thay đổi bị khóa cho đến khi tỉnh hoặc Trung ương mở lại.",
                  en: "Week \(week.key) of this commune is approved and locked until a province or central admin reopens it.")
    }

    /// "commune|week" keys of approved weeks among `communes`: entries there are refused.
    static func lockedWeeks(campaignID: UUID, communes: Set<String>, on db: any Database) async throws -> Set<String> {
        guard !communes.isEmpty else { return [] }
        return Set(try await WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID)
            .filter(\.$communeCode ~~ Array(communes)).filter(\.$status == WeeklyReport.Status.approved.rawValue).all()
            .map { "\($0.communeCode)|\($0.week)" })
    }
}
