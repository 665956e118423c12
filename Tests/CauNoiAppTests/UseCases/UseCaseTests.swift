import CauNoiCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

/// The use cases of each area called directly, as their handlers do: an actor, plain input, a database.
/// Each writes with the actor's clock and request id, and refuses callers outside its area.
@Suite("Use cases")
struct UseCaseTests {
    static let at = Date(timeIntervalSince1970: 1_755_300_000)

    private func audited(_ app: Application, by actor: Actor) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$userID == actor.principal.userID).filter(\.$outcome == "ok").all()
    }

    @Test("entries: a batch, a correction on the current version, the history", arguments: Engine.enabled)
    func entries(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0922000001")])
            let leader = try await app.actor(RoleAssignment(role: .teamLeader, teamID: team.id), now: Self.at)
            let id = UUID()
            var draft = SupportEntryDraft(id: id.uuidString, teamID: team.id.uuidString, communeCode: "00070", date: "2025-08-12",
                                          volunteerIDs: team.members?.map(\.volunteerID.uuidString), counts: ["vneid": 4], place: "service_centre",
                                          languages: ["vi"])
            let batch = try await RecordBatch.run(SupportBatchRequest(campaign: nil, entries: [LenientEntry(rawID: draft.id, draft: .success(draft))]),
                                                  actor: leader, on: app.db)
            #expect(batch.summary.created == 1)
            draft.counts = ["vneid": 5]
            draft.id = nil
            var input = try JSONDecoder().decode(CorrectEntry.Input.self, from: JSONEncoder().encode(draft))
            input.correctionID = UUID().uuidString
            input.baseVersion = 1
            #expect(try await CorrectEntry.run(entryID: id, input: input, actor: leader, on: app.db).status == .created)
            #expect(try await CorrectEntry.history(entryID: id, actor: leader, on: app.db).map(\.version) == [1, 2])
            let rows = try await audited(app, by: leader)
            #expect(Set(rows.map(\.action)) == ["support_entries.batch", "support_entry.correct"])
            #expect(rows.allSatisfy { $0.at == Self.at && $0.requestID == "test" })
            // Another commune's leader cannot even see it.
            let stranger = try await app.actor(RoleAssignment(role: .communeAdmin, unitCode: "00073"))
            await #expect(throws: AppError.self) { try await CorrectEntry.history(entryID: id, actor: stranger, on: app.db) }
        }
    }

    @Test("reports: submit, approve (locks), reopen, move a difficulty", arguments: Engine.enabled)
    func reports(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let commune = try await app.actor(RoleAssignment(role: .communeAdmin, unitCode: "00070"), now: Self.at)
            let province = try await app.actor(RoleAssignment(role: .provinceAdmin, unitCode: "01"), now: Self.at)
            var draft = WeeklyReportDraft()
            draft.communeCode = "00070"
            draft.week = "2025-08-14"
            draft.highlights = "Ổn định"
            draft.difficulties = [DifficultyDraft(category: "platform_fault", description: "VNeID chậm")]
            let report = try await SubmitWeeklyReport.run(draft, actor: commune, on: app.db)
            let id = try report.requireID()
            await #expect(throws: AppError.self) { try await ApproveWeek.run(id: id, approved: true, actor: commune, on: app.db) }
            #expect(try await ApproveWeek.run(id: id, approved: true, actor: province, on: app.db).status == "approved")
            var edit = WeeklyReportDraft()
            edit.highlights = "Sửa sau khi duyệt"
            await #expect(throws: AppError.self) { try await EditWeeklyReport.run(id: id, edit, actor: commune, on: app.db) }
            #expect(try await ApproveWeek.run(id: id, approved: false, actor: province, on: app.db).status == "reopened")
            #expect(try await EditWeeklyReport.run(id: id, edit, actor: commune, on: app.db).highlights == "Sửa sau khi duyệt")
            let difficulty = try #require(try await Difficulty.query(on: app.db).first()?.requireID())
            #expect(try await MoveDifficulty.run(id: difficulty, .init(to: "acknowledged"), actor: province, on: app.db).status == "acknowledged")
            #expect(try await Difficulty.find(difficulty, on: app.db)?.updatedAt == Self.at)
        }
    }

    @Test("volunteers and units: save, course, attributes; refused outside the area", arguments: Engine.enabled)
    func volunteersAndUnits(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let admin = try await app.actor(RoleAssignment(role: .communeAdmin, unitCode: "00070"), now: Self.at)
            var draft = VolunteerDraft()
            draft.fullName = "Lê Thị Hoa"
            draft.phone = "0922000002"
            draft.gender = "female"
            draft.homeCommuneCode = "00070"
            draft.forceType = "local"
            draft.consentDate = "2025-07-01"
            let volunteer = try await SaveVolunteer.run(draft, id: nil, actor: admin, on: app.db)
            let id = try volunteer.requireID()
            draft.affiliation = "Đoàn phường"
            #expect(try await SaveVolunteer.run(draft, id: id, actor: admin, on: app.db).affiliation == "Đoàn phường")
            let course = try await RecordCourse.run(volunteerID: id, CourseCompletionDraft(courseCode: "binh_dan_hoc_vu_so", completedOn: "2025-07-02"),
                                                    actor: admin, on: app.db)
            #expect(course.courseCode == "binh_dan_hoc_vu_so")
            var attributes = UnitAttributesDraft()
            attributes.isRemote = true
            #expect(try await EditUnitAttributes.run(code: "00070", attributes, actor: admin, on: app.db).isRemote)
            // A sibling commune is not this admin's: registering there or editing it is refused, nothing written.
            draft.homeCommuneCode = "00073"
            draft.phone = "0922000003"
            await #expect(throws: AppError.self) { try await SaveVolunteer.run(draft, id: nil, actor: admin, on: app.db) }
            await #expect(throws: AppError.self) { try await EditUnitAttributes.run(code: "00073", attributes, actor: admin, on: app.db) }
            #expect(try await Volunteer.query(on: app.db).count() == 1)
            #expect(try await audited(app, by: admin).map(\.action).sorted() == ["org_unit.update", "volunteer.course", "volunteer.create", "volunteer.update"])
        }
    }

    @Test("accounts: create, token issue and revoke, disable; sign-in and set-up as a visitor", arguments: Engine.enabled)
    func accounts(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let province = try await app.actor(RoleAssignment(role: .provinceAdmin, unitCode: "01"), now: Self.at)
            let created = try await CreateAccount.run(UserDraft(username: "xa.hoankiem", displayName: "Xã Hoàn Kiếm",
                                                                assignments: [AssignmentDraft(role: "commune_admin", unitCode: "00070")]),
                                                      actor: province, on: app.db)
            let visitor = Visitor(now: Self.at, requestID: "test", clientIP: "203.0.113.5")
            let hasher = PasswordHasher(cost: 4, threadPool: app.threadPool)
            let session = try await CompleteSetup.run(.init(token: created.setupToken, username: nil, displayName: nil,
                                                            password: "mật khẩu đủ dài", passwordConfirm: "mật khẩu đủ dài"),
                                                      visitor: visitor, passwords: hasher, on: app.db)
            #expect(!session.isEmpty)
            let signedIn = try await SignIn.run(username: "xa.hoankiem", password: "mật khẩu đủ dài", visitor: visitor, passwords: hasher, on: app.db)
            #expect(signedIn.user.username == "xa.hoankiem")
            await #expect(throws: AppError.self) {
                try await SignIn.run(username: "xa.hoankiem", password: "sai", visitor: visitor, passwords: hasher, on: app.db)
            }
            let issued = try await IssueToken.run(try JSONDecoder().decode(TokenController.CreateInput.self, from: Data(#"{"name":"Điện thoại"}"#.utf8)),
                                                  actor: province, on: app.db)
            #expect(issued.row.expiresAt == Self.at.addingTimeInterval(90 * 86_400))
            #expect(try await RevokeToken.run(id: try issued.row.requireID(), actor: province, on: app.db).revokedAt == Self.at)
            let (user, _) = try await ManageUser.disable(try created.user.requireID(), actor: province, on: app.db)
            #expect(!user.isActive)
            // Another province's admin cannot see the account at all.
            let saigon = try await app.actor(RoleAssignment(role: .provinceAdmin, unitCode: "79"))
            await #expect(throws: AppError.self) { try await ManageUser.require(try created.user.requireID(), actor: saigon, on: app.db) }
        }
    }
}
