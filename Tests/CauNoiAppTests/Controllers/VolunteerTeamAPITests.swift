import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Volunteers and teams API")
struct VolunteerTeamAPITests {
    private func volunteerBody(_ overrides: [String: AnyEncodable] = [:]) -> [String: AnyEncodable] {
        var body: [String: AnyEncodable] = [
            "full_name": AnyEncodable("Phạm Thị Dung"), "phone": AnyEncodable("+84 912 345 678"), "birth_year": AnyEncodable(2003),
            "gender": AnyEncodable("female"), "union_member": AnyEncodable(true), "affiliation": AnyEncodable("Đại học Bách khoa Hà Nội"),
            "home_commune_code": AnyEncodable("00070"), "force_type": AnyEncodable("student"), "tech_skill": AnyEncodable("advanced"),
            "languages": AnyEncodable(["vi", "tay"]), "has_motorbike": AnyEncodable(true), "consent_date": AnyEncodable("2025-07-01"),
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    @Test("a volunteer is created, read, updated and listed with the phone masked", arguments: Engine.enabled)
    func volunteerLifecycle(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let res = try await app.send(.POST, "api/v1/volunteers", json: volunteerBody())
            #expect(res.status == .created)
            let created = try res.content.decode(VolunteerDTO.self)
            #expect(created.phone == "0912345678")
            #expect(created.provinceCode == "01")
            #expect(created.languages == ["tay", "vi"])

            let fetched = try await app.send(.GET, "api/v1/volunteers/\(created.id)").content.decode(VolunteerDTO.self)
            #expect(fetched == created)

            let updated = try await app.send(.PUT, "api/v1/volunteers/\(created.id)",
                                             json: volunteerBody(["status": AnyEncodable("paused"), "home_commune_code": AnyEncodable("26506")]))
            #expect(updated.status == .ok)
            let after = try updated.content.decode(VolunteerDTO.self)
            #expect(after.status == "paused" && after.provinceCode == "79")

            let list = try await app.send(.GET, "api/v1/volunteers?q=dung&province=79").content.decode(Paged<VolunteerSummaryDTO>.self)
            #expect(list.total == 1)
            #expect(list.items.first?.phoneMasked == "091•••••78")
            #expect(!(try await app.send(.GET, "api/v1/volunteers").body.string.contains("0912345678")))

            let course = try await app.send(.POST, "api/v1/volunteers/\(created.id)/courses",
                                            json: ["course_code": "binh_dan_hoc_vu_so", "completed_on": "2025-07-05", "certificate_no": "BDHVS-001"])
            #expect(course.status == .created)
            let withCourse = try await app.send(.GET, "api/v1/volunteers/\(created.id)").content.decode(VolunteerDTO.self)
            #expect(withCourse.courses.map(\.courseCode) == ["binh_dan_hoc_vu_so"])
        }
    }

    @Test("bad volunteer input names each field and stores nothing", arguments: Engine.enabled)
    func volunteerValidation(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let bad = try await app.send(.POST, "api/v1/volunteers", json: volunteerBody([
                "phone": AnyEncodable("12345"), "birth_year": AnyEncodable(1890), "gender": AnyEncodable("x"),
                "home_commune_code": AnyEncodable("70"), "consent_date": AnyEncodable("2026-01-01"),
            ]))
            #expect(bad.status == .unprocessableEntity)
            let fields = Set(try bad.content.decode(APIErrorBody.self).error.fields.map(\.field))
            #expect(fields == ["phone", "birth_year", "gender", "home_commune_code", "consent_date"])

            let wrongType = try await app.send(.POST, "api/v1/volunteers", json: volunteerBody(["birth_year": AnyEncodable("hai nghìn")]))
            #expect(wrongType.status == .unprocessableEntity)
            #expect(try wrongType.content.decode(APIErrorBody.self).error.fields.first?.field == "birth_year")

            let unknownCommune = try await app.send(.POST, "api/v1/volunteers", json: volunteerBody(["home_commune_code": AnyEncodable("99999")]))
            #expect(unknownCommune.status == .unprocessableEntity)

            #expect(try await app.send(.POST, "api/v1/volunteers", json: volunteerBody()).status == .created)
            let twice = try await app.send(.POST, "api/v1/volunteers", json: volunteerBody(["phone": AnyEncodable("0912.345.678")]))
            #expect(twice.status == .conflict)
            #expect(try twice.content.decode(APIErrorBody.self).error.fields.first?.field == "phone")
            #expect(try await Volunteer.query(on: app.db).count() == 1)

            #expect(try await app.send(.GET, "api/v1/volunteers/not-a-uuid").status == .notFound)
            #expect(try await app.send(.GET, "api/v1/volunteers/\(UUID())").status == .notFound)
        }
    }

