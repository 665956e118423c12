import CauNoiCore
import XCTest

final class ReinforcementPlannerTests: XCTestCase {
    typealias Planner = ReinforcementPlanner

    /// Communes on a small grid in the north, two provinces.
    static func communes(_ n: Int) -> [Planner.Commune] {
        (0..<n).map { (i: Int) -> Planner.Commune in
            let row = Double(i / 3), column = Double(i % 3)
            let province = i < n / 2 ? "11" : "12"
            return Planner.Commune(code: "c\(i)", provinceCode: province, latitude: 21.0 + row * 0.1, longitude: 105.0 + column * 0.1)
        }
    }

    /// The optimum over every eligible pair, without the planner's cut of the candidate lists.
    static func unprunedOptimum(_ planner: Planner, _ needs: [Planner.Need]) -> (filled: Int, cost: Int64) {
        let edges = needs.map { need in
            planner.volunteers.indices.filter { planner.isEligible(planner.volunteers[$0], for: need) }.map { i in
                MinCostAssignment.Edge(column: Int32(i), cost: planner.cost(planner.volunteers[i], for: need,
                    metres: planner.metres(from: planner.volunteers[i].homeCommune, to: need.commune)))
            }
        }
        return MinCostAssignmentTests.bruteForce(.init(demands: needs.map(\.people), edges: edges,
            columnGroup: planner.volunteers.map(\.team), groupCapacity: planner.teamSpare))
    }

    func testTheCutCandidateListsKeepTheOptimum() {
        var rng = SeededRandom(state: 7)
        let communes = Self.communes(9)
        var grew = 0
        defer { XCTAssertGreaterThan(grew, 20, "the certificate was rarely exercised") }
        for round in 0..<300 {
            let teams = Int.random(in: 1...3, using: &rng)
            let volunteers = (0..<Int.random(in: 2...8, using: &rng)).map { _ in
                let team = Int32(Int.random(in: -1..<teams, using: &rng))
                return Planner.Volunteer(
                    homeCommune: Int32(Int.random(in: 0..<9, using: &rng)), team: team,
                    teamCommune: team < 0 ? -1 : Int32(team),
                    languages: LanguageSet(Bool.random(using: &rng) ? [.hmong] : [.vi]),
                    techSkill: SkillLevel.allCases.randomElement(using: &rng)!,
                    hasMotorbike: Bool.random(using: &rng),
                    daysSinceMove: Bool.random(using: &rng) ? Int.random(in: 0...120, using: &rng) : nil)
            }
            let planner = Planner(communes: communes, volunteers: volunteers,
                                  teamSpare: (0..<teams).map { _ in Int.random(in: 0...2, using: &rng) })
            let needs = (0..<Int.random(in: 1...2, using: &rng)).map { _ in
                Planner.Need(commune: Int32(Int.random(in: 0..<9, using: &rng)), people: Int.random(in: 1...2, using: &rng),
                             languages: LanguageSet(Bool.random(using: &rng) ? [.hmong] : []), languagesRequired: Bool.random(using: &rng),
                             skills: [.technology], skillsRequired: Bool.random(using: &rng),
                             motorbikeRequired: Bool.random(using: &rng))
            }
            let expected = Self.unprunedOptimum(planner, needs)
            // Lists of one candidate force the certificate to grow them; lists of 32 solve at once.
            for firstKeep in [1, 32] {
                let plan = planner.plan(needs, firstKeep: { _ in firstKeep })
                XCTAssertEqual(plan.moves.count, expected.filled, "round \(round), first lists of \(firstKeep)")
                XCTAssertEqual(plan.totalCost, expected.cost, "round \(round), first lists of \(firstKeep)")
                assertHardRules(plan, planner, needs, round: round)
                if firstKeep == 1 { grew += plan.rounds > 1 ? 1 : 0 }
            }
        }
    }

    func assertHardRules(_ plan: Planner.Plan, _ planner: Planner, _ needs: [Planner.Need], round: Int) {
        var moved = Set<Int>(), perNeed = Array(repeating: 0, count: needs.count), perTeam: [Int32: Int] = [:]
        for m in plan.moves {
            XCTAssertTrue(moved.insert(m.volunteer).inserted, "round \(round): moved twice")
            let v = planner.volunteers[m.volunteer], need = needs[m.need]
            XCTAssertTrue(planner.isEligible(v, for: need), "round \(round): hard requirement broken")
            if need.motorbikeRequired { XCTAssertTrue(v.hasMotorbike) }
            if need.languagesRequired { XCTAssertTrue(need.languages.isSubset(of: v.languages)) }
            perNeed[m.need] += 1
            if v.team >= 0 { perTeam[v.team, default: 0] += 1 }
        }
        for (i, need) in needs.enumerated() {
            XCTAssertLessThanOrEqual(perNeed[i], need.people)
            XCTAssertEqual(plan.unfilled[i], need.people - perNeed[i])
        }
        for (team, n) in perTeam { XCTAssertLessThanOrEqual(n, planner.teamSpare[Int(team)], "round \(round): team below its minimum") }
    }

