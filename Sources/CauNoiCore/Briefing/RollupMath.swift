/// Arithmetic on `RollupFigures` for building a parent unit's figures from
/// its children (communes → province, provinces → nation).
public enum RollupMath: Sendable {
    /// Sums the parts' additive fields and takes the people counts as given.
    ///
    /// Additive (when the parts are disjoint units, as children of one parent
    /// are): teams, supports and their breakdowns, communes covered / in
    /// scope, border-island communes covered / in scope. A team belongs to one
    /// unit and each support entry to one commune, so nothing is counted twice.
    ///
    /// NOT additive: `volunteersActive` and `trainedActive`. One volunteer may
    /// serve in two teams in different communes (a student helping both at
    /// home and at the reinforcement site), so summing the parts overstates
    /// the parent. The caller must count distinct people at the parent level
    /// and pass them in; there is deliberately no overload that sums them.
    public static func combine(
        _ parts: [RollupFigures], distinctVolunteers: Int, distinctTrained: Int
    ) -> RollupFigures {
        var teams = 0, supports = 0, covered = 0, inScope = 0, borderCovered = 0, borderInScope = 0
        var byCategory: [String: Int] = [:], byGroup: [String: Int] = [:], byPlace: [String: Int] = [:]
        for part in parts {
            teams += part.teamsMaintained
            supports += part.supports
            covered += part.communesCovered
            inScope += part.communesInScope
            borderCovered += part.borderIslandCovered
            borderInScope += part.borderIslandInScope
            byCategory.merge(part.supportsByCategory, uniquingKeysWith: +)
            byGroup.merge(part.supportsByGroup, uniquingKeysWith: +)
            byPlace.merge(part.supportsByPlace, uniquingKeysWith: +)
        }
        return RollupFigures(
            teamsMaintained: teams, volunteersActive: distinctVolunteers, supports: supports,
            supportsByCategory: byCategory, supportsByGroup: byGroup, supportsByPlace: byPlace,
            communesCovered: covered, communesInScope: inScope,
            borderIslandCovered: borderCovered, borderIslandInScope: borderInScope,
            trainedActive: distinctTrained
        )
    }

    /// (current − previous) / previous; nil when there was nothing before,
    /// because "tăng ∞%" is not a figure anyone can report.
    public static func relativeChange(previous: Int, current: Int) -> Double? {
        guard previous > 0 else { return nil }
        return Double(current - previous) / Double(previous)
    }
}
