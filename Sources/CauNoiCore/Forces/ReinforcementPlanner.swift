import Dispatch

/// Proposes which volunteers to move to which reinforcement requests: the exact optimum of a stated cost (distance,
/// missing soft requirements, recent moves) subject to each volunteer moving at most once, each request getting at
/// most what it asked, hard requirements met and no team left below its minimum.
///
/// Each request starts from a short list of its cheapest candidates (four per place, at least 32), and the result is
/// certified against everyone left out, by the solver's dual potentials: a left-out candidate of request r costs at
/// least the last listed one, so if that cost plus r's potential is not negative, no left-out edge has a negative
/// reduced cost (the assignment is the cheapest for its size); and if some place stays unfilled, every cut list must
/// still hold someone free, or a left-out candidate could fill it. A list that fails either check grows fourfold and
/// the instance is solved again; a list holding every eligible candidate needs no check, so this ends.
public struct ReinforcementPlanner: Sendable {
    public struct Commune: Sendable {
        public var code: String
        public var provinceCode: String
        public var latitude: Double
        public var longitude: Double
        public init(code: String, provinceCode: String, latitude: Double, longitude: Double) {
            self.code = code; self.provinceCode = provinceCode; self.latitude = latitude; self.longitude = longitude
        }
    }

    public struct Volunteer: Sendable {
        /// Index into `communes`.
        public var homeCommune: Int32
        /// Index into `teams`, or -1 when the volunteer is in no team now.
        public var team: Int32
        /// The commune of the current team (index), or -1.
        public var teamCommune: Int32
        public var languages: LanguageSet
        public var techSkill: SkillLevel
        public var communicationSkill: SkillLevel
        public var hasMotorbike: Bool
        /// Days since the volunteer last moved to a new team; nil when never moved.
        public var daysSinceMove: Int?
        public var coursesCompleted: Int
        /// Local force ("lực lượng tại chỗ"): preferred when students leave (`Costs.notLocal` for the others).
        public var isLocalForce: Bool
        public init(homeCommune: Int32, team: Int32 = -1, teamCommune: Int32 = -1, languages: LanguageSet = [],
                    techSkill: SkillLevel = .basic, communicationSkill: SkillLevel = .basic, hasMotorbike: Bool = false,
                    daysSinceMove: Int? = nil, coursesCompleted: Int = 0, isLocalForce: Bool = false) {
            self.isLocalForce = isLocalForce
            self.homeCommune = homeCommune; self.team = team; self.teamCommune = teamCommune; self.languages = languages
            self.techSkill = techSkill; self.communicationSkill = communicationSkill; self.hasMotorbike = hasMotorbike
            self.daysSinceMove = daysSinceMove; self.coursesCompleted = coursesCompleted
        }
    }

    public struct Need: Sendable {
        /// Index into `communes`.
        public var commune: Int32
        public var people: Int
        public var languages: LanguageSet
        /// Hard: only speakers of every listed language; soft: each missing language costs `missingLanguage`.
        public var languagesRequired: Bool
        public var skills: Set<ForceSkill>
        public var skillsRequired: Bool
        public var motorbikeRequired: Bool
        /// A rotation's replacement: someone of the local force first (others cost `Costs.notLocal` more).
        public var preferLocalForce = false
        /// Volunteers (indices) never to propose for this need: they declined it, or an admin turned them down.
        public var excluded: Set<Int32>
        /// When set, only these volunteers (indices) may fill the need: those holding a required competency level.
        public var onlyFrom: Set<Int32>? = nil
        public init(commune: Int32, people: Int, languages: LanguageSet = [], languagesRequired: Bool = false,
                    skills: Set<ForceSkill> = [], skillsRequired: Bool = false, motorbikeRequired: Bool = false,
                    excluded: Set<Int32> = []) {
            self.commune = commune; self.people = people; self.languages = languages; self.languagesRequired = languagesRequired
            self.skills = skills; self.skillsRequired = skillsRequired; self.motorbikeRequired = motorbikeRequired
            self.excluded = excluded
        }
    }

    /// The cost of one move, in metres of travel so that every term reads as "as bad as travelling this far".
    public struct Costs: Sendable {
        public var missingLanguage: Int64 = 50_000
        public var missingSkill: Int64 = 30_000
        /// Rotation fairness: someone moved in the last 30 days costs this much more, in the last 90 days `movedLately`.
        public var movedRecently: Int64 = 40_000
        public var movedLately: Int64 = 15_000
        /// For a need that prefers the local force: anyone else (a student who also leaves, a reinforcement) costs this more.
        public var notLocal: Int64 = 30_000
        public init() {}
    }

