import CauNoiCore
import Fluent
import Foundation

/// Records (or corrects) that a volunteer completed a course; the rollup ledger's "trained" counts move
/// in the same transaction when the volunteer becomes, or stops being, fully trained for a campaign.
enum RecordCourse {
    static func run(volunteerID: UUID, _ draft: CourseCompletionDraft, actor: Actor, on db: any Database) async throws -> CourseCompletion {
        let volunteer = try await VolunteerQueries.require(volunteerID, on: db)
        let key = volunteerID.uuidString.lowercased()
        try await Access.require(.writeVolunteer, on: Places.home(of: volunteer), .volunteer, id: key, deny: .forbid, actor: actor, on: db)
        let courses = try await CampaignQueries.knownCourses(on: db)
        let completion = try CourseCompletionValidator.validate(draft, courses: courses, today: actor.today).get()
        let row = try await CourseCompletion.query(on: db)
            .filter(\.$volunteer.$id == volunteerID).filter(\.$courseCode == completion.courseCode).first()
            ?? CourseCompletion()
        if row.id == nil { row.id = UUIDv7.make() }
        row.$volunteer.id = volunteerID
        row.courseCode = completion.courseCode
        row.completedOn = completion.completedOn.iso
        row.certificateNo = completion.certificateNo
        row.source = completion.source
        let event = actor.event("volunteer.course", .volunteer, key, province: volunteer.provinceCode)
        try await db.writeTransaction { db in
            try await RollupLedgerStore.lock(on: db)
            let before = try await RollupLedgerStore.trainedVolunteers([volunteerID], on: db)
            try await row.save(on: db)
            let after = try await RollupLedgerStore.trainedVolunteers([volunteerID], on: db)
            try await RollupLedgerStore.trainingChanged(before: before, after: after, on: db)
            try await Audit.record(event, on: db)
        }
        return row
    }
}
