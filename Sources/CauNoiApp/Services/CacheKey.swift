import CauNoiCore
import Foundation

/// A read-cache key that carries the type of its value, so a key can only ever be read back as what was
/// stored under it. The type's name is part of the stored key: two kinds of value can never collide.
struct CacheKey<Value: Sendable>: Sendable {
    let raw: String

    init(_ name: String) {
        raw = "\(Value.self)|\(name)"
    }
}

/// What the node caches, by name. Values are plain value types: nothing cached is shared mutable state.
extension CacheKey where Value == CampaignRecord {
    static func campaign(code: String?) -> Self { .init(code ?? "") }
}

extension CacheKey where Value == HomePage.Model {
    static func home(campaign: UUID) -> Self { .init(campaign.uuidString) }
}

extension CacheKey where Value == [NextTask] {
    static func homeTasks(campaign: UUID, week: LocalDate, today: LocalDate, user: UUID) -> Self {
        .init("\(campaign):\(week.iso):\(today.iso):\(user)")
    }
}

extension CacheKey where Value == RollupReport {
    static func rollup(campaign: UUID, unit: RollupQueries.Unit, range: DateRange, week: String?) -> Self {
        .init("\(campaign):\(unit):\(range.from.iso):\(range.to.iso):\(week ?? "")")
    }
}

extension CacheKey where Value == Int {
    static func ledgerGeneration(campaign: UUID) -> Self { .init(campaign.uuidString) }
}

/// A campaign row as a value: what the cache keeps, turned back into a fresh model for each reader.
struct CampaignRecord: Sendable, Equatable {
    var id: UUID
    var definition: CampaignDefinition

    init(_ campaign: Campaign) throws {
        id = try campaign.requireID()
        guard let definition = campaign.definition else { throw AppError.server }
        self.definition = definition
    }

    /// A new instance each time, so no two requests share (or could change) one model object.
    func model() -> Campaign {
        let campaign = Campaign(id: id, definition: definition)
        campaign.$id.exists = true
        return campaign
    }
}

extension CacheKey where Value == HelpCommunePage.Model {
    /// A commune's public help page for one day (the teams on duty change with the day).
    static func helpCommune(code: String, day: LocalDate) -> Self { .init("\(code):\(day.iso)") }
}

extension CacheKey where Value == String {
    /// The guides' version stamp (`GuideQueries`).
    static var guideStamp: Self { .init("guides") }
}
