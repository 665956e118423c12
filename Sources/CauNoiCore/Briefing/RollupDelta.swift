/// Signed change of every count between two periods (current − previous),
/// for the "so với tuần trước" column of the briefing pack.
public struct RollupDelta: Sendable, Hashable, Codable {
    public let teamsMaintained: Int
    public let volunteersActive: Int
    public let supports: Int
    /// Over the union of keys; a key missing on one side counts as 0 there,
    /// so a category that disappeared shows as a fall rather than vanishing.
    public let supportsByCategory: [String: Int]
    public let supportsByGroup: [String: Int]
    public let supportsByPlace: [String: Int]
    public let communesCovered: Int
    public let communesInScope: Int
    public let borderIslandCovered: Int
    public let borderIslandInScope: Int
    public let trainedActive: Int

    public static func between(previous: RollupFigures, current: RollupFigures) -> RollupDelta {
        RollupDelta(
            teamsMaintained: current.teamsMaintained - previous.teamsMaintained,
            volunteersActive: current.volunteersActive - previous.volunteersActive,
            supports: current.supports - previous.supports,
            supportsByCategory: difference(previous.supportsByCategory, current.supportsByCategory),
            supportsByGroup: difference(previous.supportsByGroup, current.supportsByGroup),
            supportsByPlace: difference(previous.supportsByPlace, current.supportsByPlace),
            communesCovered: current.communesCovered - previous.communesCovered,
            communesInScope: current.communesInScope - previous.communesInScope,
            borderIslandCovered: current.borderIslandCovered - previous.borderIslandCovered,
            borderIslandInScope: current.borderIslandInScope - previous.borderIslandInScope,
            trainedActive: current.trainedActive - previous.trainedActive
        )
    }

    private static func difference(_ previous: [String: Int], _ current: [String: Int]) -> [String: Int] {
        var out = current
        for (key, value) in previous { out[key, default: 0] -= value }
        return out
    }

    // snake_case to match the rest of the JSON API.
    enum CodingKeys: String, CodingKey {
        case teamsMaintained = "teams_maintained"
        case volunteersActive = "volunteers_active"
        case supports
        case supportsByCategory = "supports_by_category"
        case supportsByGroup = "supports_by_group"
        case supportsByPlace = "supports_by_place"
        case communesCovered = "communes_covered"
        case communesInScope = "communes_in_scope"
        case borderIslandCovered = "border_island_covered"
        case borderIslandInScope = "border_island_in_scope"
        case trainedActive = "trained_active"
    }
}
