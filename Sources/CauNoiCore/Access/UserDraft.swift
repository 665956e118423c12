import Foundation

public struct AssignmentDraft: Codable, Sendable, Hashable {
    public var role: String?
    public var unitCode: String?
    public var teamID: String?
    public var volunteerID: String?

    public init(role: String? = nil, unitCode: String? = nil, teamID: String? = nil, volunteerID: String? = nil) {
        self.role = role; self.unitCode = unitCode; self.teamID = teamID; self.volunteerID = volunteerID
    }

    enum CodingKeys: String, CodingKey { case role, unitCode = "unit_code", teamID = "team_id", volunteerID = "volunteer_id" }
}

public struct UserDraft: Codable, Sendable, Hashable {
    public var username: String?
    public var displayName: String?
    public var assignments: [AssignmentDraft]?

    public init(username: String? = nil, displayName: String? = nil, assignments: [AssignmentDraft]? = nil) {
        self.username = username; self.displayName = displayName; self.assignments = assignments
    }

    enum CodingKeys: String, CodingKey { case username, displayName = "display_name", assignments }
}

public struct ValidUser: Sendable, Hashable {
    public var username: String
    public var displayName: String
    public var assignments: [RoleAssignment]
}

public enum UserValidator {
    /// Login names are case-insensitive: stored lowercased and NFC.
    public static func foldUsername(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
    }

    public static func username(_ raw: String?, field: String = "username", errors: inout FieldErrors) -> String? {
        let value = foldUsername(raw ?? "")
        let allowed = value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0) }
        guard (3...64).contains(value.count), allowed else {
            errors.add(field, "Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang hoặc @.",
                       "A username is 3–64 characters: unaccented letters, digits, . _ - or @.")
            return nil
        }
        return value
    }

    public static func assignment(_ draft: AssignmentDraft, field: String, errors: inout FieldErrors) -> RoleAssignment? {
        guard let role = CommonRules.enumValue(draft.role, Role.self, field: "\(field).role", errors: &errors) else { return nil }
        switch role {
        case .centralAdmin:
            return RoleAssignment(role: role, unitCode: "VN")
        case .provinceAdmin, .communeAdmin, .observer:
            let unit = draft.unitCode?.trimmingCharacters(in: .whitespaces) ?? ""
            let ok: Bool = switch role {
            case .provinceAdmin: OrgLevel(unitCode: unit) == .province
            case .communeAdmin: OrgLevel(unitCode: unit) == .commune
            default: OrgLevel(unitCode: unit) != nil
            }
            guard ok else {
                errors.add("\(field).unit_code", "Mã đơn vị không phù hợp với vai trò \(role.vietnamese).",
                           "The unit code does not fit the role \(role.rawValue).")
                return nil
            }
            return RoleAssignment(role: role, unitCode: unit)
        case .teamLeader:
            guard let team = draft.teamID.flatMap(UUID.init(uuidString:)) else {
                errors.add("\(field).team_id", "Đội trưởng cần mã đội hình (UUID).", "A team leader needs a team_id (UUID).")
                return nil
            }
            return RoleAssignment(role: role, teamID: team)
        case .volunteer:
            guard let volunteer = draft.volunteerID.flatMap(UUID.init(uuidString:)) else {
                errors.add("\(field).volunteer_id", "Vai trò tình nguyện viên cần mã tình nguyện viên (UUID).",
                           "A volunteer role needs a volunteer_id (UUID).")
                return nil
            }
            return RoleAssignment(role: role, volunteerID: volunteer)
        }
    }

    public static func validate(_ draft: UserDraft) -> Result<ValidUser, ValidationFailure> {
        var errors = FieldErrors()
        let name = username(draft.username, errors: &errors)
        let display = FreeText.check(draft.displayName, field: "display_name", maxLength: 120, required: true, errors: &errors)
        var assignments: [RoleAssignment] = []
        let drafts = draft.assignments ?? []
        if drafts.isEmpty { errors.add("assignments", "Cần ít nhất một vai trò.", "At least one role assignment is required.") }
        for (index, item) in drafts.enumerated() {
            if let a = assignment(item, field: "assignments[\(index)]", errors: &errors), !assignments.contains(a) { assignments.append(a) }
        }
        guard errors.isEmpty, let name, let display else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(ValidUser(username: name, displayName: display, assignments: assignments))
    }
}
