import Foundation

/// How a level of a competency can be earned.
public enum CompetencyEvidence: String, CaseIterable, Codable, Sendable, Comparable {
    /// A completed course linked to the competency (from the learning platform's export).
    case course
    /// Attendance at a training session whose topics include the competency.
    case session
    /// An assessment by the team leader (or an officer above) at this level or higher.
    case assessment

    public var vietnamese: String {
        switch self {
        case .course: "khóa học"
        case .session: "tập huấn"
        case .assessment: "đánh giá"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// One competency of a campaign's standard ("VNeID và tài khoản định danh điện tử").
public struct Competency: Codable, Hashable, Sendable {
    public var code: String
    public var name: String
    /// Course codes whose completion counts as evidence for levels earned by a course.
    public var courses: [String]

    public init(code: String, name: String, courses: [String] = []) {
        self.code = code
        self.name = name
        self.courses = courses
    }
}

/// A level (1 = lowest) and the ways it is earned.
public struct CompetencyLevel: Codable, Hashable, Sendable {
    public var name: String
    public var earnedBy: [CompetencyEvidence]

    public init(name: String, earnedBy: [CompetencyEvidence]) {
        self.name = name
        self.earnedBy = earnedBy
    }

    enum CodingKeys: String, CodingKey { case name, earnedBy = "earned_by" }
}

/// What is known about one volunteer: courses done, topics of the sessions attended, the leader's assessments.
public struct CompetencyEvidenceSet: Sendable, Hashable {
    public var courses: Set<String>
    public var sessionTopics: Set<String>
    /// Competency code → the level assessed (0 = not yet).
    public var assessed: [String: Int]

    public init(courses: Set<String> = [], sessionTopics: Set<String> = [], assessed: [String: Int] = [:]) {
        self.courses = courses
        self.sessionTopics = sessionTopics
        self.assessed = assessed
    }
}

/// A campaign's competency standard ("bộ tiêu chuẩn năng lực"): competencies, the same ladder of levels for each,
/// and how each level is earned. Levels are derived from the evidence every time, never stored: removing an
/// attendance or a course takes the level it gave away with it.
public struct CompetencyStandard: Codable, Hashable, Sendable {
    public var competencies: [Competency]
    /// Level 1 first.
    public var levels: [CompetencyLevel]

    public init(competencies: [Competency], levels: [CompetencyLevel]) {
        self.competencies = competencies
        self.levels = levels
    }

    public static let empty = CompetencyStandard(competencies: [], levels: [])

    public var isEmpty: Bool { competencies.isEmpty || levels.isEmpty }

    public func competency(code: String) -> Competency? { competencies.first { $0.code == code } }

    /// "Cơ bản" for 1; "Chưa đạt" for 0.
    public func levelName(_ level: Int) -> String {
        level >= 1 && level <= levels.count ? levels[level - 1].name : "Chưa đạt"
    }

    /// The highest level reached with every level below it: level n needs one of its ways (an assessment counts at
    /// its level and every level under it).
    public func level(of competency: Competency, _ evidence: CompetencyEvidenceSet) -> Int {
        var reached = 0
        for (index, level) in levels.enumerated() {
            let number = index + 1
            let met = level.earnedBy.contains { way in
                switch way {
                case .course: !competency.courses.isEmpty && !evidence.courses.isDisjoint(with: competency.courses)
                case .session: evidence.sessionTopics.contains(competency.code)
                case .assessment: (evidence.assessed[competency.code] ?? 0) >= number
                }
            }
            guard met else { break }
            reached = number
        }
        return reached
    }

    /// Competency code → level, for every competency of the standard.
    public func levels(_ evidence: CompetencyEvidenceSet) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: competencies.map { ($0.code, level(of: $0, evidence)) })
    }

    /// The highest level an assessment can give (levels any assessment can earn are consecutive from 1 only if the
    /// standard says so; an assessment above that is pointless and refused).
    public var highestAssessable: Int {
        var top = 0
        for (index, level) in levels.enumerated() where level.earnedBy.contains(.assessment) { top = index + 1 }
        return top
    }

    /// The standard the summer 2025 programme trains against: the three topics of the central training (10/7/2025)
    /// and what the standing local force is to keep.
    public static let summer2025 = CompetencyStandard(
        competencies: [
            Competency(code: "vneid", name: "VNeID và tài khoản định danh điện tử", courses: ["binh_dan_hoc_vu_so"]),
            Competency(code: "dvc_truc_tuyen", name: "Nộp hồ sơ trực tuyến và thanh toán", courses: ["binh_dan_hoc_vu_so"]),
            Competency(code: "huong_dan_trung_tam", name: "Hướng dẫn người dân tại Trung tâm phục vụ hành chính công",
                       courses: ["tnv_chinh_quyen_2_cap"]),
            Competency(code: "an_toan_thong_tin", name: "An toàn thông tin và bảo vệ dữ liệu cá nhân", courses: ["tnv_chinh_quyen_2_cap"]),
            Competency(code: "giao_tiep", name: "Giao tiếp với người cao tuổi, đồng bào dân tộc thiểu số"),
            Competency(code: "ai_co_ban", name: "Ứng dụng AI cơ bản hỗ trợ cán bộ xã"),
        ],
        levels: [
            CompetencyLevel(name: "Cơ bản", earnedBy: [.course, .session, .assessment]),
            CompetencyLevel(name: "Thành thạo", earnedBy: [.assessment]),
            CompetencyLevel(name: "Hướng dẫn được người khác", earnedBy: [.assessment]),
        ])
}
