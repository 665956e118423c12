import CauNoiCore
import CauNoiSheets
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Rollups against an independent computation")
struct RollupTests {
    struct Posted {
        var team: UUID
        var commune: String
        var province: String
        var date: LocalDate
        var volunteers: [UUID]
        var counts: [String: Int]
        var elderly: Int
        var place: String
    }

    /// Figures computed in plain Swift from what was posted.
    static func expected(_ entries: [Posted], in range: DateRange, where include: (Posted) -> Bool,
                         trained: Set<UUID>, communes: Set<String>, edge: Set<String>) -> RollupFigures {
        let picked = entries.filter { range.contains($0.date) && include($0) }
        var categories: [String: Int] = [:]
        var places: [String: Int] = [:]
        var elderly = 0
        for e in picked {
            for (k, v) in e.counts { categories[k, default: 0] += v }
            places[e.place, default: 0] += e.counts.values.reduce(0, +)
            elderly += e.elderly
        }
        let people = Set(picked.flatMap(\.volunteers))
        let covered = Set(picked.map(\.commune))
        return RollupFigures(
            teamsMaintained: Set(picked.map(\.team)).count, volunteersActive: people.count,
            supports: picked.reduce(0) { $0 + $1.counts.values.reduce(0, +) }, supportsByCategory: categories,
            supportsByGroup: elderly > 0 ? ["elderly": elderly] : [:], supportsByPlace: places,
            communesCovered: covered.count, communesInScope: communes.count,
            borderIslandCovered: covered.intersection(edge).count, borderIslandInScope: communes.intersection(edge).count,
            trainedActive: people.intersection(trained).count)
    }

