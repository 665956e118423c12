/// Headline counts of one unit (commune, province or the whole country) over
/// one period, as shown in the weekly briefing pack.
///
/// Plain values computed by the app layer; this type only carries them so the
/// wording and charts never query anything themselves.
public struct RollupFigures: Sendable, Hashable, Codable {
    /// Teams with at least one support entry in the period.
    public let teamsMaintained: Int
    public let volunteersActive: Int
    public let supports: Int
    /// Category code → supports.
    public let supportsByCategory: [String: Int]
    /// BeneficiaryGroup raw value → supports.
    public let supportsByGroup: [String: Int]
    /// SupportPlace raw value → supports.
    public let supportsByPlace: [String: Int]
    public let communesCovered: Int
    public let communesInScope: Int
    public let borderIslandCovered: Int
    public let borderIslandInScope: Int
    /// Active volunteers who completed every required course.
    public let trainedActive: Int

    public init(
        teamsMaintained: Int = 0, volunteersActive: Int = 0, supports: Int = 0,
        supportsByCategory: [String: Int] = [:], supportsByGroup: [String: Int] = [:],
        supportsByPlace: [String: Int] = [:], communesCovered: Int = 0, communesInScope: Int = 0,
        borderIslandCovered: Int = 0, borderIslandInScope: Int = 0, trainedActive: Int = 0
    ) {
        self.teamsMaintained = teamsMaintained
        self.volunteersActive = volunteersActive
        self.supports = supports
        self.supportsByCategory = supportsByCategory
        self.supportsByGroup = supportsByGroup
        self.supportsByPlace = supportsByPlace
        self.communesCovered = communesCovered
        self.communesInScope = communesInScope
        self.borderIslandCovered = borderIslandCovered
        self.borderIslandInScope = borderIslandInScope
        self.trainedActive = trainedActive
    }

    public static let zero = RollupFigures()

    /// Share of active volunteers fully trained; nil rather than 0 when there
    /// is nobody to train, so a report never shows "0%" for an empty unit.
    public var trainingCompliance: Double? {
        Self.ratio(trainedActive, volunteersActive)
    }

    /// Share of communes in scope with at least one support entry.
    public var coverage: Double? {
        Self.ratio(communesCovered, communesInScope)
    }

    /// The same share for border and island communes, which the campaign
    /// tracks separately because they are the hardest to reach.
    public var borderIslandCoverage: Double? {
        Self.ratio(borderIslandCovered, borderIslandInScope)
    }

    private static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
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