    public struct Move: Sendable, Hashable {
        public var need: Int
        public var volunteer: Int
        public var cost: Int64
        public var kilometres: Double
        public var reasons: [MoveReason]
    }

    public struct Plan: Sendable {
        public var moves: [Move]
        /// Places that no eligible volunteer could fill, per need.
        public var unfilled: [Int]
        public var totalCost: Int64
        /// Candidates in the final (certified) lists, for the record.
        public var candidatePairs: Int
        /// How many times the lists were solved before the result was certified.
        public var rounds: Int
    }

    public let communes: [Commune]
    public let volunteers: [Volunteer]
    /// Per team, how many members it can give away without going below its minimum.
    public let teamSpare: [Int]
    public let costs: Costs

    public init(communes: [Commune], volunteers: [Volunteer], teamSpare: [Int], costs: Costs = Costs()) {
        self.communes = communes; self.volunteers = volunteers; self.teamSpare = teamSpare; self.costs = costs
    }

    /// Whether a volunteer may fill a need at all.
    public func isEligible(_ v: Volunteer, for need: Need) -> Bool {
        if v.teamCommune == need.commune { return false }
        if v.team >= 0 && teamSpare[Int(v.team)] <= 0 { return false }
        if need.motorbikeRequired && !v.hasMotorbike { return false }
        if need.languagesRequired && !need.languages.isSubset(of: v.languages) { return false }
        if need.skillsRequired && !need.skills.allSatisfy({ $0.isMet(by: v) }) { return false }
        return true
    }

    /// Cost in metres-equivalent of moving `v` to `need`, given the distance in metres.
    public func cost(_ v: Volunteer, for need: Need, metres: Int64) -> Int64 {
        var total = metres
        if !need.languagesRequired { total += Int64(need.languages.subtracting(v.languages).count) * costs.missingLanguage }
        if !need.skillsRequired { total += Int64(need.skills.filter { !$0.isMet(by: v) }.count) * costs.missingSkill }
        if let days = v.daysSinceMove {
            if days < 30 { total += costs.movedRecently } else if days < 90 { total += costs.movedLately }
        }
        if need.preferLocalForce && !v.isLocalForce { total += costs.notLocal }
        return total
    }

    public func metres(from a: Int32, to b: Int32) -> Int64 {
        let x = communes[Int(a)], y = communes[Int(b)]
        return Int64((CommuneLocations.distance(x.latitude, x.longitude, y.latitude, y.longitude) * 1000).rounded())
    }

    /// - Parameter firstKeep: the first list length for a need of `people` places (tests start it at 1 to make the
    ///   certificate work).
    public func plan(_ needs: [Need], firstKeep: (Int) -> Int = { max(4 * $0, 32) }) -> Plan {
        precondition(volunteers.count < 1 << 24, "volunteer indices are packed in 24 bits")
        let byCommune = volunteersByCommune()
        var keep = needs.map { max(1, firstKeep(max(0, $0.people))) }
        var rounds = 0
        while true {
            rounds += 1
            let lists = candidateLists(needs, keep: keep, byCommune: byCommune)
            let (solution, columnVolunteer, edges) = solve(needs, lists.map(\.items))
            let unfilled = solution.filled.enumerated().contains { $0.element < max(0, needs[$0.offset].people) }
            var grow: [Int] = []
            for (r, list) in lists.enumerated() where list.truncated {
                guard let last = list.items.last else { continue }
                let reducedCostsHold = last.cost + solution.rowPotentials[r] >= 0
                let someoneFree = !unfilled || edges[r].contains { solution.columnAvailable[Int($0.column)] }
                if !(reducedCostsHold && someoneFree) { grow.append(r) }
            }
            if grow.isEmpty {
                let moves = solution.matches.map { m -> Move in
                    let vIndex = Int(columnVolunteer[m.column])
                    let v = volunteers[vIndex], need = needs[m.row]
                    let metres = metres(from: v.homeCommune, to: need.commune)
                    return Move(need: m.row, volunteer: vIndex, cost: m.cost, kilometres: Double(metres) / 1000,
                                reasons: reasons(v, for: need, metres: metres))
                }
                return Plan(moves: moves, unfilled: zip(needs, solution.filled).map { max(0, $0.people) - $1 },
                            totalCost: solution.totalCost, candidatePairs: edges.reduce(0) { $0 + $1.count }, rounds: rounds)
            }
            for r in grow { keep[r] = keep[r] * 4 }
        }
    }

