import CauNoiCore
import Fluent
import Vapor

enum CampaignQueries {
    /// Every campaign, newest first. Campaigns are few (one or two a year), so callers filter in memory.
    static func all(on db: any Database) async throws -> [Campaign] {
        try await Campaign.query(on: db).sort(\.$startDate, .descending).sort(\.$code).all()
    }

    /// The campaign a page or report means when none is named (`CampaignSelection.current`).
    static func current(today: LocalDate, province: String? = nil, on db: any Database) async throws -> Campaign {
        let campaigns = try await all(on: db)
        if let pick = pick(campaigns, today: today, province: province) { return pick }
        throw AppError.notFound(vi: "Chưa có chiến dịch nào. Quản trị Trung ương hãy tạo chiến dịch tại trang Chiến dịch.",
                                en: "No campaign yet; a central admin creates one on the Campaigns page.")
    }

    static func pick(_ campaigns: [Campaign], today: LocalDate, province: String?) -> Campaign? {
        let code = CampaignSelection.current(among: campaigns.compactMap(\.definition), today: today, province: province)?.code
        return campaigns.first { $0.code == code }
    }

    /// `byCode` through the node's read cache: the cache keeps a value, each caller gets its own model.
    static func cached(code: String?, today: LocalDate, cache: ReadCache?, on db: any Database) async throws -> Campaign {
        guard let cache else { return try await byCode(code, today: today, on: db) }
        let key: CacheKey<CampaignRecord> = .campaign(code: code.nonEmpty ?? "@\(today.iso)")
        return try await cache.value(key) { try CampaignRecord(try await byCode(code, today: today, on: db)) }.model()
    }

    /// The named campaign, or the current one when no code is given.
    static func byCode(_ code: String?, today: LocalDate, on db: any Database) async throws -> Campaign {
        guard let code, !code.isEmpty else { return try await current(today: today, on: db) }
        guard let campaign = try await Campaign.query(on: db).filter(\.$code == code).first() else {
            throw AppError.validation([FieldError(field: "campaign", message: "Không tìm thấy chiến dịch \"\(code)\".",
                                                  messageEN: "No campaign \"\(code)\".")])
        }
        return campaign
    }

    /// Other campaigns taking entries today somewhere in the person's area, so pages that show one campaign can offer
    /// the others (two campaigns may run in one province: the summer one and a follow-on).
    static func othersRunning(besides code: String, today: LocalDate, policy: AccessPolicy, on db: any Database) async throws -> [(code: String, name: String)] {
        let scope = ScopeFilter.from(policy, .readEntries)
        let provinces = scope.provinces.union(scope.communes.compactMap { UnitDirectoryResource.directory.entry(code: $0)?.provinceCode })
        return try await all(on: db).compactMap(\.definition)
            .filter { $0.code != code && $0.takesEntries(on: today) }
            .filter { c in scope.everything || c.provinces == nil || !provinces.isDisjoint(with: c.provinces ?? []) }
            .sorted { $0.start > $1.start }
            .map { ($0.code, $0.name) }
    }

    /// A campaign by the code in a URL path: 404 when there is none.
    static func require(_ code: String, on db: any Database) async throws -> Campaign {
        guard let campaign = try await Campaign.query(on: db).filter(\.$code == code).first() else {
            throw AppError.notFound("chiến dịch", "campaign", code)
        }
        return campaign
    }

    /// Every course any campaign requires: the catalogue course completions are checked against.
    static func knownCourses(on db: any Database) async throws -> [Course] {
        var seen = Set<String>()
        return try await Campaign.query(on: db).all().flatMap(\.settings.requiredCourses).filter { seen.insert($0.code).inserted }
    }

    /// What is stored under the campaign, for `CampaignRules.checkChange`.
    static func usage(of campaignID: UUID, on db: any Database) async throws -> CampaignUsage {
        let sql = db.sql
        var usage = CampaignUsage()
        if let row = try await sql.raw("""
            SELECT MIN(entry_date) AS first, MAX(entry_date) AS last FROM support_entries
            WHERE campaign_id = \(bind: campaignID) AND is_current = \(bind: true)
            """).first() {
            usage.firstEntry = (try row.decodeNil(column: "first") ? nil : try row.decode(column: "first", as: String.self)).flatMap(LocalDate.init(iso:))
            usage.lastEntry = (try row.decodeNil(column: "last") ? nil : try row.decode(column: "last", as: String.self)).flatMap(LocalDate.init(iso:))
        }
        // Any version counts: a correction's history must keep reading the same categories and places.
        usage.usedCategories = Set(try await sql.raw("""
            SELECT DISTINCT c.category AS item FROM support_entry_counts c JOIN support_entries e ON e.seq = c.entry_seq
            WHERE e.campaign_id = \(bind: campaignID)
            """).all().map { try $0.decode(column: "item", as: String.self) })
        usage.provincesWithEntries = Set(try await sql.raw("""
            SELECT DISTINCT province_code AS item FROM support_entries WHERE campaign_id = \(bind: campaignID)
            """).all().map { try $0.decode(column: "item", as: String.self) })
        usage.weeklyReports = try await WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID).count()
        usage.approvedWeeks = try await WeeklyReport.query(on: db).filter(\.$campaign.$id == campaignID)
            .filter(\.$status == WeeklyReport.Status.approved.rawValue).count()
        return usage
    }
}
