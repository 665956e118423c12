import CauNoiCore
import Vapor

extension Request {
    /// Reads out of scope answer 404 so that guessed ids reveal nothing; writes answer 403.
    /// Either way the denial is audited.
    enum Denial { case hide, forbid }

    func authorize(_ permission: Permission, on place: RecordPlace, object type: String, id: String?,
                   deny: Denial = .hide) async throws {
        let principal = try requirePrincipal()
        if principal.policy.allows(permission, on: place) { return }
        try await Audit.recordAlone(auditEvent("permission_denied", type, id, province: place.provinceCode, outcome: .denied,
                                               detail: "\(permission)"), on: db)
        switch deny {
        case .hide: throw AppError.notFound(Self.vietnameseNoun[type] ?? "dữ liệu", type.replacingOccurrences(of: "_", with: " "), id ?? "")
        case .forbid: throw AppError.noPermission
        }
    }

    /// The user sees a Vietnamese noun, not the internal object type.
    private static let vietnameseNoun: [String: String] = [
        "volunteer": "tình nguyện viên", "team": "đội hình", "support_entry": "bản ghi hỗ trợ", "weekly_report": "báo cáo tuần",
        "difficulty": "khó khăn", "rollup": "số liệu của đơn vị", "org_unit": "đơn vị", "user": "tài khoản",
    ]

    /// For list routes: the areas to filter by, or 403 if the user holds the permission nowhere.
    func scope(for permission: Permission) async throws -> ScopeFilter {
        let principal = try requirePrincipal()
        let filter = ScopeFilter.from(principal.policy, permission)
        if filter.isEmpty {
            try await Audit.recordAlone(auditEvent("permission_denied", nil, nil, outcome: .denied, detail: "\(permission)"), on: db)
            throw AppError.noPermission
        }
        return filter
    }
}
