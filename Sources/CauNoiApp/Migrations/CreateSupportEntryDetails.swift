import Fluent

/// The per-category, per-group and attendance rows of a support entry.
/// Composite keys: one row per (entry, category), so nothing can be counted twice.
struct CreateSupportEntryDetails: AsyncMigration {
    static let countsSchema = "support_entry_counts"
    static let beneficiariesSchema = "support_entry_beneficiaries"
    static let volunteersSchema = "support_entry_volunteers"

    func prepare(on database: any Database) async throws {
        try await database.schema(Self.countsSchema)
            .field("entry_id", .uuid, .required, .references(SupportEntry.schema, "id", onDelete: .cascade))
            .field("category", .string, .required)
            .field("count", .int, .required)
            .compositeIdentifier(over: "entry_id", "category")
            .create()
        try await database.schema(Self.beneficiariesSchema)
            .field("entry_id", .uuid, .required, .references(SupportEntry.schema, "id", onDelete: .cascade))
            .field("beneficiary_group", .string, .required)
            .field("count", .int, .required)
            .compositeIdentifier(over: "entry_id", "beneficiary_group")
            .create()
        try await database.schema(Self.volunteersSchema)
            .field("entry_id", .uuid, .required, .references(SupportEntry.schema, "id", onDelete: .cascade))
            .field("volunteer_id", .uuid, .required, .references(Volunteer.schema, "id"))
            .compositeIdentifier(over: "entry_id", "volunteer_id")
            .create()
        try await database.createIndex("idx_entry_volunteers_volunteer", on: Self.volunteersSchema, columns: ["volunteer_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Self.volunteersSchema).delete()
        try await database.schema(Self.beneficiariesSchema).delete()
        try await database.schema(Self.countsSchema).delete()
    }
}
