import Fluent

struct CreateCampaign: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("campaigns")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string, .required)
            .field("settings", .json, .required)
            .field("is_default", .bool, .required)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("campaigns").delete()
    }
}