    func testAMongSpeakerWithAMotorbikeIsProposedAndExplained() {
        let communes = Self.communes(9)
        let volunteers = [
            Planner.Volunteer(homeCommune: 0, team: 0, teamCommune: 0, languages: LanguageSet([.vi]), techSkill: .advanced, hasMotorbike: true),
            Planner.Volunteer(homeCommune: 7, team: 0, teamCommune: 0, languages: LanguageSet([.vi, .hmong]), techSkill: .intermediate,
                              hasMotorbike: true, coursesCompleted: 2),
            Planner.Volunteer(homeCommune: 1, team: -1, teamCommune: -1, languages: LanguageSet([.vi, .hmong]), hasMotorbike: false),
        ]
        let planner = Planner(communes: communes, volunteers: volunteers, teamSpare: [2])
        let plan = planner.plan([Planner.Need(commune: 2, people: 2, languages: LanguageSet([.hmong]), languagesRequired: true, motorbikeRequired: true)])
        XCTAssertEqual(plan.moves.map(\.volunteer), [1], "only one volunteer speaks H'Mông and has a motorbike")
        XCTAssertEqual(plan.unfilled, [1])
        let text = plan.moves[0].reasons.map(\.vietnamese).joined(separator: ", ")
        XCTAssertTrue(text.hasPrefix("nói tiếng H'Mông, có xe máy"), text)
        XCTAssertTrue(text.contains("đã hoàn thành 2 khóa học"), text)
    }

    func testNeverTakesATeamBelowItsMinimumAndSkipsItsOwnCommune() {
        let communes = Self.communes(6)
        let volunteers = (0..<4).map { _ in Planner.Volunteer(homeCommune: 1, team: 0, teamCommune: 1) }
            + [Planner.Volunteer(homeCommune: 2, team: 1, teamCommune: 2)]
        let planner = Planner(communes: communes, volunteers: volunteers, teamSpare: [1, 3])
        let plan = planner.plan([Planner.Need(commune: 0, people: 5), Planner.Need(commune: 2, people: 1)])
        XCTAssertEqual(plan.moves.filter { $0.need == 0 }.count, 2, "one from the team that spares one, one from the other")
        XCTAssertFalse(plan.moves.contains { $0.need == 1 && $0.volunteer == 4 }, "a volunteer already serving there is not moved there")
    }

    func testRecentMovesCostMore() {
        let communes = Self.communes(6)
        let volunteers = [Planner.Volunteer(homeCommune: 1, daysSinceMove: 5), Planner.Volunteer(homeCommune: 4, daysSinceMove: 200)]
        let plan = Planner(communes: communes, volunteers: volunteers, teamSpare: []).plan([Planner.Need(commune: 0, people: 1)])
        XCTAssertEqual(plan.moves.map(\.volunteer), [1], "the one moved five days ago is spared although nearer")
    }

    func testARequiredCompetencyLevelLimitsWhoMayGo() {
        let communes = Self.communes(6)
        let volunteers = [Planner.Volunteer(homeCommune: 1), Planner.Volunteer(homeCommune: 4), Planner.Volunteer(homeCommune: 5)]
        let planner = Planner(communes: communes, volunteers: volunteers, teamSpare: [])
        var need = Planner.Need(commune: 0, people: 2)
        need.onlyFrom = [2]
        let plan = planner.plan([need])
        XCTAssertEqual(plan.moves.map(\.volunteer), [2], "only the one holding the level, although farther")
        XCTAssertEqual(plan.unfilled, [1], "the second place stays open rather than sending someone without it")
    }
}

final class RotationPreferenceTests: XCTestCase {
    func testTheLocalForceComesFirstForARotation() {
        let communes = ReinforcementPlannerTests.communes(6)
        let student = ReinforcementPlanner.Volunteer(homeCommune: 0)
        let local = ReinforcementPlanner.Volunteer(homeCommune: 4, isLocalForce: true)
        let planner = ReinforcementPlanner(communes: communes, volunteers: [student, local], teamSpare: [])
        var need = ReinforcementPlanner.Need(commune: 0, people: 1)
        XCTAssertEqual(planner.plan([need]).moves.map(\.volunteer), [0], "without the preference the nearest goes")
        need.preferLocalForce = true
        let plan = planner.plan([need])
        XCTAssertEqual(plan.moves.map(\.volunteer), [1])
        XCTAssertEqual(plan.moves[0].reasons.first, .localForce)
    }
}

final class PlanCertificateTests: XCTestCase {
    /// Communes on one line, `x` hundredths of a degree east of each other (about 1 km each).
    static func line(_ xs: [Double]) -> [ReinforcementPlanner.Commune] {
        xs.enumerated().map { .init(code: "c\($0.offset)", provinceCode: "11", latitude: 21.0, longitude: 105.0 + $0.element * 0.01) }
    }

    /// B's one-candidate list holds only v1, which A would also take; everyone is placed, so only the reduced-cost check
    /// sees that B's left-out v3 makes a cheaper whole: A takes v1 and v2, B takes v3.
    func testTheReducedCostCheckGrowsAListThatLooksFull() {
        // Communes: A at 0, B at 3, v1 at 2, v3 at 5, v2 at -40, v4 at -45.
        let communes = Self.line([0, 3, 2, 5, -40, -45])
        let volunteers = [2, 3, 4, 5].map { ReinforcementPlanner.Volunteer(homeCommune: Int32($0)) }
        let planner = ReinforcementPlanner(communes: communes, volunteers: volunteers, teamSpare: [])
        let needs = [ReinforcementPlanner.Need(commune: 0, people: 2), ReinforcementPlanner.Need(commune: 1, people: 1)]
        let expected = ReinforcementPlannerTests.unprunedOptimum(planner, needs)
        let plan = planner.plan(needs, firstKeep: { $0 == 2 ? 3 : 1 })
        XCTAssertEqual(plan.moves.count, 3)
        XCTAssertEqual(plan.totalCost, expected.cost)
        XCTAssertGreaterThan(plan.rounds, 1, "the first lists were certified although a cheaper whole existed")
        XCTAssertEqual(plan.moves.filter { $0.need == 1 }.map(\.volunteer), [1], "B takes v3")
    }
}
