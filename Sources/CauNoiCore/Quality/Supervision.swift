import Foundation

/// What a supervision visit checks at a team ("cơ chế theo dõi, giám sát").
public enum ChecklistItem: String, CaseIterable, Codable, Sendable {
    case presentAsScheduled = "present_as_scheduled"
    case conductRules = "conduct_rules"
    case noOfficialsWork = "no_officials_work"
    case noPersonalData = "no_personal_data"
    case equipment
    case difficulties

    public var vietnamese: String {
        switch self {
        case .presentAsScheduled: "Có mặt đúng lịch trực"
        case .conductRules: "Giữ quy tắc ứng xử, không vượt quá thẩm quyền"
        case .noOfficialsWork: "Không làm thay nghiệp vụ của cán bộ, công chức"
        case .noPersonalData: "Không thu thập, giữ thông tin cá nhân của người dân"
        case .equipment: "Trang thiết bị, đường truyền đáp ứng"
        case .difficulties: "Khó khăn đã được báo cáo, xử lý"
        }
    }

    /// The conduct rules every volunteer keeps: a failure here is a breach, which goes to the province.
    public var isConductRule: Bool {
        self == .conductRules || self == .noOfficialsWork || self == .noPersonalData
    }
}

public enum ChecklistAnswer: String, CaseIterable, Codable, Sendable {
    case ok, notOk = "not_ok", notChecked = "not_checked"

    public var vietnamese: String {
        switch self {
        case .ok: "Đạt"
        case .notOk: "Không đạt"
        case .notChecked: "Không kiểm tra"
        }
    }
}

/// A finding as typed: about one checklist item (or something else), what to do, who does it, by when.
public struct FindingDraft: Codable, Sendable, Hashable {
    public var item: String?
    public var description: String?
    public var action: String?
    public var owner: String?
    public var dueOn: String?
    public init() {}

    /// Every field blank: the form's empty finding block, ignored.
    public var isBlank: Bool {
        [description, action, owner, dueOn].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
    }

    enum CodingKeys: String, CodingKey { case item, description, action, owner, dueOn = "due_on" }
}

public struct ValidFinding: Sendable, Hashable {
    /// Nil: not about one checklist item.
    public var item: ChecklistItem?
    public var description: String
    public var action: String
    public var owner: String
    public var dueOn: LocalDate

    public var isBreach: Bool { item?.isConductRule ?? false }

    public static let longestDueDays = 90

    /// Due on or after the visit and at most 90 days after it; a finding added later is not already overdue.
    /// Texts are screened for citizens' personal data: a breach is recorded without whose data was kept.
    public static func validate(_ d: FindingDraft, field prefix: String, visitedOn: LocalDate, today: LocalDate,
                                errors: inout FieldErrors) -> ValidFinding? {
        let before = errors.all.count
        var item: ChecklistItem?
        if let raw = d.item, !raw.isEmpty, raw != "other" {
            item = ChecklistItem(rawValue: raw)
            if item == nil { errors.add(prefix + "item", "Mục kiểm tra “\(raw)” không có trong danh sách.", "Unknown checklist item \(raw).") }
        }
        let description = FreeText.check(d.description, field: prefix + "description", maxLength: 1_000, required: true, shape: .prose, errors: &errors)
        let action = FreeText.check(d.action, field: prefix + "action", maxLength: 500, required: true, shape: .prose, errors: &errors)
        let owner = FreeText.check(d.owner, field: prefix + "owner", maxLength: 120, required: true, errors: &errors)
        let due = CommonRules.date(d.dueOn, field: prefix + "due_on", required: true, errors: &errors)
        if let due {
            if due < max(visitedOn, today) {
                errors.add(prefix + "due_on", "Hạn xử lý phải từ ngày \(max(visitedOn, today).longVietnamese) trở đi.",
                           "The due date cannot be before \(max(visitedOn, today).iso).")
            } else if due > visitedOn.adding(days: longestDueDays) {
                errors.add(prefix + "due_on", "Hạn xử lý tối đa \(longestDueDays) ngày sau lần giám sát.",
                           "The due date is at most \(longestDueDays) days after the visit.")
            }
        }
        guard errors.all.count == before, let description, let action, let owner, let due else { return nil }
        return ValidFinding(item: item, description: description, action: action, owner: owner, dueOn: due)
    }
}

