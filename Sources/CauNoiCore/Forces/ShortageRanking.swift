/// "Where help is short": ranks communes by need, each with the reasons shown to the person who decides.
///
/// Every reason adds a stated number of points, so the order can be explained in one sentence per commune:
/// no active team 100; load at least twice the province's median supports per volunteer 40 (+10 per further
/// median, at most 70); each open difficulty asking for reinforcement 30 (at most 90); an area language nobody in
/// the commune's teams speaks 35; training compliance below 100 % up to 20; each member leaving within the horizon
/// without a replacement 10 (at most 50); each unmet equipment need 10 (at most 30).
public enum ShortageRanking {
    public struct Commune: Sendable, Hashable {
        public var code: String
        public var provinceCode: String
        public var activeTeams: Int
        /// Volunteers with supports logged in the period.
        public var activeVolunteers: Int
        public var supports: Int
        public var trainedActive: Int
        public var reinforcementDifficulties: Int
        /// Languages of the area (border, island, remote or ethnic-minority communes only), and those spoken by the
        /// current members of the teams that cover it.
        public var areaLanguages: LanguageSet
        public var spokenLanguages: LanguageSet
        public var isHardArea: Bool
        /// Members whose membership ends within the horizon, less those joining in the same time.
        public var leavingWithoutReplacement: Int
        public var unmetEquipment: Int

        public init(code: String, provinceCode: String, activeTeams: Int = 0, activeVolunteers: Int = 0, supports: Int = 0,
                    trainedActive: Int = 0, reinforcementDifficulties: Int = 0, areaLanguages: LanguageSet = [],
                    spokenLanguages: LanguageSet = [], isHardArea: Bool = false, leavingWithoutReplacement: Int = 0,
                    unmetEquipment: Int = 0) {
            self.code = code; self.provinceCode = provinceCode; self.activeTeams = activeTeams
            self.activeVolunteers = activeVolunteers; self.supports = supports; self.trainedActive = trainedActive
            self.reinforcementDifficulties = reinforcementDifficulties; self.areaLanguages = areaLanguages
            self.spokenLanguages = spokenLanguages; self.isHardArea = isHardArea
            self.leavingWithoutReplacement = leavingWithoutReplacement; self.unmetEquipment = unmetEquipment
        }
    }

    public enum Reason: Sendable, Hashable {
        case noActiveTeam
        case highLoad(perVolunteer: Double, provinceMedian: Double)
        case reinforcementAsked(Int)
        case missingLanguages([Language])
        case trainingBelowFull(trained: Int, active: Int)
        case membersLeaving(Int, withinDays: Int)
        case equipmentMissing(Int)

        public var points: Int {
            switch self {
            case .noActiveTeam: 100
            case .highLoad(let load, let median): min(70, 40 + 10 * max(0, Int(load / median) - 2))
            case .reinforcementAsked(let n): min(90, 30 * n)
            case .missingLanguages: 35
            case .trainingBelowFull(let trained, let active): max(1, Int((20 * Double(active - trained) / Double(active)).rounded()))
            case .membersLeaving(let n, _): min(50, 10 * n)
            case .equipmentMissing(let n): min(30, 10 * n)
            }
        }

        public var vietnamese: String {
            switch self {
            case .noActiveTeam: "Chưa có đội hình hoạt động"
            case .highLoad(let load, let median):
                "Mỗi TNV hỗ trợ \(VietnameseNumber.decimal(load, fractionDigits: 1)) lượt, gấp \(VietnameseNumber.decimal(load / median, fractionDigits: 1)) lần trung vị của tỉnh (\(VietnameseNumber.decimal(median, fractionDigits: 1)))"
            case .reinforcementAsked(let n): "\(n) khó khăn đang đề nghị tăng cường lực lượng"
            case .missingLanguages(let l): "Chưa có TNV nói tiếng \(l.map(\.vietnamese).joined(separator: ", "))"
            case .trainingBelowFull(let trained, let active):
                "Mới \(VietnameseNumber.percent(Double(trained) / Double(active), fractionDigits: 0)) TNV hoạt động hoàn thành khóa học (\(trained)/\(active))"
            case .membersLeaving(let n, let days): "\(n) TNV kết thúc trong \(days) ngày tới, chưa có người thay"
            case .equipmentMissing(let n): "\(n) nhu cầu thiết bị, đường truyền chưa được đáp ứng"
            }
        }
    }

    public struct Ranked: Sendable, Hashable {
        public var commune: Commune
        public var score: Int
        public var reasons: [Reason]
    }

    /// Communes with at least one reason, neediest first (ties by code so the order is stable).
    public static func rank(_ communes: [Commune], horizonDays: Int = 14) -> [Ranked] {
        let medians = provinceMedians(communes)
        var out: [Ranked] = []
        for c in communes {
            var reasons: [Reason] = []
            if c.activeTeams == 0 { reasons.append(.noActiveTeam) }
            if c.activeVolunteers > 0, let median = medians[c.provinceCode], median > 0 {
                let load = Double(c.supports) / Double(c.activeVolunteers)
                if load >= 2 * median { reasons.append(.highLoad(perVolunteer: load, provinceMedian: median)) }
            }
            if c.reinforcementDifficulties > 0 { reasons.append(.reinforcementAsked(c.reinforcementDifficulties)) }
            if c.isHardArea {
                let missing = c.areaLanguages.subtracting(c.spokenLanguages).languages.filter { $0 != .vi }
                if !missing.isEmpty { reasons.append(.missingLanguages(missing)) }
            }
            if c.activeVolunteers > 0 && c.trainedActive < c.activeVolunteers {
                reasons.append(.trainingBelowFull(trained: c.trainedActive, active: c.activeVolunteers))
            }
            if c.leavingWithoutReplacement > 0 { reasons.append(.membersLeaving(c.leavingWithoutReplacement, withinDays: horizonDays)) }
            if c.unmetEquipment > 0 { reasons.append(.equipmentMissing(c.unmetEquipment)) }
            guard !reasons.isEmpty else { continue }
            out.append(Ranked(commune: c, score: reasons.reduce(0) { $0 + $1.points }, reasons: reasons))
        }
        return out.sorted { ($1.score, $0.commune.code) < ($0.score, $1.commune.code) }
    }

    /// Median supports per active volunteer over the province's communes that have active volunteers.
    public static func provinceMedians(_ communes: [Commune]) -> [String: Double] {
        var loads: [String: [Double]] = [:]
        for c in communes where c.activeVolunteers > 0 {
            loads[c.provinceCode, default: []].append(Double(c.supports) / Double(c.activeVolunteers))
        }
        return loads.mapValues { values in
            let s = values.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
    }
}
