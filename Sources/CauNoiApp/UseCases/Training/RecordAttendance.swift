import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Who attended a session: ticked on its page, or imported from the sign-in sheet. Only volunteers of the
/// session's area attend it (anyone for a central session); attendance is recorded once the session has been held.
enum RecordAttendance {
    struct Result: Equatable, Sendable {
        var added: Int
        var removed: Int
    }

    /// Ticks and unticks from the session's page.
    static func run(sessionID: UUID, add: [UUID], remove: [UUID], actor: Actor, on db: any Database) async throws -> Result {
        let session = try await SessionAttendance.session(sessionID, actor: actor, on: db)
        let volunteers = try await Volunteer.query(on: db).filter(\.$id ~~ Array(Set(add))).all()
        let eligible = try await SessionAttendance.eligible(volunteers, session: session, on: db)
        if let outside = volunteers.first(where: { !eligible.contains($0.id!) }) {
            throw AppError.validation([FieldError(field: "volunteer_id", message: "\(outside.fullName) không thuộc địa bàn của buổi tập huấn.",
                                                  messageEN: "That volunteer is outside the session's area.")])
        }
        if volunteers.count < Set(add).count {
            throw AppError.validation([FieldError(field: "volunteer_id", message: "Không tìm thấy tình nguyện viên.", messageEN: "Unknown volunteer.")])
        }
        let key = sessionID.uuidString.lowercased()
        let event = actor.event("training.attendance", .training, key, province: session.provinceCode.nonEmpty,
                                detail: "+\(Set(add).count) −\(Set(remove).count)")
        return try await db.writeTransaction { db in
            let present = try await SessionAttendance.present(sessionID, among: Array(Set(add)), on: db)
            let toAdd = Set(add).subtracting(present)
            try await SessionAttendance.insert(Array(toAdd), session: sessionID, source: "tick", now: actor.now, on: db)
            var removed = 0
            if !remove.isEmpty {
                removed = try await TrainingAttendance.query(on: db).filter(\.$sessionID == sessionID).filter(\.$volunteerID ~~ Array(Set(remove))).count()
                try await TrainingAttendance.query(on: db).filter(\.$sessionID == sessionID).filter(\.$volunteerID ~~ Array(Set(remove))).delete()
            }
            try await Audit.record(event, on: db)
            return Result(added: toAdd.count, removed: removed)
        }
    }
}

/// The sign-in sheet: every row must name a volunteer of the session's area by phone. A file with any bad row
/// stores nothing unless the person asks to keep the good rows; a second upload of the same sheet adds nobody twice.
enum ImportAttendance {
    struct Result: Codable, Equatable, Sendable {
        var rows: Int
        var added: Int
        var already: Int
        var errors: [UploadEntries.RowErrorDTO]
        var storedNothing: Bool
    }

    static func run(sessionID: UUID, table: [[String]], storeValid: Bool, actor: Actor, on db: any Database) async throws -> Result {
        let session = try await SessionAttendance.session(sessionID, actor: actor, on: db)
        let (rows, parseErrors) = AttendanceSheet.parse(table)
        var errors = parseErrors.map { UploadEntries.RowErrorDTO(line: $0.line, column: $0.column, message: $0.message, messageEN: $0.messageEN) }
        var byPhone: [String: Volunteer] = [:]
        for chunk in rows.map(\.phone).chunked(into: 500) {
            for v in try await Volunteer.query(on: db).filter(\.$phone ~~ chunk).all() { byPhone[v.phone] = v }
        }
        let eligible = try await SessionAttendance.eligible(Array(byPhone.values), session: session, on: db)
        let areaName = UnitPicker.label(session.unitCode) ?? session.unitCode
        var matched: [(line: Int, id: UUID)] = []
        for row in rows {
            let phoneColumn = AttendanceSheet.Column.phone.header
            guard let v = byPhone[row.phone] else {
                errors.append(.init(line: row.line, column: phoneColumn,
                                    message: "Không có tình nguyện viên nào với số \(ImportCourses.masked(row.phone)); thêm người đó trước hoặc sửa số.",
                                    messageEN: "No volunteer with this phone."))
                continue
            }
            guard eligible.contains(v.id!) else {
                let home = UnitPicker.label(v.provinceCode) ?? v.provinceCode
                errors.append(.init(line: row.line, column: phoneColumn,
                                    message: "\(v.fullName) là tình nguyện viên của \(home), không thuộc địa bàn buổi tập huấn (\(areaName)).",
                                    messageEN: "The volunteer is outside the session's area."))
                continue
            }
            matched.append((row.line, v.id!))
        }
        errors.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        let total = rows.count + Set(parseErrors.map(\.line)).subtracting([1]).count
        if (!errors.isEmpty && !storeValid) || matched.isEmpty {
            return Result(rows: total, added: 0, already: 0, errors: errors, storedNothing: true)
        }
        let ids = Array(Set(matched.map(\.id)))
        let event = actor.event("training.attendance_import", .training, sessionID.uuidString.lowercased(), province: session.provinceCode.nonEmpty,
                                detail: "\(ids.count) matched, \(errors.count) row errors")
        let (added, already) = try await db.writeTransaction { db -> (Int, Int) in
            let present = try await SessionAttendance.present(sessionID, among: ids, on: db)
            let new = ids.filter { !present.contains($0) }
            try await SessionAttendance.insert(new, session: sessionID, source: "import", now: actor.now, on: db)
            try await Audit.record(event, on: db)
            return (new.count, present.count)
        }
        return Result(rows: total, added: added, already: already, errors: errors, storedNothing: false)
    }
}

