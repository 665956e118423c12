import CauNoiCore
import Fluent
import Vapor

/// One audit row to be written, usually in the same transaction as the change it records.
struct AuditEvent: Sendable {
    enum Outcome: String, Sendable { case ok, denied, failed }

    /// When it happened, from the injected clock (`AppConfig.now`).
    var at: Date
    var userID: UUID?
    var username: String?
    var role: String?
    var unitCode: String?
    var provinceCode: String?
    var action: String
    var objectType: String?
    var objectID: String?
    var outcome: Outcome = .ok
    var requestID: String?
    var clientIP: String?
    var detail: String?

    func object(_ type: String, _ id: String?, province: String?) -> AuditEvent {
        var copy = self
        copy.objectType = type
        copy.objectID = id
        copy.provinceCode = province ?? copy.provinceCode
        return copy
    }
}

extension AuditEvent {
    /// An event done by `principal` (nil: someone not signed in) during one request.
    init(at: Date, by principal: Principal?, requestID: String?, clientIP: String?, action: String, kind: ObjectKind? = nil,
         id: String? = nil, province: String? = nil, outcome: Outcome = .ok, detail: String? = nil) {
        self.init(at: at, userID: principal?.userID, username: principal?.username, role: principal?.primary?.role.rawValue,
                  unitCode: principal?.primary?.unitCode, provinceCode: province, action: action, objectType: kind?.rawValue,
                  objectID: id, outcome: outcome, requestID: requestID, clientIP: clientIP, detail: detail)
    }
}

enum Audit {
    static func record(_ event: AuditEvent, on db: any Database) async throws {
        try await entry(event).create(on: db)
    }

    /// Several events in one insert (batches stored together, on the group commit's writer): a raw multi-row insert,
    /// since Fluent's model insert reflected over every field of every row on the writer's path (issue 16).
    static func record(_ events: [AuditEvent], on db: any Database) async throws {
        guard !events.isEmpty else { return }
        try await rows.run(events.flatMap { event -> [BoundValue] in
            [.uuid(UUIDv7.make()), .date(event.at), event.userID.map(BoundValue.uuid) ?? .null, .optional(event.username),
             .optional(event.role), .optional(event.unitCode), .optional(event.provinceCode), .text(event.action),
             .optional(event.objectType), .optional(event.objectID), .text(event.outcome.rawValue), .optional(event.requestID),
             .optional(event.clientIP), .optional(event.detail.map { String($0.prefix(500)) })]
        }, on: db)
    }

    private static let rows = RawInsert(table: AuditEntry.schema, columns: [
        "id", "at", "user_id", "username", "role", "unit_code", "province_code", "action", "object_type", "object_id", "outcome",
        "request_id", "client_ip", "detail"], rowsPerStatement: 1_000)

    private static func entry(_ event: AuditEvent) -> AuditEntry {
        let row = AuditEntry()
        row.id = UUIDv7.make()
        row.at = event.at
        row.userID = event.userID
        row.username = event.username
        row.role = event.role
        row.unitCode = event.unitCode
        row.provinceCode = event.provinceCode
        row.action = event.action
        row.objectType = event.objectType
        row.objectID = event.objectID
        row.outcome = event.outcome.rawValue
        row.requestID = event.requestID
        row.clientIP = event.clientIP
        row.detail = event.detail.map { String($0.prefix(500)) }
        return row
    }

    /// For events with no change to share a transaction with: logins, denials, exports.
    static func recordAlone(_ event: AuditEvent, on db: any Database) async throws {
        try await db.writeTransaction { try await record(event, on: $0) }
    }
}

extension Request {
    /// The province of the caller's broadest assignment (nil for national roles and anonymous callers).
    func actorProvince() async throws -> String? {
        guard let primary = principal?.primary else { return nil }
        return try await Places.of(primary, on: db).provinceCode
    }

    /// An audit event attributed to whoever is asking.
    func auditEvent(_ action: String, _ kind: ObjectKind? = nil, _ objectID: String? = nil,
                    province: String? = nil, outcome: AuditEvent.Outcome = .ok, detail: String? = nil) -> AuditEvent {
        AuditEvent(at: application.appConfig.now(), by: principal, requestID: id, clientIP: clientIP, action: action, kind: kind,
                   id: objectID, province: province, outcome: outcome, detail: detail)
    }
}
