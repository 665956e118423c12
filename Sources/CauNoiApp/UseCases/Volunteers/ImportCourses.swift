import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Course completions from a learning platform's export, matched to volunteers by phone. Rows with unreadable
/// values are errors (a file with any stores nothing unless the person asks to store the good rows); phones that
/// match nobody in the person's area are listed but do not block the file, because a platform's export covers
/// more people than one area's volunteers. A volunteer's completion of a course is stored once: uploading the
/// same file again changes nothing, and a later export with another date or certificate updates it.
enum ImportCourses {
    struct Unmatched: Codable, Equatable, Sendable {
        var line: Int
        /// The phone with its middle hidden ("091****678"): enough to find the row, not to read the number.
        var phone: String
    }

    struct Result: Codable, Equatable, Sendable {
        var rows: Int
        var stored: Int
        var updated: Int
        var unchanged: Int
        var unmatched: [Unmatched]
        var errors: [UploadEntries.RowErrorDTO]
        var storedNothing: Bool
        /// Volunteers who became fully trained (every course a campaign requires) with this file.
        var newlyTrained: Int

        enum CodingKeys: String, CodingKey {
            case rows, stored, updated, unchanged, unmatched, errors, storedNothing = "stored_nothing", newlyTrained = "newly_trained"
        }
    }

    static func run(_ table: [[String]], course: String?, storeValid: Bool, actor: Actor, on db: any Database) async throws -> Result {
        let area = try await Access.scope(for: .writeVolunteer, actor: actor, on: db)
        let courses = try await CampaignQueries.knownCourses(on: db)
        if let course, !courses.contains(where: { $0.code == course }) {
            throw AppError.validation([FieldError(field: "course", message: "Khóa học không có trong danh mục.", messageEN: "Unknown course.")])
        }
        let (rows, parseErrors) = CourseSheet.parse(table, courses: courses, fixedCourse: course, today: actor.today)
        let errors = parseErrors.map { UploadEntries.RowErrorDTO(line: $0.line, column: $0.column, message: $0.message, messageEN: $0.messageEN) }
        let total = rows.count + Set(parseErrors.map(\.line)).subtracting([1]).count
        if !errors.isEmpty && !storeValid {
            return Result(rows: total, stored: 0, updated: 0, unchanged: 0, unmatched: [], errors: errors, storedNothing: true, newlyTrained: 0)
        }

        // Phones → volunteers the person may update; anyone else is "not found", whether or not they exist elsewhere.
        var volunteerByPhone: [String: UUID] = [:]
        for chunk in Array(Set(rows.map(\.phone))).chunked(into: 500) {
            for v in try await Volunteer.query(on: db).filter(\.$phone ~~ chunk).all() where area.matches(Places.home(of: v)) {
                volunteerByPhone[v.phone] = try v.requireID()
            }
        }
        let matched = rows.compactMap { row in volunteerByPhone[row.phone].map { (row: row, volunteer: $0) } }
        let unmatched = rows.filter { volunteerByPhone[$0.phone] == nil }.map { Unmatched(line: $0.line, phone: masked($0.phone)) }
        // A file that names nobody of the person's area is refused as a whole: most likely the wrong file.
        if matched.isEmpty {
            return Result(rows: total, stored: 0, updated: 0, unchanged: 0, unmatched: unmatched, errors: errors, storedNothing: true, newlyTrained: 0)
        }
        let volunteerIDs = Array(Set(matched.map(\.volunteer)))
        let event = actor.event("volunteer.course_import", .volunteer, nil,
                                detail: "\(matched.count) matched, \(unmatched.count) not found, \(errors.count) row errors")
        let counts = try await db.writeTransaction { db -> (stored: Int, updated: Int, unchanged: Int, newlyTrained: Int) in
            var updated = 0, unchanged = 0
            try await RollupLedgerStore.lock(on: db)
            var existing: [String: CourseCompletion] = [:]
            for chunk in volunteerIDs.chunked(into: 500) {
                for c in try await CourseCompletion.query(on: db).filter(\.$volunteer.$id ~~ chunk).all() {
                    existing[c.$volunteer.id.uuidString + "|" + c.courseCode] = c
                }
            }
            let before = try await RollupLedgerStore.trainedVolunteers(volunteerIDs, on: db)
            var inserts: [[any SQLExpression]] = []
            for (row, volunteer) in matched {
                if let old = existing[volunteer.uuidString + "|" + row.courseCode] {
                    if old.completedOn == row.completedOn.iso && old.certificateNo == row.certificateNo { unchanged += 1; continue }
                    old.completedOn = row.completedOn.iso
                    old.certificateNo = row.certificateNo
                    old.source = "import"
                    try await old.save(on: db)
                    updated += 1
                } else {
                    inserts.append([SQLBind(UUIDv7.make()), SQLBind(volunteer), SQLBind(row.courseCode), SQLBind(row.completedOn.iso),
                                    SQLBind(row.certificateNo), SQLBind("import")])
                }
            }
            for chunk in inserts.chunked(into: 1_000) {
                try await db.sql.insert(into: CourseCompletion.schema)
                    .columns("id", "volunteer_id", "course_code", "completed_on", "certificate_no", "source").rows(Array(chunk)).run()
            }
            let after = try await RollupLedgerStore.trainedVolunteers(volunteerIDs, on: db)
            try await RollupLedgerStore.trainingChanged(before: before, after: after, on: db)
            try await Audit.record(event, on: db)
            let newlyTrained = Set(after.flatMap { campaign, now in now.subtracting(before[campaign] ?? []) }).count
            return (inserts.count, updated, unchanged, newlyTrained)
        }
        return Result(rows: total, stored: counts.stored, updated: counts.updated, unchanged: counts.unchanged, unmatched: unmatched,
                      errors: errors, storedNothing: false, newlyTrained: counts.newlyTrained)
    }

    static func masked(_ phone: String) -> String {
        guard phone.count == 10 else { return "***" }
        return String(phone.prefix(3)) + "****" + String(phone.suffix(3))
    }
}
