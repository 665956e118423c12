import CauNoiCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

/// Roles × resources × own, sibling, other-province and parent units, over JSON and HTML.
/// Expected visibility is written out by hand per role; the test fails on any leak or any over-blocking.
@Suite("Access matrix")
struct AccessMatrixTests {
    /// Hà Nội (01): own commune 00070, sibling 00073. Hồ Chí Minh (79): 26506.
    struct World {
        var volunteers: [String: UUID] = [:]   // "A" (00070), "B" (00073), "C" (26506)
        var teams: [String: TeamDTO] = [:]
        var names: [String: String] = [:]
        var tokens: [String: String] = [:]
    }

    static let roles = ["central", "province01", "commune00070", "leaderA", "volunteerA", "observer01", "province79"]

    private func build(_ app: Application) async throws -> World {
        var w = World()
        for (key, commune, phone) in [("A", "00070", "0911000001"), ("B", "00073", "0911000002"), ("C", "26506", "0911000003")] {
            w.names[key] = "Người \(key) Thử"
            w.volunteers[key] = try await app.volunteer("Người \(key) Thử", phone: phone, commune: commune)
            w.teams[key] = try await app.team(commune: commune, members: [w.volunteers[key]!])
        }
        let batch = Batch(entries: ["A", "B", "C"].map { entry(team: w.teams[$0]!) })
        let stored = try await app.send(.POST, "api/v1/support-entries/batch", json: batch).content.decode(SupportBatchResponse.self)
        #expect(stored.summary.created == 3)
        w.tokens["central"] = TestUsers.adminToken
        w.tokens["province01"] = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
        w.tokens["commune00070"] = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
        w.tokens["leaderA"] = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: w.teams["A"]!.id))
        w.tokens["volunteerA"] = try await app.token(for: RoleAssignment(role: .volunteer, volunteerID: w.volunteers["A"]!))
        w.tokens["observer01"] = try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"))
        w.tokens["province79"] = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"))
        return w
    }

    /// Which volunteers each role may see, and whether it sees their phone.
    static let peopleVisible: [String: (Set<String>, phone: Bool)] = [
        "central": (["A", "B", "C"], true), "province01": (["A", "B"], true), "commune00070": (["A"], true),
        "leaderA": (["A"], false), "volunteerA": (["A"], true), "observer01": ([], false), "province79": (["C"], true),
    ]
    static let teamsVisible: [String: Set<String>] = [
        "central": ["A", "B", "C"], "province01": ["A", "B"], "commune00070": ["A"], "leaderA": ["A"],
        "volunteerA": [], "observer01": ["A", "B"], "province79": ["C"],
    ]

    @Test("reads: by id, by list, by search and by page", arguments: Engine.enabled)
    func reads(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let w = try await build(app)
            for role in Self.roles {
                let token = w.tokens[role]!
                let (people, phone) = Self.peopleVisible[role]!
                for key in ["A", "B", "C"] {
                    let id = w.volunteers[key]!
                    let res = try await app.send(.GET, "api/v1/volunteers/\(id)", token: token)
                    if people.contains(key) {
                        #expect(res.status == .ok, "\(role) reads volunteer \(key)")
                        let dto = try res.content.decode(VolunteerDTO.self)
                        #expect((dto.phone != nil) == phone, "\(role) phone of \(key)")
                        #expect((dto.birthYear == nil) || phone)
                    } else {
                        #expect(res.status == .notFound, "\(role) must not read volunteer \(key): \(res.status)")
                        #expect(!res.body.string.contains(w.names[key]!))
                    }
                    let html = try await app.send(.GET, "tinh-nguyen-vien/\(id.uuidString.lowercased())", token: token)
                    #expect((html.status == .ok) == people.contains(key), "\(role) page of volunteer \(key): \(html.status)")
                    if !people.contains(key) { #expect(!html.body.string.contains(w.names[key]!)) }
                    if html.status == .ok { #expect(html.body.string.contains("0911000") == phone, "\(role) page phone of \(key)") }

                    let team = w.teams[key]!
                    let teamRes = try await app.send(.GET, "api/v1/teams/\(team.id)", token: token)
                    let teamVisible = Self.teamsVisible[role]!.contains(key)
                    #expect((teamRes.status == .ok) == teamVisible, "\(role) reads team \(key): \(teamRes.status)")
                    if teamVisible {
                        let dto = try teamRes.content.decode(TeamDTO.self)
                        #expect((dto.members != nil) == people.contains(key) || role == "leaderA", "\(role) members of team \(key)")
                        #expect(dto.memberCount == 1)
                    }
                    let teamPage = try await app.send(.GET, "doi-hinh/\(team.id.uuidString.lowercased())", token: token)
                    #expect((teamPage.status == .ok) == teamVisible, "\(role) team page \(key)")
                    if !people.contains(key) { #expect(!teamPage.body.string.contains(w.names[key]!), "\(role) sees name on team page \(key)") }
                }

                // Lists and search: exactly the visible set, never more.
                let list = try await app.send(.GET, "api/v1/volunteers?q=thu", token: token)
                if people.isEmpty {
                    #expect(list.status == .forbidden, "\(role) volunteer list")
                } else {
                    let names = Set(try list.content.decode(Paged<VolunteerSummaryDTO>.self).items.map(\.fullName))
                    #expect(names == Set(people.map { w.names[$0]! }), "\(role) volunteer list \(names)")
                    let page = try await app.send(.GET, "tinh-nguyen-vien?q=thu", token: token).body.string
                    for key in ["A", "B", "C"] { #expect(page.contains(w.names[key]!) == people.contains(key), "\(role) list page \(key)") }
                }
                let teams = try await app.send(.GET, "api/v1/teams", token: token)
                if Self.teamsVisible[role]!.isEmpty {
                    #expect(teams.status == .forbidden)
                } else {
                    let ids = Set(try teams.content.decode(Paged<TeamDTO>.self).items.map(\.id))
                    #expect(ids == Set(Self.teamsVisible[role]!.map { w.teams[$0]!.id }), "\(role) team list")
                }
                let entries = try await app.send(.GET, "api/v1/support-entries", token: token)
                if Self.teamsVisible[role]!.isEmpty {
                    #expect(entries.status == .forbidden, "\(role) entries")
                } else {
                    let page = try entries.content.decode(Paged<SupportEntryDTO>.self)
                    #expect(Set(page.items.map(\.teamID)) == Set(Self.teamsVisible[role]!.map { w.teams[$0]!.id }), "\(role) entries")
                    if role == "observer01" { #expect(page.items.allSatisfy { $0.volunteerIDs.isEmpty }) }
                }
                // A guessed id is simply not there.
                #expect(try await app.send(.GET, "api/v1/volunteers/\(UUID())", token: token).status == .notFound)
            }
        }
    }

    @Test("writes outside scope are refused and audited; inside scope they work", arguments: Engine.enabled)
    func writes(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let w = try await build(app)
            let body: [String: AnyEncodable] = [
                "full_name": AnyEncodable("Người B Thử"), "phone": AnyEncodable("0911000002"), "gender": AnyEncodable("male"),
                "home_commune_code": AnyEncodable("00073"), "force_type": AnyEncodable("local"), "consent_date": AnyEncodable("2025-07-01"),
            ]
            let volunteerB = "api/v1/volunteers/\(w.volunteers["B"]!)"
            // Nobody but province 01 may even read B: a refused write answers like a random id (404).
            for (role, expected) in [("commune00070", HTTPStatus.notFound), ("leaderA", .notFound), ("observer01", .notFound),
                                     ("province79", .notFound), ("volunteerA", .notFound), ("province01", .ok)] {
                let res = try await app.send(.PUT, volunteerB, json: body, token: w.tokens[role]!)
                #expect(res.status == expected, "\(role) updates volunteer B: \(res.status)")
            }
            // Moving someone into another province needs rights there too.
            var moved = body
            moved["home_commune_code"] = AnyEncodable("26506")
            #expect(try await app.send(.PUT, volunteerB, json: moved, token: w.tokens["province01"]!).status == .forbidden)

            // Parent unit: a commune admin cannot edit its province; a province admin cannot edit another province.
            #expect(try await app.send(.PATCH, "api/v1/org-units/01", json: ["is_border": true], token: w.tokens["commune00070"]!).status == .forbidden)
            #expect(try await app.send(.PATCH, "api/v1/org-units/00070", json: ["is_border": true], token: w.tokens["commune00070"]!).status == .ok)
            #expect(try await app.send(.PATCH, "api/v1/org-units/26506", json: ["is_border": true], token: w.tokens["province01"]!).status == .forbidden)

            // Support entries: a leader logs for their own team only.
            let result = try await app.send(.POST, "api/v1/support-entries/batch",
                                            json: Batch(entries: [entry(team: w.teams["A"]!), entry(team: w.teams["B"]!)]), token: w.tokens["leaderA"]!)
                .content.decode(SupportBatchResponse.self)
            #expect(result.results.map(\.status) == [.created, .rejected])
            let observer = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: w.teams["A"]!)]),
                                              token: w.tokens["observer01"]!).content.decode(SupportBatchResponse.self)
            #expect(observer.results.map(\.status) == [.rejected])

            // Team membership: the leader manages their own team, not another (which they cannot see: 404).
            let c = w.volunteers["C"]!
            #expect(try await app.send(.POST, "api/v1/teams/\(w.teams["B"]!.id)/members", json: ["volunteer_id": c.uuidString, "from": "2025-08-01"],
                                       token: w.tokens["leaderA"]!).status == .notFound)
            // …and cannot pull in someone they may not see.
            #expect(try await app.send(.POST, "api/v1/teams/\(w.teams["A"]!.id)/members", json: ["volunteer_id": c.uuidString, "from": "2025-08-01"],
                                       token: w.tokens["leaderA"]!).status == .notFound)

            let denials = try await AuditEntry.query(on: app.db).filter(\.$action == "permission_denied").count()
            #expect(denials >= 9)
        }
    }

    @Test("audit trail and exports are scoped", arguments: Engine.enabled)
    func auditAndExports(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let w = try await build(app)
            let all = try await app.send(.GET, "api/v1/audit?per=500").content.decode(Paged<AuditEntryDTO>.self)
            #expect(all.items.contains { $0.provinceCode == "79" })
            let hanoi = try await app.send(.GET, "api/v1/audit?per=500", token: w.tokens["province01"]!).content.decode(Paged<AuditEntryDTO>.self)
            #expect(!hanoi.items.isEmpty && hanoi.items.allSatisfy { $0.provinceCode == "01" })
            #expect(try await app.send(.GET, "api/v1/audit", token: w.tokens["commune00070"]!).status == .forbidden)
            #expect(try await app.send(.GET, "nhat-ky", token: w.tokens["observer01"]!).status == .forbidden)

            let csv = try await app.send(.GET, "api/v1/exports/volunteers.csv", token: w.tokens["province01"]!)
            #expect(csv.status == .ok)
            #expect(csv.body.string.hasPrefix("\u{FEFF}Họ và tên"))
            #expect(csv.body.string.contains("Người A Thử") && csv.body.string.contains("Người B Thử"))
            #expect(!csv.body.string.contains("Người C Thử"))
            #expect(try await app.send(.GET, "api/v1/exports/volunteers.csv", token: w.tokens["observer01"]!).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/exports/volunteers.csv", token: w.tokens["leaderA"]!).status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export.volunteers").count() == 1)
        }
    }

    @Test("anonymous callers get nothing personal", arguments: [Engine.sqlite])
    func anonymous(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let w = try await build(app)
            #expect(try await app.send(.GET, "api/v1/volunteers", token: "").status == .unauthorized)
            #expect(try await app.send(.GET, "api/v1/volunteers/\(w.volunteers["A"]!)", token: "").status == .unauthorized)
            #expect(try await app.send(.GET, "api/v1/support-entries", token: "").status == .unauthorized)
            #expect(try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: w.teams["A"]!)]), token: "").status == .unauthorized)
            let page = try await app.send(.GET, "tinh-nguyen-vien", token: "")
            #expect(page.status == .seeOther)
            #expect(page.headers.first(name: .location)?.hasPrefix("/dang-nhap?tiep=") == true)
            #expect(try await app.send(.GET, "api/v1/org-units/00070", token: "").status == .ok)
            #expect(try await app.send(.GET, "api/v1/volunteers", token: "cn_forged").status == .forbidden)
        }
    }
}
