import CauNoiCore
import Fluent
import Foundation

enum CampaignSeeder {
    /// Creates the summer 2025 campaign once (the seeds' figures belong to it); an existing row, perhaps
    /// edited by admins, is kept (only given the competency standard if it predates standards).
    @discardableResult
    static func seedDefault(on database: any Database) async throws -> Campaign {
        let definition = CampaignDefinition.summer2025
        if let existing = try await Campaign.query(on: database).filter(\.$code == definition.code).first() {
            // Written before campaigns had a competency standard: the 2025 programme's is the one it trained against.
            if existing.settings.competencyStandard == nil {
                existing.settings.competencyStandard = definition.competencyStandard
                try await existing.save(on: database)
            }
            return existing
        }
        let campaign = Campaign(id: UUIDv7.make(), definition: definition)
        try await campaign.create(on: database)
        return campaign
    }
}