/// A supervision visit as typed.
public struct SupervisionVisitDraft: Codable, Sendable, Hashable {
    public var visitedOn: String?
    /// Item raw value → answer raw value.
    public var answers: [String: String]?
    public var note: String?
    public var findings: [FindingDraft]?
    public init() {}

    enum CodingKeys: String, CodingKey { case visitedOn = "visited_on", answers, note, findings }
}

public struct ValidSupervisionVisit: Sendable, Hashable {
    public var visitedOn: LocalDate
    public var answers: [ChecklistItem: ChecklistAnswer]
    public var note: String?
    public var findings: [ValidFinding]

    /// Every item answered; a visit is recorded after it took place, within the last 60 days; each item that is not
    /// kept has a finding about it, so nothing found is left without an action, an owner and a date.
    public static func validate(_ d: SupervisionVisitDraft, today: LocalDate) -> Result<Self, ValidationFailure> {
        var errors = FieldErrors()
        let visited = CommonRules.pastDate(d.visitedOn, field: "visited_on", today: today, required: true, errors: &errors)
        if let visited, visited < today.adding(days: -60) {
            errors.add("visited_on", "Chỉ ghi lần giám sát trong 60 ngày gần đây.", "Only visits of the last 60 days are recorded.")
        }
        var answers: [ChecklistItem: ChecklistAnswer] = [:]
        for item in ChecklistItem.allCases {
            let raw = d.answers?[item.rawValue] ?? ""
            if raw.isEmpty { errors.add("answers.\(item.rawValue)", "Chọn kết quả cho mục “\(item.vietnamese)”.", "Answer “\(item.rawValue)”."); continue }
            guard let answer = ChecklistAnswer(rawValue: raw) else {
                errors.add("answers.\(item.rawValue)", "Kết quả “\(raw)” không hợp lệ.", "Unknown answer \(raw)."); continue
            }
            answers[item] = answer
        }
        let note = FreeText.check(d.note, field: "note", maxLength: 1_000, required: false, shape: .prose, errors: &errors)
        var findings: [ValidFinding] = []
        // Findings are checked even when the visit's day is unreadable (against today), so every problem shows at once.
        for (index, draft) in (d.findings ?? []).enumerated() where !draft.isBlank {
            if let f = ValidFinding.validate(draft, field: "findings[\(index)].", visitedOn: visited ?? today, today: today, errors: &errors) {
                findings.append(f)
            }
        }
        if errors.isEmpty {
            for item in ChecklistItem.allCases where answers[item] == .notOk && !findings.contains(where: { $0.item == item }) {
                errors.add("answers.\(item.rawValue)", "Mục “\(item.vietnamese)” không đạt: ghi một phát hiện về mục này (việc cần làm, người phụ trách, hạn).",
                           "“\(item.rawValue)” is not kept: record a finding about it.")
            }
        }
        guard errors.isEmpty, let visited else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(.init(visitedOn: visited, answers: answers, note: note, findings: findings))
    }
}

/// Where a finding stands and whom it concerns.
public enum FindingState: String, Codable, Sendable {
    case open, overdue, closed

    public static func of(closed: Bool, dueOn: LocalDate, today: LocalDate) -> FindingState {
        closed ? .closed : (dueOn < today ? .overdue : .open)
    }

    public var vietnamese: String {
        switch self {
        case .open: "Đang xử lý"
        case .overdue: "Quá hạn"
        case .closed: "Đã khắc phục"
        }
    }
}

public enum FindingEscalation {
    /// A breach of the conduct rules goes to the province as soon as it is recorded; any other finding when it is
    /// past its due date and still open. Closed findings concern nobody.
    public static func concernsProvince(isBreach: Bool, state: FindingState) -> Bool {
        state != .closed && (isBreach || state == .overdue)
    }
}