enum SessionAttendance {
    /// The session, once the caller may record its attendance and it has taken place.
    static func session(_ id: UUID, actor: Actor, on db: any Database) async throws -> TrainingSession {
        let key = id.uuidString.lowercased()
        guard let session = try await TrainingSession.find(id, on: db) else {
            throw AppError.notFound(ObjectKind.training.vietnamese, ObjectKind.training.english, key)
        }
        try await Access.require(.manageTraining, on: session.place, .training, id: key, deny: .forbid, actor: actor, on: db)
        if let day = LocalDate(iso: session.heldOn), day > actor.today {
            throw AppError.conflict(field: "held_on", vi: "Buổi tập huấn diễn ra ngày \(day.longVietnamese): ghi danh sách tham dự sau buổi học.",
                                    en: "The session has not taken place yet.")
        }
        return session
    }

    /// Which of `volunteers` belong to the session's area: anyone for a central session; a province's session its
    /// volunteers; a commune's those living there or serving in one of its teams.
    static func eligible(_ volunteers: [Volunteer], session: TrainingSession, on db: any Database) async throws -> Set<UUID> {
        switch session.level {
        case .central: return Set(volunteers.compactMap(\.id))
        case .province: return Set(volunteers.filter { $0.provinceCode == session.provinceCode }.compactMap(\.id))
        case .commune:
            var out = Set(volunteers.filter { $0.$homeCommune.id == session.communeCode }.compactMap(\.id))
            let rest = volunteers.compactMap(\.id).filter { !out.contains($0) }
            for chunk in rest.chunked(into: 500) {
                let rows = try await TeamMembership.query(on: db).join(Team.self, on: \TeamMembership.$team.$id == \Team.$id)
                    .filter(\.$volunteer.$id ~~ chunk).filter(Team.self, \.$homeCommune.$id == session.communeCode).all()
                out.formUnion(rows.map(\.$volunteer.id))
            }
            return out
        }
    }

    static func present(_ session: UUID, among ids: [UUID], on db: any Database) async throws -> Set<UUID> {
        var out = Set<UUID>()
        for chunk in ids.chunked(into: 500) {
            out.formUnion(try await TrainingAttendance.query(on: db).filter(\.$sessionID == session).filter(\.$volunteerID ~~ chunk).all().map(\.volunteerID))
        }
        return out
    }

    static func insert(_ ids: [UUID], session: UUID, source: String, now: Date, on db: any Database) async throws {
        for chunk in ids.chunked(into: 500) {
            try await db.sql.insert(into: TrainingAttendance.schema).columns("id", "session_id", "volunteer_id", "source", "recorded_at")
                .rows(chunk.map { [SQLBind(UUIDv7.make()), SQLBind(session), SQLBind($0), SQLBind(source), SQLBind(now)] as [any SQLExpression] })
                .run()
        }
    }
}
