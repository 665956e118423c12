/// Communes whose figures stand far above similar communes week after week: candidates for a person to write up as a
/// good practice, or to dismiss. Similar means the same province and the same kind of area (border, island, remote or
/// ethnic-minority communes are compared among themselves).
public enum PracticeCandidates {
    public struct CommuneWeek: Sendable, Hashable {
        public var code: String
        public var provinceCode: String
        public var isHardArea: Bool
        public var volunteers: Int
        public var supports: Int
        public var homeVisits: Int
        public init(code: String, provinceCode: String, isHardArea: Bool, volunteers: Int, supports: Int, homeVisits: Int) {
            self.code = code; self.provinceCode = provinceCode; self.isHardArea = isHardArea
            self.volunteers = volunteers; self.supports = supports; self.homeVisits = homeVisits
        }
    }

    public struct Candidate: Sendable, Hashable {
        public var code: String
        public var indicator: PracticeIndicator
        /// The commune's value and its peers' median, oldest week first.
        public var values: [Double]
        public var medians: [Double]
    }

    /// The indicators a candidate can stand out on.
    public static let indicators: [PracticeIndicator] = [.supportsPerVolunteer, .homeVisits]

    /// Candidates standing at least `factor` times above their peers' median in every week given (peers: at least
    /// `minimumPeers` communes with a value that week, the commune included).
    public static func find(weeks: [[CommuneWeek]], factor: Double = 2, minimumPeers: Int = 3) -> [Candidate] {
        guard !weeks.isEmpty else { return [] }
        var perWeek: [[PracticeIndicator: [String: (value: Double, median: Double)]]] = []
        for week in weeks {
            var out: [PracticeIndicator: [String: (value: Double, median: Double)]] = [:]
            let groups = Dictionary(grouping: week) { "\($0.provinceCode)|\($0.isHardArea)" }
            for indicator in indicators {
                for (_, members) in groups {
                    let values = members.compactMap { m in value(indicator, m).map { (m.code, $0) } }
                    guard values.count >= minimumPeers else { continue }
                    let median = Self.median(values.map(\.1))
                    guard median > 0 else { continue }
                    for (code, v) in values where v >= factor * median { out[indicator, default: [:]][code] = (v, median) }
                }
            }
            perWeek.append(out)
        }
        var found: [Candidate] = []
        for indicator in indicators {
            var codes = Set((perWeek[0][indicator] ?? [:]).keys)
            for week in perWeek.dropFirst() { codes.formIntersection((week[indicator] ?? [:]).keys) }
            for code in codes.sorted() {
                found.append(Candidate(code: code, indicator: indicator, values: perWeek.map { $0[indicator]![code]!.value },
                                       medians: perWeek.map { $0[indicator]![code]!.median }))
            }
        }
        return found
    }

    static func value(_ indicator: PracticeIndicator, _ w: CommuneWeek) -> Double? {
        switch indicator {
        case .supportsPerVolunteer: w.volunteers > 0 ? Double(w.supports) / Double(w.volunteers) : nil
        case .homeVisits: w.supports > 0 ? Double(w.homeVisits) : nil
        case .supports: Double(w.supports)
        }
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
