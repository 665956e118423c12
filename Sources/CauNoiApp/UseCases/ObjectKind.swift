import CauNoiCore
import Foundation

/// The kinds of record access decisions and audit rows are about.
enum ObjectKind: String, Sendable {
    case volunteer
    case team
    case supportEntry = "support_entry"
    case weeklyReport = "weekly_report"
    case difficulty
    case rollup
    case orgUnit = "org_unit"
    case user
    case apiToken = "api_token"
    case campaign
    case helpRequest = "help_request"
    case reinforcement
    case move
    case equipment
    case practice
    case training
    case assessment
    case supervision

    /// What a user reads in a "not found" message.
    var vietnamese: String {
        switch self {
        case .volunteer: "tình nguyện viên"
        case .team: "đội hình"
        case .supportEntry: "bản ghi hỗ trợ"
        case .weeklyReport: "báo cáo tuần"
        case .difficulty: "khó khăn"
        case .rollup: "số liệu của đơn vị"
        case .orgUnit: "đơn vị"
        case .user: "tài khoản"
        case .apiToken: "mã truy cập"
        case .campaign: "chiến dịch"
        case .helpRequest: "đề nghị hỗ trợ tại nhà"
        case .reinforcement: "đề nghị tăng cường lực lượng"
        case .move: "đề xuất điều động"
        case .equipment: "nhu cầu, cam kết thiết bị"
        case .practice: "cách làm hay"
        case .training: "buổi tập huấn"
        case .assessment: "đánh giá năng lực"
        case .supervision: "lần giám sát, phát hiện"
        }
    }

    var english: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// The permission that lets someone see a record of this kind; nil where the record is public.
    var readPermission: Permission? {
        switch self {
        case .orgUnit, .campaign: nil
        case .volunteer: .readPeople
        case .team: .readTeams
        case .supportEntry, .difficulty, .weeklyReport, .rollup, .helpRequest: .readEntries
        case .user, .apiToken: .manageUsers
        case .reinforcement: .coordinateForces
        case .move: .answerMove
        case .equipment: .manageEquipment
        case .practice: nil
        case .training: .manageTraining
        case .assessment: .assessCompetency
        case .supervision: .superviseTeams
        }
    }
}