    /// Solver columns are the volunteers that appear in any list.
    private func solve(_ needs: [Need], _ lists: [[(cost: Int64, volunteer: Int32)]])
        -> (MinCostAssignment.Solution, [Int32], [[MinCostAssignment.Edge]]) {
        var column: [Int32: Int32] = [:]
        var columnVolunteer: [Int32] = []
        var edges: [[MinCostAssignment.Edge]] = []
        for list in lists {
            edges.append(list.map { item in
                let c: Int32
                if let known = column[item.volunteer] { c = known } else {
                    c = Int32(columnVolunteer.count); column[item.volunteer] = c; columnVolunteer.append(item.volunteer)
                }
                return .init(column: c, cost: item.cost)
            })
        }
        let solution = MinCostAssignment.solve(.init(
            demands: needs.map { max(0, $0.people) }, edges: edges,
            columnGroup: columnVolunteer.map { volunteers[Int($0)].team }, groupCapacity: teamSpare))
        return (solution, columnVolunteer, edges)
    }

    /// Why a move is proposed, in the order a person reads it.
    public func reasons(_ v: Volunteer, for need: Need, metres: Int64) -> [MoveReason] {
        var out: [MoveReason] = []
        for language in Language.allCases where need.languages.contains(language) {
            out.append(v.languages.contains(language) ? .speaks(language) : .missingLanguage(language))
        }
        for skill in ForceSkill.allCases where need.skills.contains(skill) {
            out.append(skill.isMet(by: v) ? .skilled(skill, skill.level(of: v)) : .missingSkill(skill))
        }
        if need.preferLocalForce && v.isLocalForce { out.append(.localForce) }
        if v.hasMotorbike { out.append(.hasMotorbike) }
        let home = communes[Int(v.homeCommune)], target = communes[Int(need.commune)]
        if v.homeCommune == need.commune { out.append(.livesThere) }
        else {
            if home.provinceCode == target.provinceCode { out.append(.sameProvince) }
            out.append(.distance(kilometres: Double(metres) / 1000))
        }
        if v.coursesCompleted > 0 { out.append(.courses(v.coursesCompleted)) }
        if let days = v.daysSinceMove, days < 90 { out.append(.movedRecently(days: days)) }
        return out
    }

    // MARK: - Candidate lists

    /// Each need's `keep` cheapest eligible candidates, cheapest first, and whether anyone eligible was left out.
    public func candidateLists(_ needs: [Need], keep: [Int]) -> [(items: [(cost: Int64, volunteer: Int32)], truncated: Bool)] {
        candidateLists(needs, keep: keep, byCommune: volunteersByCommune())
    }

    private func candidateLists(_ needs: [Need], keep: [Int], byCommune: (start: [Int], members: [Int32], withVolunteers: [Int32]))
        -> [(items: [(cost: Int64, volunteer: Int32)], truncated: Bool)] {
        // Needs are independent: build their lists on every core.
        var lists = [(items: [(cost: Int64, volunteer: Int32)], truncated: Bool)](repeating: ([], false), count: needs.count)
        lists.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let buffer = out
            DispatchQueue.concurrentPerform(iterations: needs.count) { i in
                buffer[i] = candidates(for: needs[i], keep: keep[i], byCommune: byCommune)
            }
        }
        return lists
    }

    private func volunteersByCommune() -> (start: [Int], members: [Int32], withVolunteers: [Int32]) {
        var start = Array(repeating: 0, count: communes.count + 1)
        for v in volunteers { start[Int(v.homeCommune) + 1] += 1 }
        for i in 0..<communes.count { start[i + 1] += start[i] }
        var members = Array(repeating: Int32(0), count: volunteers.count)
        var fill = start
        for (i, v) in volunteers.enumerated() {
            members[fill[Int(v.homeCommune)]] = Int32(i); fill[Int(v.homeCommune)] += 1
        }
        let nonEmpty = (0..<communes.count).filter { start[$0 + 1] > start[$0] }.map(Int32.init)
        return (start, members, nonEmpty)
    }

    /// The `keep` cheapest eligible candidates of one need, cheapest first, and whether anyone eligible was left out.
    private func candidates(for need: Need, keep: Int, byCommune: (start: [Int], members: [Int32], withVolunteers: [Int32]))
        -> (items: [(cost: Int64, volunteer: Int32)], truncated: Bool) {
        guard need.people > 0 else { return ([], false) }
        // Nearest communes first: every cost is at least the distance, so once the list is full the walk stops at the
        // first commune farther away than the last kept cost.
        let order = byCommune.withVolunteers.map { (metres(from: $0, to: need.commune), $0) }.sorted { $0 < $1 }
        // (cost << 24 | volunteer) sorts by cost then volunteer as one integer.
        var gathered: [UInt64] = []
        var threshold = Int64.max
        var stoppedEarly = false, trimmed = false
        for (metres, commune) in order {
            if metres > threshold { stoppedEarly = true; break }
            for i in byCommune.start[Int(commune)]..<byCommune.start[Int(commune) + 1] {
                let index = byCommune.members[i]
                let v = volunteers[Int(index)]
                guard isEligible(v, for: need), need.excluded.isEmpty || !need.excluded.contains(index),
                      need.onlyFrom?.contains(index) ?? true else { continue }
                gathered.append(UInt64(cost(v, for: need, metres: metres)) << 24 | UInt64(index))
            }
            if gathered.count >= keep * 2 {
                // Keep the cheapest `keep` so far; anyone farther than the last of them cannot come before it.
                gathered.sort()
                gathered.removeLast(gathered.count - keep)
                trimmed = true
                threshold = Int64(gathered[keep - 1] >> 24)
            }
        }
        gathered.sort()
        let truncated = stoppedEarly || trimmed || gathered.count > keep
        if gathered.count > keep { gathered.removeLast(gathered.count - keep) }
        return (gathered.map { (Int64($0 >> 24), Int32(truncatingIfNeeded: $0 & 0xFF_FFFF)) }, truncated)
    }
}

