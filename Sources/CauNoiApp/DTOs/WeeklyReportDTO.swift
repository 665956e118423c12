import CauNoiCore
import Vapor

struct DifficultyDTO: Content, Equatable {
    var id: UUID
    var reportID: UUID
    var communeCode: String
    var provinceCode: String
    var week: String
    var category: String
    var categoryName: String
    var severity: String
    var description: String
    var reinforcementRequested: Bool
    var reinforcementNote: String?
    var status: String
    var statusName: String
    var ownerName: String?
    var resolutionNote: String?
    var ageDays: Int
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, reportID = "report_id", communeCode = "commune_code", provinceCode = "province_code", week, category
        case categoryName = "category_name", severity, description, reinforcementRequested = "reinforcement_requested"
        case reinforcementNote = "reinforcement_note", status, statusName = "status_name", ownerName = "owner_name"
        case resolutionNote = "resolution_note", ageDays = "age_days", createdAt = "created_at"
    }

    init(_ d: Difficulty, now: Date) {
        id = d.id ?? UUID()
        reportID = d.$report.id
        communeCode = d.communeCode
        provinceCode = d.provinceCode
        week = d.week
        category = d.category
        categoryName = DifficultyCategory(rawValue: d.category)?.vietnamese ?? d.category
        severity = d.severity
        description = d.description
        reinforcementRequested = d.reinforcementRequested
        reinforcementNote = d.reinforcementNote
        status = d.status
        statusName = DifficultyStatus(rawValue: d.status)?.vietnamese ?? d.status
        ownerName = d.ownerName
        resolutionNote = d.resolutionNote
        ageDays = max(0, Int(now.timeIntervalSince(d.createdAt) / 86_400))
        createdAt = d.createdAt
    }
}

struct WeeklyReportDTO: Content, Equatable {
    var id: UUID
    var communeCode: String
    var provinceCode: String
    var week: String
    var highlights: String
    var proposals: String?
    var goodPractice: String?
    var status: String
    var submittedAt: Date
    var onTime: Bool
    var approvedAt: Date?
    var reopenReason: String?
    var difficulties: [DifficultyDTO]

    enum CodingKeys: String, CodingKey {
        case id, communeCode = "commune_code", provinceCode = "province_code", week, highlights, proposals
        case goodPractice = "good_practice", status, submittedAt = "submitted_at", onTime = "on_time", approvedAt = "approved_at", reopenReason = "reopen_reason", difficulties
    }

    init(_ r: WeeklyReport, difficulties: [Difficulty], now: Date) {
        id = r.id ?? UUID()
        communeCode = r.communeCode
        provinceCode = r.provinceCode
        week = r.week
        highlights = r.highlights
        proposals = r.proposals
        goodPractice = r.goodPractice
        status = r.status
        submittedAt = r.submittedAt
        onTime = r.onTime
        approvedAt = r.approvedAt
        reopenReason = r.reopenReason
        self.difficulties = difficulties.map { DifficultyDTO($0, now: now) }
    }
}

extension DifficultyDTO {
    /// How queues list difficulties: the most severe first, then the oldest.
    static func queueOrder(_ a: DifficultyDTO, _ b: DifficultyDTO) -> Bool {
        (Severity(rawValue: a.severity) ?? .low, a.ageDays) > (Severity(rawValue: b.severity) ?? .low, b.ageDays)
    }
}
