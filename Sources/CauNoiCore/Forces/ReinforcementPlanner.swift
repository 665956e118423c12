import Dispatch

/// Proposes which volunteers to move to which reinforcement requests: the exact optimum of a stated cost (distance,
/// missing soft requirements, recent moves) subject to each volunteer moving at most once, each request getting at
/// most what it asked, hard requirements met and no team left below its minimum.
///
/// The candidate lists are cut before solving without changing the optimum: a request only ever needs its `D`
/// cheapest candidates (D = all places asked for in the instance), taking from each team at most as many as the
/// team can spare. Proof by exchange: if an optimum gave request r a volunteer outside that list, one of the listed
/// candidates is neither used elsewhere nor blocked by a full team (the list is longer than all other uses together),
/// and swapping them costs no more.
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
        /// Candidates kept after the lossless cut, for the record.
        public var candidatePairs: Int
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

    public func plan(_ needs: [Need]) -> Plan {
        precondition(volunteers.count < 1 << 24, "volunteer indices are packed in 24 bits")
        let lists = candidateLists(needs)

        // Compact the volunteers that appear anywhere into solver columns.
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
        let moves = solution.matches.map { m -> Move in
            let vIndex = Int(columnVolunteer[m.column])
            let v = volunteers[vIndex], need = needs[m.row]
            let metres = metres(from: v.homeCommune, to: need.commune)
            return Move(need: m.row, volunteer: vIndex, cost: m.cost, kilometres: Double(metres) / 1000,
                        reasons: reasons(v, for: need, metres: metres))
        }
        return Plan(moves: moves, unfilled: zip(needs, solution.filled).map { max(0, $0.people) - $1 },
                    totalCost: solution.totalCost, candidatePairs: edges.reduce(0) { $0 + $1.count })
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

    /// Each need's candidates after the lossless cut, cheapest first (what the solver sees; the benchmark hands the
    /// same lists to an LP solver).
    public func candidateLists(_ needs: [Need]) -> [[(cost: Int64, volunteer: Int32)]] {
        let demand = needs.reduce(0) { $0 + max(0, $1.people) }
        guard demand > 0 else { return needs.map { _ in [] } }
        let byCommune = volunteersByCommune()
        // Needs are independent: build their lists on every core.
        var lists = [[(cost: Int64, volunteer: Int32)]](repeating: [], count: needs.count)
        lists.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let buffer = out
            DispatchQueue.concurrentPerform(iterations: needs.count) { i in
                buffer[i] = candidates(for: needs[i], keep: demand, byCommune: byCommune)
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

    /// The `keep` cheapest eligible candidates of one need, at most `teamSpare` from any team, cheapest first.
    private func candidates(for need: Need, keep: Int,
                            byCommune: (start: [Int], members: [Int32], withVolunteers: [Int32])) -> [(cost: Int64, volunteer: Int32)] {
        guard need.people > 0 else { return [] }
        // Nearest communes first: every cost is at least the distance, so once the list is full the walk stops at the
        // first commune farther away than the last kept cost.
        let order = byCommune.withVolunteers.map { (metres(from: $0, to: need.commune), $0) }.sorted { $0 < $1 }
        // (cost << 24 | volunteer) sorts by cost then volunteer as one integer.
        var gathered: [UInt64] = []
        var threshold = Int64.max
        var nextCheck = keep
        var taken = [Int32](repeating: 0, count: teamSpare.count)
        for (metres, commune) in order {
            if metres > threshold { break }
            for i in byCommune.start[Int(commune)]..<byCommune.start[Int(commune) + 1] {
                let index = byCommune.members[i]
                let v = volunteers[Int(index)]
                guard isEligible(v, for: need), need.excluded.isEmpty || !need.excluded.contains(index) else { continue }
                gathered.append(UInt64(cost(v, for: need, metres: metres)) << 24 | UInt64(index))
            }
            if gathered.count >= nextCheck {
                let kept = capped(&gathered, keep: keep, taken: &taken)
                if kept.count >= keep, let last = kept.last { threshold = last.cost }
                nextCheck = gathered.count * 2
            }
        }
        return capped(&gathered, keep: keep, taken: &taken)
    }

    private func capped(_ items: inout [UInt64], keep: Int, taken: inout [Int32]) -> [(cost: Int64, volunteer: Int32)] {
        items.sort()
        for i in taken.indices { taken[i] = 0 }
        var out: [(cost: Int64, volunteer: Int32)] = []
        out.reserveCapacity(min(keep, items.count))
        for item in items {
            let volunteer = Int32(truncatingIfNeeded: item & 0xFF_FFFF)
            let team = volunteers[Int(volunteer)].team
            if team >= 0 {
                guard taken[Int(team)] < teamSpare[Int(team)] else { continue }
                taken[Int(team)] += 1
            }
            out.append((Int64(item >> 24), volunteer))
            if out.count == keep { break }
        }
        return out
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
