import CauNoiCore
import Foundation

/// Who acts, when, and under which request: everything a use case takes from outside besides its input.
/// Handlers make one from the request (`Request.actor()`); tests and the CLI can make one directly.
struct Actor: Sendable {
    let principal: Principal
    /// From the injected clock (`AppConfig.now`), read once per request.
    let now: Date
    let requestID: String?
    let clientIP: String?

    var policy: AccessPolicy { principal.policy }
    var today: LocalDate { LocalDate.today(now: now) }

    /// An audit row attributed to this actor.
    func event(_ action: String, _ kind: ObjectKind? = nil, _ id: String? = nil, province: String? = nil,
               outcome: AuditEvent.Outcome = .ok, detail: String? = nil) -> AuditEvent {
        AuditEvent(at: now, by: principal, requestID: requestID, clientIP: clientIP, action: action, kind: kind, id: id,
                   province: province, outcome: outcome, detail: detail)
    }
}

/// Someone not signed in (yet): signing in, setting a password through a one-time link.
struct Visitor: Sendable {
    let now: Date
    let requestID: String?
    let clientIP: String?

    func event(_ action: String, _ kind: ObjectKind? = nil, _ id: String? = nil, outcome: AuditEvent.Outcome = .ok) -> AuditEvent {
        AuditEvent(at: now, by: nil, requestID: requestID, clientIP: clientIP, action: action, kind: kind, id: id, outcome: outcome)
    }
}
