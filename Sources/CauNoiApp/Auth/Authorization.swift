import CauNoiCore
import Vapor

extension Request {
    /// How a refusal answers, and which rule applies. Every refusal is audited.
    enum Denial {
        /// A read: allowed if any of the record's places is in the caller's area; otherwise 404, so
        /// guessed ids reveal nothing.
        case hide
        /// A write to an existing record: allowed only if every place the record names is in the
        /// caller's area (`AccessPolicy.allowsEverywhere`); 403 if the caller may read the record,
        /// 404 if not (a real id of another province answers like a random one).
        case forbid
        /// Creating something at a place the caller names (a team in a commune, a report for a week):
        /// the same every-place rule, and 403, since the place itself is public.
        case refuse
        /// A read of something whose existence is public (a unit's figures): the read rule, and 403.
        case refuseRead
    }

    func authorize(_ permission: Permission, on place: RecordPlace, object type: String, id: String?,
                   deny: Denial = .hide) async throws {
        let principal = try requirePrincipal()
        let policy = principal.policy
        let allowed = switch deny {
        case .hide, .refuseRead: policy.allows(permission, on: place)
        case .forbid, .refuse: policy.allowsEverywhere(permission, on: place)
        }
        if allowed { return }
        try await Audit.recordAlone(auditEvent("permission_denied", type, id, province: place.provinceCode, outcome: .denied,
                                               detail: "\(permission)"), on: db)
        let notFound = AppError.notFound(Self.vietnameseNoun[type] ?? "dữ liệu", type.replacingOccurrences(of: "_", with: " "), id ?? "")
        switch deny {
        case .hide: throw notFound
        case .forbid: throw Self.mayRead(type, place, policy) ? AppError.noPermission : notFound
        case .refuse, .refuseRead: throw AppError.noPermission
        }
    }

    /// Whether the caller could read the record a refused write was aimed at.
    private static func mayRead(_ type: String, _ place: RecordPlace, _ policy: AccessPolicy) -> Bool {
        switch type {
        case "org_unit": true // the hierarchy is public
        case "volunteer": policy.allows(.readPeople, on: place)
        case "team": policy.allows(.readTeams, on: place)
        case "support_entry", "difficulty", "weekly_report", "rollup": policy.allows(.readEntries, on: place)
        default: policy.canSee(place)
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
