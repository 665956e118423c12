import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// A campaign's whole ledger summed in memory (`RollupLedger.Load`: the simulator's bulk load, a recount) and written once.
extension RollupLedgerStore {
    /// Whose pending marks a load's write drops: the entries it counted.
    enum CountedMarks {
        /// Every mark of the campaign: no one else writes it meanwhile (the simulator fills a fresh database).
        case allOfCampaign
        /// These entries' marks (a recount while entries keep arriving: later entries keep theirs).
        case these([UUID])
    }

    /// Writes a load's whole ledger into the campaign's empty ledger, moves its generation on and drops the marks of the
    /// entries it counted, in the caller's write transaction.
    static func writeLoad(_ load: RollupLedger.Load, campaignID: UUID, dropping marks: CountedMarks, on db: any Database) async throws {
        try await lock(on: db)
        let sql = db.sql
        for table in [Tables.rollupPresence, Tables.rollupDailySums] {
            guard try await sql.select().column("campaign_id").from(table).where("campaign_id", .equal, campaignID).limit(1).first() == nil else {
                throw AppError.badRequest(vi: "Sổ cộng dồn của chiến dịch đã có số liệu; chỉ nạp hàng loạt vào một chiến dịch trống.",
                                          en: "The campaign's rollup ledger is not empty; a bulk load needs an empty one.")
            }
        }
        let subjects = load.subjectsPresent
        // A few subjects (a small campaign recounted): looked up; many: one scan.
        let flagged = subjects.count < 5_000 ? try await flaggedSubjects(Set(subjects), campaignID: campaignID, on: db)
            : try await flaggedInBulk(subjects, campaignID: campaignID, on: db)
        let counted = load.counted(flagged: flagged, subjectsPerPart: 20_000)
        for part in counted.parts {
            var values: [BoundValue] = []
            values.reserveCapacity(part.count * Upserts.presenceColumns.count)
            for (key, presence) in part {
                values += [.uuid(campaignID), .text(key.subject.kind.rawValue), .text(key.subject.id), .text(key.province), .text(key.week),
                           .integer(presence.total), .text(presence.description), .integer(presence.mask), .bool(flagged.contains(key.subject))]
            }
            try await newPresence.run(values, on: db)
        }
        try await addCounters(counted.counters, to: Upserts.weeklyCounters, campaignID: campaignID, on: db)
        try await addCounters(counted.dayCounters, to: Upserts.dailyCounters, campaignID: campaignID, on: db)
        try await writeSums(load.sums, campaignID: campaignID, on: db)
        try await bumpGeneration(campaignID: campaignID, on: sql)
        switch marks {
        case .allOfCampaign: try await sql.delete(from: Tables.rollupPending).where("campaign_id", .equal, campaignID).run()
        case .these(let ids): try await forgetPending(ids, on: sql)
        }
    }

    /// A plain insert: into an empty ledger every row is new, and a row already there fails the load.
    private static let newPresence = RawInsert(table: Tables.rollupPresence, columns: Upserts.presenceColumns, rowsPerStatement: 3_000)

    /// Which of `subjects` are flagged, read for the whole campaign at once: a load holds most of its volunteers, and
    /// one scan of the completions beats hundreds of lookups.
    private static func flaggedInBulk(_ subjects: [RollupLedger.Subject], campaignID: UUID,
                                      on db: any Database) async throws -> Set<RollupLedger.Subject> {
        guard let campaign = try await Campaign.find(campaignID, on: db) else { throw AppError.server }
        let courses = campaign.settings.requiredCourses.map(\.code)
        let sql = db.sql
        var trained: Set<String>?
        if !courses.isEmpty { trained = Set(try await completedAll(courses, on: sql).map(UUIDText.lower)) }
        let edge = Set(try await sql.select().column("code").from(OrgUnit.schema)
            .where(group: { $0.where("is_border", .equal, true).orWhere("is_island", .equal, true) }).all()
            .map { try $0.decode(column: "code", as: String.self) })
        return Set(subjects.filter { subject in
            switch subject.kind {
            case .volunteer: trained.map { $0.contains(subject.id) } ?? true
            case .commune: edge.contains(subject.id)
            case .team: false
            }
        })
    }
}