    @Test("every figure matches, incl. a volunteer in two teams and a Thursday–Wednesday range", arguments: Engine.enabled)
    func figuresMatch(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            var rng = SimulationRandom(seed: 42)
            // Hà Nội: 00070 (marked border) and 00073; Hồ Chí Minh: 26506.
            _ = try await app.send(.PATCH, "api/v1/org-units/00070", json: ["is_border": true])
            let communes = [("00070", "01"), ("00073", "01"), ("26506", "79")]
            var people: [String: [UUID]] = [:]
            var trained = Set<UUID>()
            var phone = 910_000_000
            for (commune, _) in communes {
                for i in 0..<4 {
                    phone += 1
                    let id = try await app.volunteer("TNV \(commune) \(i)", phone: "0\(phone)", commune: commune)
                    people[commune, default: []].append(id)
                    if i % 2 == 0 {
                        for course in ["binh_dan_hoc_vu_so", "tnv_chinh_quyen_2_cap"] where !(i == 2 && course == "tnv_chinh_quyen_2_cap") {
                            let r = try await app.send(.POST, "api/v1/volunteers/\(id)/courses", json: ["course_code": course, "completed_on": "2025-07-02"])
                            #expect(r.status == .created)
                        }
                        if i == 0 { trained.insert(id) }
                    }
                }
            }
            var teams: [(TeamDTO, String, String)] = []
            for (commune, province) in communes {
                teams.append((try await app.team(commune: commune, members: people[commune]!), commune, province))
            }
            // The same volunteer serves in a second team of the same commune.
            let shared = people["00070"]![0]
            let second = try await app.team(commune: "00070", kind: "community_digital", members: [shared, people["00070"]![1]])
            teams.append((second, "00070", "01"))

            var posted: [Posted] = []
            var batch: [[String: AnyEncodable]] = []
            let categories = ["vneid", "ho_so", "thanh_toan", "ky_nang_so"]
            for day in 0..<18 {  // up to 14/08, the day before the fixed clock
                let date = LocalDate(iso: "2025-07-28")!.adding(days: day)
                for (team, commune, province) in teams where Int.random(in: 0..<3, using: &rng) > 0 {
                    let members = team.members!.map(\.volunteerID)
                    let who = members.filter { _ in Bool.random(using: &rng) }
                    var counts: [String: Int] = [:]
                    for c in categories where Bool.random(using: &rng) { counts[c] = Int.random(in: 1...40, using: &rng) }
                    if counts.isEmpty { counts["vneid"] = 1 }
                    let total = counts.values.reduce(0, +)
                    let elderly = Int.random(in: 0...total, using: &rng)
                    let place = ["service_centre", "home", "village"].randomElement(using: &rng)!
                    posted.append(Posted(team: team.id, commune: commune, province: province, date: date, volunteers: who,
                                         counts: counts, elderly: elderly, place: place))
                    var e = entry(team: team, date: date.iso, volunteers: who, counts: counts)
                    e["beneficiaries"] = AnyEncodable(elderly > 0 ? ["elderly": elderly] : [:])
                    e["place"] = AnyEncodable(place)
                    batch.append(e)
                }
            }
            let stored = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: batch)).content.decode(SupportBatchResponse.self)
            #expect(stored.summary.created == posted.count)

            // Correct one entry of week 32: the rollups must count only the new version.
            let w32 = ISOWeek(string: "2025-W32")!.range
            let fixIndex = try #require(posted.firstIndex { w32.contains($0.date) })
            let fixID = try #require(UUID(uuidString: (batch[fixIndex]["id"]!.value as? String) ?? ""))
            var fix = entry(team: teams.first { $0.0.id == posted[fixIndex].team }!.0, date: posted[fixIndex].date.iso,
                            volunteers: posted[fixIndex].volunteers, counts: ["tra_cuu": 5])
            fix["correction_id"] = AnyEncodable(UUID().uuidString)
            fix["base_version"] = AnyEncodable(1)
            fix["commune_code"] = AnyEncodable(posted[fixIndex].commune)
            fix["beneficiaries"] = AnyEncodable([String: Int]())
            fix["place"] = AnyEncodable(posted[fixIndex].place)
            fix["id"] = nil
            let corrected = try await app.send(.POST, "api/v1/support-entries/\(fixID)/corrections", json: fix)
            #expect(corrected.status == .created, "\(corrected.body.string)")
            posted[fixIndex].counts = ["tra_cuu": 5]
            posted[fixIndex].elderly = 0

            let edge = Set(try await OrgUnit.query(on: app.db).group(.or) { $0.filter(\.$isBorder == true).filter(\.$isIsland == true) }
                .all().compactMap(\.id))
            let week = ISOWeek(string: "2025-W32")!
            let thuToWed = DateRange(from: LocalDate(iso: "2025-08-07")!, to: LocalDate(iso: "2025-08-13")!)!
            let hanoiCommunes = Set(try await OrgUnit.query(on: app.db).filter(\.$parentCode == "01").all().compactMap(\.id))
            let allCommunes = Set(try await OrgUnit.query(on: app.db).filter(\.$level == "commune").all().compactMap(\.id))
            let cases: [(String, String, (Posted) -> Bool, Set<String>)] = [
                ("VN", "week=\(week.string)", { _ in true }, allCommunes),
                ("01", "from=2025-08-07&to=2025-08-13", { $0.province == "01" }, hanoiCommunes),
                ("00070", "week=\(week.string)", { $0.commune == "00070" }, ["00070"]),
                (second.id.uuidString, "from=2025-08-07&to=2025-08-13", { $0.team == second.id }, ["00070"]),
            ]
            for (unit, period, include, scope) in cases {
                let range = period.hasPrefix("week") ? week.range : thuToWed
                let report = try await app.send(.GET, "api/v1/reports/rollup?unit=\(unit)&\(period)").content.decode(RollupReport.self)
                let want = Self.expected(posted, in: range, where: include, trained: trained, communes: scope, edge: edge)
                #expect(report.current.figures == want, "\(unit) \(period)")
                let before = Self.expected(posted, in: range.previous(), where: include, trained: trained, communes: scope, edge: edge)
                #expect(report.previous.figures == before, "\(unit) previous")
                #expect(report.change == .between(previous: before, current: want))
                let since = DateRange(from: LocalDate(iso: "2025-07-01")!, to: range.to)!
                #expect(report.cumulative.figures == Self.expected(posted, in: since, where: include, trained: trained, communes: scope, edge: edge))
            }
            // Children: per-province figures; the shared volunteer is counted once nationally but in each of their teams.
            let national = try await app.send(.GET, "api/v1/reports/rollup?unit=VN&week=\(week.string)").content.decode(RollupReport.self)
            #expect(national.children.count == 34)
            let hanoi = try #require(national.children.first { $0.unit.code == "01" })
            #expect(hanoi.current.figures == Self.expected(posted, in: week.range, where: { $0.province == "01" }, trained: trained,
                                                           communes: hanoiCommunes, edge: edge))
            let commune = try await app.send(.GET, "api/v1/reports/rollup?unit=00070&week=\(week.string)").content.decode(RollupReport.self)
            let perTeam = commune.children.map(\.current.figures.volunteersActive).reduce(0, +)
            #expect(perTeam >= commune.current.figures.volunteersActive)
            #expect(commune.summary.hasPrefix("Từ ngày 04/8 đến 10/8, Phường Hoàn Kiếm duy trì"))

            let csv = try await app.send(.GET, "api/v1/reports/rollup.csv?unit=01&week=\(week.string)")
            #expect(csv.body.string.hasPrefix("\u{FEFF}Mã,Đơn vị"))
            #expect(csv.body.string.contains("Phường Hoàn Kiếm"))
            let xlsx = try await app.send(.GET, "api/v1/reports/rollup.xlsx?unit=01&week=\(week.string)")
            let sheet = try XLSXReader.rows(Data(xlsx.body.readableBytesView))
            #expect(sheet.first?.first == "Mã")
            #expect(sheet.contains { $0.count > 1 && $0[1] == "Phường Hoàn Kiếm" })
        }
    }

    @Test("rollups are scoped and validate their period", arguments: [Engine.sqlite])
    func scoping(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            #expect(try await app.send(.GET, "api/v1/reports/rollup?unit=01&week=2025-W32", token: province).status == .ok)
            #expect(try await app.send(.GET, "api/v1/reports/rollup?unit=79&week=2025-W32", token: province).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/reports/rollup?unit=VN&week=2025-W32", token: province).status == .forbidden)
            let observer = try await app.token(for: RoleAssignment(role: .observer, unitCode: "VN"))
            #expect(try await app.send(.GET, "api/v1/reports/rollup?unit=VN&week=2025-W32", token: observer).status == .ok)
            let bad = try await app.send(.GET, "api/v1/reports/rollup?unit=VN&week=2025-32")
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.content.decode(APIErrorBody.self).error.fields.first?.field == "week")
            #expect(try await app.send(.GET, "api/v1/reports/rollup?unit=VN").status == .unprocessableEntity)
            #expect(try await app.send(.GET, "api/v1/reports/rollup?unit=VN&week=2025-W32", token: "").status == .unauthorized)
        }
    }
}
