import CauNoiCore
import Fluent
import Foundation

/// The one place an action is allowed or refused: the rule (`AccessPolicy`), the answer, and the audit row.
enum Access {
    /// How a refusal answers, and which rule applies. Every refusal is audited.
    enum Denial: Sendable {
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

    static func require(_ permission: Permission, on place: RecordPlace, _ kind: ObjectKind, id: String?,
                        deny: Denial = .hide, actor: Actor, on db: any Database) async throws {
        let policy = actor.policy
        let allowed = switch deny {
        case .hide, .refuseRead: policy.allows(permission, on: place)
        case .forbid, .refuse: policy.allowsEverywhere(permission, on: place)
        }
        if allowed { return }
        try await Audit.recordAlone(actor.event("permission_denied", kind, id, province: place.provinceCode, outcome: .denied,
                                                detail: "\(permission)"), on: db)
        let notFound = AppError.notFound(kind.vietnamese, kind.english, id ?? "")
        switch deny {
        case .hide: throw notFound
        case .forbid: throw mayRead(kind, place, policy) ? AppError.noPermission : notFound
        case .refuse, .refuseRead: throw AppError.noPermission
        }
    }

    /// For lists: the areas to filter by, or 403 (audited) if the actor holds the permission nowhere.
    static func scope(for permission: Permission, actor: Actor, on db: any Database) async throws -> ScopeFilter {
        let filter = ScopeFilter.from(actor.policy, permission)
        if filter.isEmpty {
            try await Audit.recordAlone(actor.event("permission_denied", outcome: .denied, detail: "\(permission)"), on: db)
            throw AppError.noPermission
        }
        return filter
    }

    /// Whether the caller could read the record a refused write was aimed at.
    static func mayRead(_ kind: ObjectKind, _ place: RecordPlace, _ policy: AccessPolicy) -> Bool {
        kind.readPermission.map { policy.allows($0, on: place) } ?? true
    }
}
