import CauNoiCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

/// The team use cases called directly, as a handler does: an actor, plain input, a database.
@Suite("Team use cases")
struct TeamUseCaseTests {
    @Test("simultaneous joins of one person to one team: exactly one is stored", arguments: Engine.enabled)
    func concurrentJoins(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0911222001")])
            let newcomer = try await app.volunteer("Người mới", phone: "0911222002")
            let admin = try await app.actor(RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let outcomes = await withTaskGroup(of: String.self) { group in
                for day in 1...8 {
                    group.addTask {
                        do {
                            try await JoinTeam.run(teamID: team.id, MembershipDraft(volunteerID: newcomer.uuidString, from: "2025-08-0\(day)"),
                                                   actor: admin, on: app.db)
                            return "joined"
                        } catch let error as AppError {
                            if case .conflict = error { return "conflict" }
                            return "\(error)"
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "joined" }.count == 1, "\(outcomes)")
            #expect(outcomes.filter { $0 == "conflict" }.count == 7, "\(outcomes)")
            #expect(try await TeamMembership.query(on: app.db).filter(\.$volunteer.$id == newcomer).count() == 1)
        }
    }

    @Test("save, join and leave authorise, validate, write and audit with the actor's clock", arguments: Engine.enabled)
    func saveJoinLeave(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let at = Date(timeIntervalSince1970: 1_755_300_000)
            let admin = try await app.actor(RoleAssignment(role: .communeAdmin, unitCode: "00070"), now: at)
            let member = try await app.volunteer(phone: "0911222003")
            var draft = TeamDraft()
            draft.name = "Đội phường Hoàn Kiếm"
            draft.homeCommuneCode = "00070"
            draft.kind = "service_centre"
            draft.activeFrom = "2025-07-01"
            let team = try await SaveTeam.run(draft, id: nil, actor: admin, on: app.db)
            let teamID = try team.requireID()
            try await JoinTeam.run(teamID: teamID, MembershipDraft(volunteerID: member.uuidString, from: "2025-07-02"), actor: admin, on: app.db)
            try await LeaveTeam.run(teamID: teamID, volunteerID: member, EndMembershipDraft(to: "2025-08-01"), actor: admin, on: app.db)
            let rows = try await AuditEntry.query(on: app.db).filter(\.$userID == admin.principal.userID).all()
            #expect(Set(rows.map(\.action)) == ["team.create", "team.member_join", "team.member_leave"])
            #expect(rows.allSatisfy { $0.at == at && $0.provinceCode == "01" && $0.requestID == "test" })

            // A bad draft: nothing written, every field named.
            var bad = draft
            bad.homeCommuneCode = "0007"
            bad.kind = "rocket"
            await #expect(throws: ValidationFailure.self) { try await SaveTeam.run(bad, id: nil, actor: admin, on: app.db) }
            // Outside the actor's area: refused before anything is read back.
            var elsewhere = draft
            elsewhere.homeCommuneCode = "00073"
            await #expect(throws: AppError.self) { try await SaveTeam.run(elsewhere, id: nil, actor: admin, on: app.db) }
            #expect(try await Team.query(on: app.db).count() == 1)
        }
    }
}
