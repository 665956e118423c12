import Fluent

/// The per-category, per-group and attendance rows of a support entry.
/// Composite keys: one row per (entry, category), so nothing can be counted twice.
struct CreateSupportEntryDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("support_entry_counts")
            .field("entry_id", .uuid, .required, .references("support_entries", "id", onDelete: .cascade))
            .field("category", .string, .required)
            .field("count", .int, .required)
            .compositeIdentifier(over: "entry_id", "category")
            .create()
        try await database.schema("support_entry_beneficiaries")
            .field("entry_id", .uuid, .required, .references("support_entries", "id", onDelete: .cascade))
            .field("beneficiary_group", .string, .required)
            .field("count", .int, .required)
            .compositeIdentifier(over: "entry_id", "beneficiary_group")
            .create()
        try await database.schema("support_entry_volunteers")
            .field("entry_id", .uuid, .required, .references("support_entries", "id", onDelete: .cascade))
            .field("volunteer_id", .uuid, .required, .references("volunteers", "id"))
            .compositeIdentifier(over: "entry_id", "volunteer_id")
            .create()
        try await database.createIndex("idx_entry_volunteers_volunteer", on: "support_entry_volunteers", columns: ["volunteer_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("support_entry_volunteers").delete()
        try await database.schema("support_entry_beneficiaries").delete()
        try await database.schema("support_entry_counts").delete()
    }
}
