import CauNoiCore
import Foundation

/// A national reinforcement proposal on a generated instance the size of the 2025 summer (issue 12's benchmark):
/// volunteers spread over every commune of the shipped coordinates, in teams of about 25 that must keep 5, and
/// requests in 500 communes. Writes a superset of the pairs the planner solved (each request's D cheapest candidates) as
/// CSV so `bench/proposals.py` can check the optimum with HiGHS.
public enum PlanBenchmark {
    public struct Result: Sendable {
        public var volunteers: Int
        public var needs: Int
        public var people: Int
        public var seconds: Double
        public var filled: Int
        public var totalCost: Int64
        public var candidatePairs: Int
        public var rounds: Int
    }

    public static func run(volunteers count: Int = 308_000, needs needCount: Int = 500, people: Int = 5_000,
                           seed: UInt64 = 2025, exportDirectory: String?) throws -> Result {
        var rng = SimulationRandom(seed: seed)
        let points = HelpLocations.locations.points
        let provinceOf = Dictionary(UnitDirectoryResource.directory.entries.map { ($0.unit.code, $0.provinceCode) }, uniquingKeysWith: { a, _ in a })
        let communes = points.map { ReinforcementPlanner.Commune(code: $0.code, provinceCode: provinceOf[$0.code] ?? "",
                                                                  latitude: $0.latitude, longitude: $0.longitude) }
        // The north-western mountains speak H'Mông and Thái, the Mekong delta Khmer: enough to make languages bind.
        func areaLanguages(_ c: ReinforcementPlanner.Commune) -> [Language] {
            if c.latitude > 20.8 && c.longitude < 105.2 { return [.hmong, .thai] }
            if c.latitude < 10.5 && c.longitude < 106.3 { return [.km] }
            return []
        }
        var teams: [Int] = []
        var people0: [ReinforcementPlanner.Volunteer] = []
        people0.reserveCapacity(count)
        var commune = 0
        while people0.count < count {
            let size = min(count - people0.count, Int.random(in: 15...35, using: &rng))
            let team = Int32(teams.count)
            teams.append(max(0, size - 5))
            let c = commune % communes.count
            let local = areaLanguages(communes[c])
            for _ in 0..<size {
                let home = Bool.random(using: &rng) ? c : Int.random(in: 0..<communes.count, using: &rng)
                var languages: [Language] = [.vi]
                if !local.isEmpty && Int.random(in: 0..<10, using: &rng) < 3 { languages.append(local.randomElement(using: &rng)!) }
                people0.append(.init(homeCommune: Int32(home), team: team, teamCommune: Int32(c), languages: LanguageSet(languages),
                                     techSkill: SkillLevel.allCases.randomElement(using: &rng)!,
                                     communicationSkill: SkillLevel.allCases.randomElement(using: &rng)!,
                                     hasMotorbike: Int.random(in: 0..<10, using: &rng) < 6,
                                     daysSinceMove: Int.random(in: 0..<10, using: &rng) < 2 ? Int.random(in: 0..<120, using: &rng) : nil,
                                     coursesCompleted: Int.random(in: 0...2, using: &rng)))
            }
            commune += 1
        }
        var targets = Array(communes.indices)
        targets.shuffle(using: &rng)
        var needs: [ReinforcementPlanner.Need] = []
        var left = people
        for (i, c) in targets.prefix(needCount).enumerated() {
            let size = i == needCount - 1 ? left : max(1, min(left - (needCount - 1 - i), Int.random(in: 2...18, using: &rng)))
            left -= size
            let local = areaLanguages(communes[c])
            needs.append(.init(commune: Int32(c), people: size, languages: LanguageSet(local.isEmpty ? [] : [local[0]]),
                               languagesRequired: !local.isEmpty && Bool.random(using: &rng),
                               skills: [.technology, .communication], skillsRequired: Int.random(in: 0..<4, using: &rng) == 0,
                               motorbikeRequired: Int.random(in: 0..<3, using: &rng) == 0))
        }
        let planner = ReinforcementPlanner(communes: communes, volunteers: people0, teamSpare: teams)
        let started = ContinuousClock.now
        let plan = planner.plan(needs)
        let elapsed = ContinuousClock.now - started
        if let exportDirectory { try export(planner, needs, to: exportDirectory) }
        return Result(volunteers: people0.count, needs: needs.count, people: people, seconds: elapsed.seconds,
                      filled: plan.moves.count, totalCost: plan.totalCost, candidatePairs: plan.candidatePairs, rounds: plan.rounds)
    }

    /// `needs.csv` (need,people), `teams.csv` (team,spare), `edges.csv` (need,volunteer,team,cost).
    static func export(_ planner: ReinforcementPlanner, _ needs: [ReinforcementPlanner.Need], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: directory)
        try (["need,people"] + needs.enumerated().map { "\($0.offset),\($0.element.people)" }).joined(separator: "\n")
            .write(to: url.appendingPathComponent("needs.csv"), atomically: true, encoding: .utf8)
        try (["team,spare"] + planner.teamSpare.enumerated().map { "\($0.offset),\($0.element)" }).joined(separator: "\n")
            .write(to: url.appendingPathComponent("teams.csv"), atomically: true, encoding: .utf8)
        var edges = "need,volunteer,team,cost\n"
        // A superset of what the planner solved: every need's D cheapest candidates (D = all places asked for), so the LP
        // answers over far more than the certified lists, and must still find the same optimum.
        let demand = needs.reduce(0) { $0 + $1.people }
        for (n, list) in planner.candidateLists(needs, keep: needs.map { _ in demand }).enumerated() {
            for item in list.items { edges += "\(n),\(item.volunteer),\(planner.volunteers[Int(item.volunteer)].team),\(item.cost)\n" }
        }
        try edges.write(to: url.appendingPathComponent("edges.csv"), atomically: true, encoding: .utf8)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
