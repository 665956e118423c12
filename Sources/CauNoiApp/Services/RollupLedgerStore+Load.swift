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
        guard try await ledgerIsEmpty(campaignID: campaignID, on: db) else {
            throw AppError.badRequest(vi: "Sổ cộng dồn của chiến dịch đã có số liệu; chỉ nạp hàng loạt vào một chiến dịch trống.",
                                      en: "The campaign's rollup ledger is not empty; a bulk load needs an empty one.")
        }
        let flagged = try await flaggedSubjects(Set(load.subjectsPresent), campaignID: campaignID, on: db)
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
        case .these(let ids): try await forgetPending(entries: ids, campaignID: campaignID, on: sql)
        }
    }

    /// Whether the campaign's ledger holds nothing yet (no presence row, no day sum).
    static func ledgerIsEmpty(campaignID: UUID, on db: any Database) async throws -> Bool {
        for table in [Tables.rollupPresence, Tables.rollupDailySums] {
            if try await db.sql.select().column("campaign_id").from(table).where("campaign_id", .equal, campaignID).limit(1).first() != nil {
                return false
            }
        }
        return true
    }

    /// A plain insert: into an empty ledger every row is new, and a row already there fails the load.
    private static let newPresence = RawInsert(table: Tables.rollupPresence, columns: Upserts.presenceColumns, rowsPerStatement: 3_000)
}
