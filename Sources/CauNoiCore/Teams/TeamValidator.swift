import Foundation

public enum TeamValidator {
    public static let maxCoveredCommunes = 30

    public static func validate(_ draft: TeamDraft) -> Result<ValidTeam, ValidationFailure> {
        var errors = FieldErrors()
        let name = FreeText.check(draft.name, field: "name", maxLength: 150, required: true, errors: &errors)
        var code: String?
        if let raw = draft.code?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            let allowed = raw.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || $0 == "-" }
            if allowed, (2...20).contains(raw.count) {
                code = raw.uppercased()
            } else {
                errors.add("code", "Mã đội hình chỉ gồm chữ không dấu, số và dấu gạch ngang (2–20 ký tự).",
                           "A team code is 2–20 letters, digits or dashes.")
            }
        }
        let commune = CommonRules.communeCode(draft.homeCommuneCode, field: "home_commune_code", errors: &errors)
        let kind = CommonRules.enumValue(draft.kind, TeamKind.self, field: "kind", errors: &errors)
        var leader: UUID?
        if let raw = draft.leaderID, !raw.isEmpty {
            leader = UUID(uuidString: raw)
            if leader == nil { errors.add("leader_id", "Mã đội trưởng không phải UUID hợp lệ.", "leader_id is not a valid UUID.") }
        }
        let hotline = CommonRules.hotline(draft.hotline, field: "hotline", errors: &errors)
        if kind == .homeSupport, hotline == nil, (draft.hotline ?? "").isEmpty {
            errors.add("hotline", "Đội hỗ trợ tại nhà cần có số đường dây nóng công khai.",
                       "A home-support team needs a public hotline.")
        }
        let from = CommonRules.date(draft.activeFrom, field: "active_from", required: true, errors: &errors)
        let to = CommonRules.date(draft.activeTo, field: "active_to", required: false, errors: &errors)
        if let from, let to, to < from {
            errors.add("active_to", "Ngày kết thúc phải sau ngày bắt đầu.", "active_to must not precede active_from.")
        }

        var covered: [String] = []
        for (index, raw) in (draft.coveredCommunes ?? []).enumerated() {
            guard let code = CommonRules.communeCode(raw, field: "covered_communes[\(index)]", errors: &errors) else { continue }
            if code != commune, !covered.contains(code) { covered.append(code) }
        }
        if covered.count > maxCoveredCommunes {
            errors.add("covered_communes", "Một đội hình phụ trách tối đa \(maxCoveredCommunes) xã.",
                       "A team covers at most \(maxCoveredCommunes) communes.")
        }
        if kind == .mobile, covered.isEmpty {
            errors.add("covered_communes", "Đội hình lưu động cần ít nhất một xã phụ trách ngoài xã nơi đóng quân.",
                       "A mobile team must cover at least one commune besides its home commune.")
        }

        var members: [ValidTeam.Member] = []
        var seen = Set<UUID>()
        for (index, member) in (draft.members ?? []).enumerated() {
            let field = "members[\(index)]"
            guard let id = member.volunteerID.flatMap(UUID.init(uuidString:)) else {
                errors.add("\(field).volunteer_id", "Mã tình nguyện viên không phải UUID hợp lệ.", "volunteer_id is not a valid UUID.")
                continue
            }
            let memberFrom = CommonRules.date(member.from, field: "\(field).from", required: false, errors: &errors) ?? from
            let memberTo = CommonRules.date(member.to, field: "\(field).to", required: false, errors: &errors)
            if let memberFrom, let memberTo, memberTo < memberFrom {
                errors.add("\(field).to", "Ngày rời đội phải sau ngày vào đội.", "to must not precede from.")
            }
            if !seen.insert(id).inserted {
                errors.add("\(field).volunteer_id", "Tình nguyện viên bị lặp lại trong danh sách.", "Volunteer listed twice.")
                continue
            }
            if let memberFrom { members.append(.init(volunteerID: id, from: memberFrom, to: memberTo)) }
        }

        let duty = DutySchedule.validate(days: draft.dutyDays, hours: draft.dutyHours, note: draft.scheduleNote, errors: &errors)

        let minMembers = draft.minMembers ?? ValidTeam.defaultMinMembers
        if !(1...100).contains(minMembers) {
            errors.add("min_members", "Số thành viên tối thiểu phải từ 1 đến 100.", "min_members must be between 1 and 100.")
        }

        guard errors.isEmpty, let name, let commune, let kind, let from else {
            return .failure(ValidationFailure(errors: errors.all))
        }
        return .success(ValidTeam(
            name: name, code: code, homeCommuneCode: commune, kind: kind, leaderID: leader, hotline: hotline,
            activeFrom: from, activeTo: to, coveredCommunes: covered, members: members, duty: duty,
            minMembers: minMembers))
    }
}
