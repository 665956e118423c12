/// Tables that live code reads and writes with SQLKit, having no Fluent model. Migrations spell every
/// name out as a literal, so an old migration never changes when these do.
enum Tables {
    static let rollupDailySums = "rollup_daily_sums"
    static let rollupPresence = "rollup_presence"
    static let rollupWeeklyCounts = "rollup_weekly_counts"
    static let rollupDailyCounts = "rollup_daily_counts"
    static let rollupGenerations = "rollup_generations"
    static let rollupPending = "rollup_pending"
    static let supportEntryCounts = "support_entry_counts"
    static let supportEntryBeneficiaries = "support_entry_beneficiaries"
    static let supportEntryVolunteers = "support_entry_volunteers"
    static let teamEntryCommunes = "team_entry_communes"
}
