import CauNoiCore
import Fluent
import Foundation

/// Moves a reported difficulty through its queue: open → acknowledged → escalated (to the centre) →
/// resolved, with a note saying what was done (kept as the resolution note; required to resolve).
enum MoveDifficulty {
    struct Input: Codable, Sendable {
        var to: String?
        var note: String?
    }

    /// The statuses an item can be moved to, in workflow order.
    static let targets: [DifficultyStatus] = [.acknowledged, .escalated, .resolved]

    /// Who may move an item: a handler of its place; once escalated, the centre only. The one rule for `run`
    /// and for the moves a page offers.
    static func mayHandle(_ current: DifficultyStatus, at place: RecordPlace, actor: Actor) -> Bool {
        actor.policy.allowsEverywhere(.handleDifficulties, on: place)
            && (current != .escalated || actor.policy.isNational(for: .handleDifficulties))
    }

    static func place(_ item: Difficulty) -> RecordPlace { RecordPlace(provinceCode: item.provinceCode, communeCodes: [item.communeCode]) }

    static func run(id: UUID, _ input: Input, actor: Actor, on db: any Database) async throws -> Difficulty {
        guard let item = try await Difficulty.find(id, on: db) else { throw AppError.notFound("khó khăn", "difficulty", id.uuidString.lowercased()) }
        let key = id.uuidString.lowercased()
        let place = place(item)
        try await Access.require(.readEntries, on: place, .difficulty, id: key, actor: actor, on: db)
        try await Access.require(.handleDifficulties, on: place, .difficulty, id: key, deny: .forbid, actor: actor, on: db)
        guard let next = input.to.flatMap(DifficultyStatus.init(rawValue:)), let current = DifficultyStatus(rawValue: item.status) else {
            throw AppError.validation([FieldError(field: "to", message: "Trạng thái mới phải là acknowledged, escalated hoặc resolved.",
                                                  messageEN: "to must be acknowledged, escalated or resolved.")])
        }
        guard current.canMove(to: next) else {
            throw AppError.conflict(field: "to", vi: "Không thể chuyển từ \"\(current.vietnamese)\" sang \"\(next.vietnamese)\".",
                                    en: "Cannot move from \(current.rawValue) to \(next.rawValue).")
        }
        if !mayHandle(current, at: place, actor: actor) {
            throw AppError.forbidden(vi: "Khó khăn đã chuyển Trung ương; chỉ Trung ương xử lý tiếp.",
                                     en: "Escalated items are handled by the centre.")
        }
        var errors = FieldErrors()
        let note = FreeText.check(input.note, field: "note", maxLength: 1_000, required: false, shape: .prose, errors: &errors)
        // The commune reads how its difficulty ended; "resolved" with nothing said tells it nothing.
        if next == .resolved, note == nil, errors.isEmpty {
            errors.add("note", "Hãy ghi kết quả xử lý (đã làm gì) trước khi đánh dấu đã giải quyết.",
                       "Say what was done (note) when resolving.")
        }
        try errors.throwIfAny()
        item.status = next.rawValue
        item.ownerID = actor.principal.userID
        item.ownerName = actor.principal.displayName
        if next == .resolved, let note { item.resolutionNote = note }
        item.updatedAt = actor.now
        let event = actor.event("difficulty.\(next.rawValue)", .difficulty, key, province: item.provinceCode)
        try await db.writeTransaction { db in
            try await item.save(on: db)
            try await Audit.record(event, on: db)
        }
        return item
    }
}