    @Test("rotation ends memberships and keeps history", arguments: Engine.enabled)
    func rotation(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let a = try await app.volunteer("Vũ Minh Đức", phone: "0987000001")
            let b = try await app.volunteer("Hoàng Thu Hà", phone: "0987000002")
            let team = try await app.team(members: [a])
            #expect(team.code == "00070-1")
            #expect(team.members?.map(\.volunteerID) == [a])

            let end = try await app.send(.POST, "api/v1/teams/\(team.id)/members/\(a)/end", json: ["to": "2025-07-31"])
            #expect(end.status == .ok)
            let join = try await app.send(.POST, "api/v1/teams/\(team.id)/members", json: ["volunteer_id": b.uuidString, "from": "2025-08-01"])
            #expect(join.status == .created)
            let after = try join.content.decode(TeamDTO.self)
            #expect(after.members?.count == 2)
            #expect(after.members?.first { $0.volunteerID == a }?.to == "2025-07-31")
            #expect(after.members?.first { $0.volunteerID == b }?.to == nil)

            let overlap = try await app.send(.POST, "api/v1/teams/\(team.id)/members", json: ["volunteer_id": b.uuidString, "from": "2025-08-05"])
            #expect(overlap.status == .conflict)

            // A departed volunteer no longer counts for days after leaving.
            let batch = Batch(entries: [entry(team: team, date: "2025-08-12", volunteers: [a]), entry(team: team, date: "2025-07-20", volunteers: [a])])
            let result = try await app.send(.POST, "api/v1/support-entries/batch", json: batch).content.decode(SupportBatchResponse.self)
            #expect(result.results.map(\.status) == [.rejected, .created])
        }
    }

    @Test("team rules: mobile teams cover communes, home-support teams have a hotline", arguments: Engine.enabled)
    func teamRules(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let bad = try await app.send(.POST, "api/v1/teams", json: [
                "name": AnyEncodable("Đội lưu động"), "home_commune_code": AnyEncodable("00070"), "kind": AnyEncodable("mobile"),
                "active_from": AnyEncodable("2025-07-01"),
            ])
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.content.decode(APIErrorBody.self).error.fields.map(\.field) == ["covered_communes"])
            let noHotline = try await app.send(.POST, "api/v1/teams", json: [
                "name": "Đội hỗ trợ tại nhà", "home_commune_code": "00070", "kind": "home_support", "active_from": "2025-07-01",
            ])
            #expect(try noHotline.content.decode(APIErrorBody.self).error.fields.map(\.field) == ["hotline"])
            let unknown = try await app.send(.POST, "api/v1/teams", json: [
                "name": AnyEncodable("Đội lưu động"), "home_commune_code": AnyEncodable("00070"), "kind": AnyEncodable("mobile"),
                "active_from": AnyEncodable("2025-07-01"), "covered_communes": AnyEncodable(["00073", "99999"]),
            ])
            #expect(try unknown.content.decode(APIErrorBody.self).error.fields.map(\.field) == ["covered_communes[1]"])
            #expect(try await Team.query(on: app.db).count() == 0)

            let v = try await app.volunteer(phone: "0977000001")
            let mobile = try await app.team(kind: "mobile", members: [v], covered: ["00073"])
            #expect(mobile.coveredCommunes == ["00073"])
            var elsewhere = entry(team: mobile); elsewhere["commune_code"] = AnyEncodable("00073")
            let result = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [elsewhere]))
                .content.decode(SupportBatchResponse.self)
            #expect(result.results.map(\.status) == [.created])
            let listed = try await app.send(.GET, "api/v1/teams?commune=00073").content.decode(Paged<TeamDTO>.self)
            #expect(listed.items.map(\.id) == [mobile.id])
        }
    }
}