/// A skill a reinforcement may ask for; met at "Khá" (intermediate) or better.
public enum ForceSkill: String, CaseIterable, Codable, Sendable {
    case technology, communication

    public var vietnamese: String {
        switch self {
        case .technology: "Công nghệ"
        case .communication: "Giao tiếp"
        }
    }

    public func level(of v: ReinforcementPlanner.Volunteer) -> SkillLevel {
        switch self {
        case .technology: v.techSkill
        case .communication: v.communicationSkill
        }
    }

    public func isMet(by v: ReinforcementPlanner.Volunteer) -> Bool { level(of: v) != .basic }
}

/// Languages as a bit set: cheap to test for 308,000 volunteers.
public struct LanguageSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public init(_ languages: [Language]) {
        self.init(rawValue: languages.reduce(0) { $0 | Self.bit($1) })
    }

    /// Reads the stored comma-separated codes ("vi,hmong"); unknown codes are ignored.
    public init(codes: String) {
        self.init(codes.split(separator: ",").compactMap { Language(rawValue: String($0)) })
    }

    private static func bit(_ l: Language) -> UInt16 { 1 << UInt16(Language.allCases.firstIndex(of: l)!) }

    public func contains(_ l: Language) -> Bool { rawValue & Self.bit(l) != 0 }
    public var count: Int { rawValue.nonzeroBitCount }
    public var languages: [Language] { Language.allCases.filter { contains($0) } }
}

/// One reason shown beside a proposed move.
public enum MoveReason: Sendable, Hashable {
    case speaks(Language)
    case missingLanguage(Language)
    case skilled(ForceSkill, SkillLevel)
    case missingSkill(ForceSkill)
    case hasMotorbike
    case localForce
    case livesThere
    case sameProvince
    case distance(kilometres: Double)
    case courses(Int)
    case movedRecently(days: Int)

    public var vietnamese: String {
        switch self {
        case .speaks(let l): "nói tiếng \(l.vietnamese)"
        case .missingLanguage(let l): "chưa nói tiếng \(l.vietnamese)"
        case .skilled(let s, let level): "kỹ năng \(s.vietnamese.lowercased()): \(level.vietnamese.lowercased())"
        case .missingSkill(let s): "kỹ năng \(s.vietnamese.lowercased()) còn cơ bản"
        case .hasMotorbike: "có xe máy"
        case .localForce: "lực lượng tại chỗ"
        case .livesThere: "ở ngay tại xã"
        case .sameProvince: "cùng tỉnh"
        case .distance(let km): "cách \(VietnameseNumber.decimal(km, fractionDigits: km < 10 ? 1 : 0)) km"
        case .courses(let n): "đã hoàn thành \(n) khóa học"
        case .movedRecently(let days): "vừa được điều động \(days) ngày trước"
        }
    }

    public var isShortfall: Bool {
        switch self {
        case .missingLanguage, .missingSkill, .movedRecently: true
        default: false
        }
    }
}
