import Foundation

/// Who held a session: the centre, a province, a commune. A follow-on session re-trains one tier down.
public enum TrainingTier: Int, Codable, Sendable, Comparable {
    case central = 0, province = 1, commune = 2

    public init?(unitCode: String) {
        switch OrgLevel(unitCode: unitCode) {
        case .national: self = .central
        case .province: self = .province
        case .commune: self = .commune
        case nil: return nil
        }
    }

    public var vietnamese: String {
        switch self {
        case .central: "Trung ương"
        case .province: "Cấp tỉnh"
        case .commune: "Cấp xã"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public enum TrainingFormat: String, CaseIterable, Codable, Sendable {
    case inPerson = "in_person", online, hybrid

    public var vietnamese: String {
        switch self {
        case .inPerson: "Trực tiếp"
        case .online: "Trực tuyến"
        case .hybrid: "Trực tiếp kết hợp trực tuyến"
        }
    }
}

/// A session as typed. The unit is "VN", a province or a commune code; connected units are the codes of the
/// connection points (already looked up from what people typed).
public struct TrainingSessionDraft: Codable, Sendable, Hashable {
    public var title: String?
    public var unitCode: String?
    public var heldOn: String?
    public var topics: [String]?
    public var format: String?
    public var connectedUnits: [String]?
    public var trainer: String?
    public var note: String?
    public var parentID: String?
    public init() {}

    enum CodingKeys: String, CodingKey {
        case title, unitCode = "unit_code", heldOn = "held_on", topics, format, connectedUnits = "connected_units", trainer, note
        case parentID = "parent_id"
    }
}

/// The parent of a follow-on session, as the validator needs it.
public struct ParentSession: Sendable, Hashable {
    public var tier: TrainingTier
    public var unitCode: String
    public var heldOn: LocalDate
    public init(tier: TrainingTier, unitCode: String, heldOn: LocalDate) {
        self.tier = tier; self.unitCode = unitCode; self.heldOn = heldOn
    }
}

public struct ValidTrainingSession: Sendable, Hashable {
    public var title: String
    public var unitCode: String
    public var tier: TrainingTier
    public var heldOn: LocalDate
    public var topics: [String]
    public var format: TrainingFormat
    public var connectedUnits: [String]
    public var trainer: String?
    public var note: String?

    /// Sessions are recorded when held or planned up to a year ahead. A follow-on is held by a tier below its
    /// parent (`provinceOf` tells which province a commune lies in), on or after the parent's day.
    public static func validate(_ d: TrainingSessionDraft, standard: CompetencyStandard, parent: ParentSession?,
                                provinceOf: (String) -> String?, today: LocalDate) -> Result<Self, ValidationFailure> {
        var errors = FieldErrors()
        let title = FreeText.check(d.title, field: "title", maxLength: 160, required: true, errors: &errors)
        let unit = d.unitCode?.trimmingCharacters(in: .whitespaces) ?? ""
        let tier = TrainingTier(unitCode: unit)
        if unit.isEmpty { errors.add("unit_code", "Chọn đơn vị tổ chức.", "Choose the unit holding the session.") }
        else if tier == nil { errors.add("unit_code", "Đơn vị “\(unit)” không hợp lệ.", "Unknown unit \(unit).") }
        let held = CommonRules.date(d.heldOn, field: "held_on", required: true, errors: &errors)
        if let held, held > today.adding(days: 365) {
            errors.add("held_on", "Ngày tập huấn quá một năm kể từ hôm nay.", "The date is more than a year ahead.")
        }
        var topics: [String] = []
        if standard.isEmpty {
            errors.add("topics", "Chiến dịch chưa có bộ tiêu chuẩn năng lực: Trung ương cần khai báo trước khi ghi tập huấn.",
                       "The campaign has no competency standard yet.")
        } else {
            for raw in d.topics ?? [] where !raw.isEmpty {
                if standard.competency(code: raw) == nil {
                    errors.add("topics", "Chủ đề “\(raw)” không có trong bộ tiêu chuẩn năng lực.", "Unknown topic \(raw).")
                } else if !topics.contains(raw) { topics.append(raw) }
            }
            if topics.isEmpty && (d.topics ?? []).allSatisfy(\.isEmpty) {
                errors.add("topics", "Chọn ít nhất một chủ đề.", "Choose at least one topic.")
            }
        }
        let format = CommonRules.enumValue(d.format, TrainingFormat.self, field: "format", errors: &errors)
        let connected = Array(Set(d.connectedUnits ?? [])).sorted()
        if connected.count > 5_000 { errors.add("connected_units", "Tối đa 5.000 điểm cầu.", "At most 5,000 connection points.") }
        let trainer = FreeText.check(d.trainer, field: "trainer", maxLength: 160, required: false, errors: &errors)
        let note = FreeText.check(d.note, field: "note", maxLength: 1_000, required: false, shape: .prose, errors: &errors)
        if let parent, let tier, let held {
            if tier <= parent.tier {
                errors.add("parent_id", "Buổi tập huấn lại phải do cấp dưới tổ chức (buổi gốc: \(parent.tier.vietnamese.lowercased())).",
                           "A follow-on session is held by a lower tier than its parent.")
            } else if parent.tier != .central && Self.province(of: unit, provinceOf) != Self.province(of: parent.unitCode, provinceOf) {
                errors.add("parent_id", "Buổi tập huấn lại phải ở trong địa bàn của buổi gốc.", "A follow-on session lies inside its parent's area.")
            }
            if held < parent.heldOn {
                errors.add("held_on", "Buổi tập huấn lại không thể trước buổi gốc (\(parent.heldOn.longVietnamese)).", "A follow-on comes after its parent.")
            }
        }
        guard errors.isEmpty, let title, let tier, let held, let format else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(.init(title: title, unitCode: unit, tier: tier, heldOn: held, topics: topics, format: format,
                              connectedUnits: connected, trainer: trainer, note: note))
    }

    static func province(of code: String, _ provinceOf: (String) -> String?) -> String? {
        switch OrgLevel(unitCode: code) {
        case .province: code
        case .commune: provinceOf(code)
        default: nil
        }
    }
}
