import CauNoiCore
import Fluent
import Foundation

/// An API token for a device or an integration: one assignment, the caller's own or narrower, for at
/// most a year; made with a token, it expires no later than that token and is revoked with it.
enum IssueToken {
    static func run(_ input: TokenController.CreateInput, actor: Actor, on db: any Database) async throws -> (token: String, row: APIToken) {
        let principal = actor.principal
        var errors = FieldErrors()
        let name = FreeText.check(input.name, field: "name", maxLength: 80, required: true, errors: &errors) ?? ""
        let days = input.days ?? 90
        if input.daysIsNull || !(1...TokenStore.maxLifetimeDays).contains(days) {
            errors.add("days", "Thời hạn là số ngày từ 1 đến 365 (bỏ trống để lấy 90 ngày).", "days must be an integer 1–365 (omit it for 90).")
        }
        var assignment = principal.primary
        if input.role != nil {
            assignment = UserValidator.assignment(
                AssignmentDraft(role: input.role, unitCode: input.unitCode, teamID: input.teamID, volunteerID: input.volunteerID),
                field: "assignment", errors: &errors)
        }
        try errors.throwIfAny()
        guard let assignment else { throw AppError.noPermission }
        let place = try await Places.of(assignment, on: db)
        guard principal.policy.assignments.contains(where: { $0.contains(assignment, at: place) }) else {
            try await Audit.recordAlone(actor.event("permission_denied", .apiToken, nil, province: place.provinceCode, outcome: .denied,
                                                    detail: "token broader than holder"), on: db)
            throw AppError.forbidden(vi: "Chỉ được cấp mã truy cập trong phạm vi quyền của bạn hoặc hẹp hơn.",
                                     en: "A token may only carry your own scope or a narrower one.")
        }
        let event = actor.event("api_token.create", .apiToken, nil, province: place.provinceCode)
        let parentID: UUID? = if case .token(let id) = principal.via { id } else { nil }
        let now = actor.now
        return try await db.writeTransaction { db in
            let parent = try await parentID.asyncMap { try await APIToken.find($0, on: db) } ?? nil
            if parentID != nil, parent?.revokedAt != nil || parent == nil { throw AppError.unauthenticated }
            let issued = try await TokenStore.issue(userID: principal.userID, name: name, assignment: assignment, days: days, now: now,
                                                    parent: parent, on: db)
            try await Audit.record(event.object("api_token", issued.row.id?.uuidString.lowercased(), province: place.provinceCode), on: db)
            return issued
        }
    }
}
