import CauNoiCore
import Crypto
import Fluent
import Foundation
import SQLKit

/// The write path for support entries: validate what needs no database first (in the request), then, in the write
/// transaction, check the rest against what the database holds (teams, memberships, locked weeks: one read for every
/// batch the transaction stores) and store the good entries with multi-row inserts. Idempotent by client id: the
/// database's primary key decides races (INSERT … ON CONFLICT DO NOTHING), so concurrent re-sends store one row.
enum SupportEntryIngest {
    static let maxBatch = 5_000

    /// With `dryRun`, everything is checked and nothing stored: accepted entries come back as `created`.
    /// `positions` are the entries' places in the caller's request, for field names, when this is part of it.
    /// `campaignsGeneration`: the generation of the campaigns `campaign` came from (`CampaignCatalog`), which the writer
    /// checks; if they changed since, nothing is stored and this throws `CampaignCatalog.Changed`.
    static func ingest(_ entries: [LenientEntry], campaign: Campaign, today: LocalDate, policy: AccessPolicy,
                       audit: AuditEvent, dryRun: Bool = false, positions: [Int]? = nil, campaignsGeneration: Int64? = nil,
                       committer: IngestCommit? = nil,
                       on db: any Database) async throws -> [EntryResultDTO] {
        guard let definition = campaign.definition else { throw AppError.server }
        func at(_ index: Int) -> String { "entries[\(positions?[index] ?? index)]." }
        let campaignID = try campaign.requireID()
        let rules = SupportEntryRules(campaign: definition, today: today)
        var results = [EntryResultDTO?](repeating: nil, count: entries.count)
        // The entries that passed the checks needing no database, as the rows they would be stored as.
        var candidates: [(index: Int, row: StoreRow)] = []
        var firstByID: [UUID: (index: Int, hash: String)] = [:]

        for (index, lenient) in entries.enumerated() {
            let prefix = at(index)
            switch lenient.draft {
            case .failure(let error):
                results[index] = rejected(lenient.rawID, [error])
            case .success(let draft):
                switch SupportEntryValidator.validate(draft, rules: rules, fieldPrefix: prefix) {
                case .failure(let failure):
                    results[index] = rejected(lenient.rawID, failure.errors)
                case .success(let entry):
                    let hash = contentHash(entry, campaignCode: definition.code)
                    if let first = firstByID[entry.id] {
                        // The same id twice in one batch: same rules as a re-send.
                        results[index] = first.hash == hash ? .init(id: lenient.rawID, status: .duplicate)
                            : conflict(lenient.rawID, field: "\(prefix)id")
                    } else {
                        firstByID[entry.id] = (index, hash)
                        // An unknown commune has no province; the writer's checks refuse it (`References.check`).
                        let province = References.province(ofCommune: entry.communeCode) ?? ""
                        candidates.append((index, StoreRow(entry: entry, hash: hash, province: province, entryID: entry.id, version: 1,
                                                           campaignID: campaignID, createdAt: audit.at)))
                    }
                }
            }
        }

        let batch = BatchWrite(rows: candidates.map(\.row), prefixes: candidates.map { at($0.index) }, campaignID: campaignID,
                               weekStartsOn: definition.weekStartsOn, audit: audit, policy: policy, campaignsGeneration: campaignsGeneration)
        let outcome: StoreOutcome
        if candidates.isEmpty {
            outcome = StoreOutcome()
        } else if dryRun {
            let references = try await References.load(for: batch.rows.map(\.entry), campaignID: campaignID,
                                                       weekStartsOn: definition.weekStartsOn, on: db)
            let screened = screen(batch, references: references)
            outcome = StoreOutcome(created: Set(screened.accepted.map(\.entry.id)), rejected: screened.rejected, denied: screened.denied)
        } else if let committer {
            // Batches arriving together share one transaction, one reference read and one commit (`GroupCommit`).
            outcome = try await committer.run(batch, weight: candidates.count, on: db)
        } else {
            outcome = try await db.writeTransaction { try await write(batch, on: $0) }
        }
        if outcome.campaignsChanged { throw CampaignCatalog.Changed() }
        for (index, row) in candidates {
            let id = idString(row.entry.id, raw: entries[index].rawID)
            if let errors = outcome.rejected[row.entry.id] {
                results[index] = rejected(row.entry.id.uuidString.lowercased(), errors)
            } else if outcome.created.contains(row.entry.id) {
                results[index] = .init(id: id, status: .created)
            } else if outcome.existingHashes[row.entry.id] == row.hash {
                results[index] = .init(id: id, status: .duplicate)
            } else {
                results[index] = conflict(id, field: at(index) + "id")
            }
        }
        if outcome.denied > 0 {
            var event = audit
            event.action = "permission_denied"
            event.outcome = .denied
            event.detail = "support entries refused: \(outcome.denied)"
            try await Audit.recordAlone(event, on: db)
        }
        return results.map { $0 ?? .init(id: nil, status: .rejected) }
    }

    /// A batch's rows checked against what the database holds (`References.check`) and the caller's access, in that
    /// order: an unknown team is answered as such, not as a place the caller may not write to.
    struct Screened {
        var accepted: [StoreRow] = []
        var rejected: [UUID: [FieldError]] = [:]
        var denied = 0
    }

    static func screen(_ batch: BatchWrite, references: References) -> Screened {
        var screened = Screened()
        for (row, prefix) in zip(batch.rows, batch.prefixes) {
            var errors = references.check(row.entry, prefix: prefix)
            if errors.isEmpty, !batch.policy.allows(.writeEntries, on: Places.entry(teamID: row.entry.teamID, communeCode: row.entry.communeCode,
                                                                                   provinceCode: row.province)) {
                errors.append(FieldError(field: prefix + "team_id", message: "Bạn không có quyền ghi nhật ký cho đội hình hoặc xã này.",
                                         messageEN: "You may not log entries for this team or commune."))
                screened.denied += 1
            }
            if errors.isEmpty {
                screened.accepted.append(row)
            } else {
                screened.rejected[row.entry.id] = errors
            }
        }
        return screened
    }

    struct StoreRow: Sendable {
        var entry: ValidSupportEntry
        var hash: String
        var province: String
        /// The logical entry: the row's own id for a first version, the original's for a correction.
        var entryID: UUID
        var version: Int
        /// The row's values for each table it fills, in the column order of `Inserts` (its campaign must be the one it is
        /// stored under): built with the row — in the request, beside other requests — so that the writer only
        /// concatenates them (`RawInsert`).
        let values: Values

        /// The detail rows' values leave out their first column, the entry's row number, which the writer assigns
        /// (`EntrySequence`); so does `entry`, whose row number is its last column.
        struct Values: Sendable {
            var entry: [BoundValue]
            var counts: [BoundValue]
            var beneficiaries: [BoundValue]
            var volunteers: [BoundValue]
            /// What the ledger counts of the entry, for its pending mark (`RollupLedger.Entry.encoded`).
            var ledger: String
        }

        /// `createdAt`: when its batch arrived (the batch's audit time).
        init(entry: ValidSupportEntry, hash: String, province: String, entryID: UUID, version: Int, campaignID: UUID, createdAt: Date) {
            self.entry = entry
            self.hash = hash
            self.province = province
            self.entryID = entryID
            self.version = version
            let id = BoundValue.uuid(entry.id)
            var counts: [BoundValue] = []
            for (category, count) in entry.counts.sorted(by: { $0.key < $1.key }) { counts += [.text(category), .integer(count)] }
            var groups: [BoundValue] = []
            for (group, count) in entry.beneficiaries.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                groups += [.text(group.rawValue), .integer(count)]
            }
            values = Values(
                entry: [id, .uuid(campaignID), .uuid(entry.teamID), .text(entry.communeCode), .text(province), .text(entry.date.iso),
                        .integer(entry.total), .text(entry.place.rawValue), .text(entry.languages.map(\.rawValue).joined(separator: ",")),
                        .optional(entry.note), .text(hash), .date(createdAt), .uuid(entryID), .integer(version), .bool(true)],
                counts: counts, beneficiaries: groups, volunteers: entry.volunteerIDs.map { .uuid($0) },
                ledger: RollupLedgerStore.ledgerEntry(entry, province: province).encoded)
        }
    }

    /// The hot inserts, column orders matching `StoreRow.Values` with the row number (`seq`) added.
    private enum Inserts {
        static let entries = RawInsert(table: SupportEntry.schema, columns: [
            "id", "campaign_id", "team_id", "commune_code", "province_code", "entry_date", "total", "place", "languages", "note",
            "content_hash", "created_at", "entry_id", "version", "is_current", "seq"], rowsPerStatement: 2_000)
        static let counts = RawInsert(table: Tables.supportEntryCounts, columns: ["entry_seq", "category", "count"], rowsPerStatement: 5_000)
        static let beneficiaries = RawInsert(table: Tables.supportEntryBeneficiaries, columns: ["entry_seq", "beneficiary_group", "count"],
                                             rowsPerStatement: 5_000)
        static let volunteers = RawInsert(table: Tables.supportEntryVolunteers, columns: ["entry_seq", "volunteer_id"], rowsPerStatement: 5_000)
        /// Nearly always already there: a probe of a small table, no page written.
        static let teamCommunes = RawInsert(table: Tables.teamEntryCommunes, columns: ["team_id", "commune_code"], rowsPerStatement: 5_000,
                                            onConflict: " ON CONFLICT (\"team_id\", \"commune_code\") DO NOTHING")

        /// A detail table's rows of one entry: its row number before each row's other values (`width` of them).
        static func keyed(_ cells: [BoundValue], width: Int, seq: Int, into out: inout [BoundValue]) {
            var start = cells.startIndex
            while start < cells.endIndex {
                out.append(.integer(seq))
                out += cells[start ..< start + width]
                start += width
            }
        }
    }

    /// One batch's entries that passed the checks needing no database, written when the writer comes to it: alone
    /// (`write`), or with the batches waiting beside it (`writeTogether`), which first checks them against the database.
    struct BatchWrite: Sendable {
        var rows: [StoreRow]
        /// Each row's field prefix in its request ("entries[3]."), for its errors.
        var prefixes: [String]
        var campaignID: UUID
        var weekStartsOn: Int
        /// The batch's audit event; its time is the entries' `created_at`.
        var audit: AuditEvent
        /// What the caller may write to.
        var policy: AccessPolicy
        /// The generation of the campaigns the batch was routed and validated by; nil: not checked (they were read in
        /// the same request).
        var campaignsGeneration: Int64?
    }

    /// Stores one batch and audits it, inside the caller's write transaction; its entries are counted in the ledger
    /// later (`store`'s `countLater`).
    static func write(_ batch: BatchWrite, cache: ReferenceCache? = nil, on db: any Database) async throws -> StoreOutcome {
        try await writeTogether([batch], cache: cache, on: db)[0]
    }

    /// Stores batches that share a commit: one reference read for all of them (issue 16; through the node's `cache`
    /// when given, which reads only what it does not hold as of the references' current generation), then one insert
    /// per table and campaign, and answers each batch as if it had been stored alone, in order: an id in two batches is
    /// created by the first and a duplicate (or conflict) in the next. A batch routed by campaigns that have changed
    /// since is not stored (`StoreOutcome.campaignsChanged`). Throws, so that each is written alone, if one id comes in
    /// batches of different campaigns.
    static func writeTogether(_ batches: [BatchWrite], cache: ReferenceCache? = nil, on db: any Database) async throws -> [StoreOutcome] {
        let entries = batches.flatMap { $0.rows.map(\.entry) }
        let references = if let cache {
            try await cache.references(for: entries, on: db)
        } else {
            try await References.load(for: entries, on: db)
        }
        var outcomes = batches.map { _ in StoreOutcome() }
        var accepted: [BatchWrite] = []
        var owners: [Int] = []
        for (index, batch) in batches.enumerated() {
            if let generation = batch.campaignsGeneration, generation != references.campaignsGeneration {
                outcomes[index].campaignsChanged = true
                continue
            }
            let screened = screen(batch, references: references.narrowed(to: batch.campaignID, weekStartsOn: batch.weekStartsOn))
            outcomes[index].rejected = screened.rejected
            outcomes[index].denied = screened.denied
            guard !screened.accepted.isEmpty else { continue }
            var kept = batch
            kept.rows = screened.accepted
            accepted.append(kept)
            owners.append(index)
        }
        for (index, stored) in zip(owners, try await storeTogether(accepted, on: db)) {
            outcomes[index].created = stored.created
            outcomes[index].existingHashes = stored.existingHashes
        }
        return outcomes
    }

    /// `writeTogether` once its batches' rows are checked.
    private static func storeTogether(_ batches: [BatchWrite], on db: any Database) async throws -> [StoreOutcome] {
        guard !batches.isEmpty else { return [] }
        var first: [UUID: (batch: Int, hash: String, campaign: UUID)] = [:]
        var campaigns: [(id: UUID, weekStartsOn: Int, rows: [StoreRow])] = []
        for (index, batch) in batches.enumerated() {
            var fresh: [StoreRow] = []
            for row in batch.rows {
                if let earlier = first[row.entry.id] {
                    guard earlier.campaign == batch.campaignID else { throw AppError.server }
                    continue
                }
                first[row.entry.id] = (index, row.hash, batch.campaignID)
                fresh.append(row)
            }
            if let i = campaigns.firstIndex(where: { $0.id == batch.campaignID }) {
                campaigns[i].rows += fresh
            } else {
                campaigns.append((batch.campaignID, batch.weekStartsOn, fresh))
            }
        }
        var stored = StoreOutcome()
        for campaign in campaigns.sorted(by: { $0.id.bytesPrecede($1.id) }) where !campaign.rows.isEmpty {
            let outcome = try await store(campaign.rows, campaignID: campaign.id, weekStartsOn: campaign.weekStartsOn,
                                          countLater: true, on: db)
            stored.created.formUnion(outcome.created)
            stored.existingHashes.merge(outcome.existingHashes) { old, _ in old }
        }
        var outcomes: [StoreOutcome] = []
        for (index, batch) in batches.enumerated() {
            var outcome = StoreOutcome()
            for row in batch.rows {
                let id = row.entry.id
                guard let owner = first[id] else { continue }
                if owner.batch == index, stored.created.contains(id) {
                    outcome.created.insert(id)
                } else if let hash = stored.created.contains(id) ? owner.hash : stored.existingHashes[id] {
                    outcome.existingHashes[id] = hash
                }
            }
            outcomes.append(outcome)
        }
        try await Audit.record(zip(batches, outcomes).map { auditEvent($0, $1) }, on: db)
        return outcomes
    }

    /// One row per batch: which entries it created is recoverable from created_at and the ids it returned.
    private static func auditEvent(_ batch: BatchWrite, _ outcome: StoreOutcome) -> AuditEvent {
        let provinces = Set(batch.rows.map(\.province))
        // The smallest id as text: lowercase hex sorts as the bytes do, so only that one id is turned into text.
        let first = outcome.created.min { $0.bytesPrecede($1) }
        var event = batch.audit.object("support_entries", first?.uuidString.lowercased(),
                                       province: provinces.count == 1 ? provinces.first : nil)
        event.detail = "created \(outcome.created.count) of \(batch.rows.count) entries; provinces \(provinces.sorted().joined(separator: ","))"
        return event
    }

    struct StoreOutcome: Sendable {
        var created: Set<UUID> = []
        var existingHashes: [UUID: String] = [:]
        /// Rows refused by the checks against the database, with their errors.
        var rejected: [UUID: [FieldError]] = [:]
        /// How many of those were refused for the caller's access alone.
        var denied = 0
        /// The batch was routed by campaigns that have changed since; nothing of it was stored.
        var campaignsChanged = false
    }

    /// Inserts entries and their detail rows and adds them to the rollup ledger, or with `countLater` marks them
    /// for the ledger to count later (`RollupLedgerStore.applyPending`), which takes no ledger lock and leaves the
    /// ledger's work to be folded over many commits; returns which ids were new and the stored hashes of the rest.
    /// Runs inside the caller's write transaction.
    static func store(_ items: [StoreRow], campaignID: UUID, weekStartsOn: Int,
                      countLater: Bool = false, on db: any Database) async throws -> StoreOutcome {
        let sql = db.sql
        if !countLater { try await RollupLedgerStore.lock(on: db) }
        // In id order: PostgreSQL writes two groups at once, and two inserts meeting on the same ids (a resend while
        // the first is in flight) then take their locks in the same order rather than deadlock.
        let sorted = items.sorted { $0.entry.id.bytesPrecede($1.entry.id) }
        let seqs = try await EntrySequence.reserve(sorted.count, on: db)
        var entryValues: [BoundValue] = []
        entryValues.reserveCapacity(sorted.count * Inserts.entries.columns.count)
        for (row, seq) in zip(sorted, seqs) {
            entryValues += row.values.entry
            entryValues.append(.integer(seq))
        }
        let created = Set(try await Inserts.entries.ignoringTakenIDs(sorted.map(\.entry.id), entryValues, on: db))

        let fresh = zip(sorted, seqs).filter { created.contains($0.0.entry.id) }.map { (row: $0.0, seq: $0.1) }
        var counts: [BoundValue] = [], groups: [BoundValue] = [], people: [BoundValue] = []
        for (row, seq) in fresh {
            Inserts.keyed(row.values.counts, width: 2, seq: seq, into: &counts)
            Inserts.keyed(row.values.beneficiaries, width: 2, seq: seq, into: &groups)
            Inserts.keyed(row.values.volunteers, width: 1, seq: seq, into: &people)
        }
        try await Inserts.counts.run(counts, on: db)
        try await Inserts.beneficiaries.run(groups, on: db)
        try await Inserts.volunteers.run(people, on: db)
        try await Inserts.teamCommunes.run(teamCommunes(fresh.map(\.row.entry)), on: db)
        if countLater {
            try await RollupLedgerStore.markPending(fresh.map { ($0.row.entry.id, $0.row.values.ledger) }, campaignID: campaignID, on: db)
        } else {
            try await RollupLedgerStore.record(fresh.map { (RollupLedgerStore.ledgerEntry($0.row.entry, province: $0.row.province), 1) },
                                               campaignID: campaignID, weekStartsOn: weekStartsOn, on: db)
        }

        var existingHashes: [UUID: String] = [:]
        let others = items.map(\.entry.id).filter { !created.contains($0) }
        for chunk in others.chunked(into: 500) {
            let rows = try await sql.select().columns("id", "content_hash").from(SupportEntry.schema)
                .where("id", .in, Array(chunk)).all()
            for row in rows {
                existingHashes[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "content_hash", as: String.self)
            }
        }
        return StoreOutcome(created: created, existingHashes: existingHashes)
    }

    /// The (team, commune) pairs of these entries, once each and in order (two PostgreSQL writers then wait on the
    /// same pair in the same order rather than deadlock), for `team_entry_communes` (`EntryPlaces`).
    private static func teamCommunes(_ entries: [ValidSupportEntry]) -> [BoundValue] {
        struct Pair: Hashable { var team: UUID, commune: String }
        let pairs = Set(entries.map { Pair(team: $0.teamID, commune: $0.communeCode) })
            .sorted { $0.team == $1.team ? $0.commune < $1.commune : $0.team.bytesPrecede($1.team) }
        return pairs.flatMap { [BoundValue.uuid($0.team), .text($0.commune)] }
    }

    static func contentHash(_ entry: ValidSupportEntry, campaignCode: String) -> String {
        let digest = SHA256.hash(data: Data("campaign=\(campaignCode)\n\(entry.canonicalContent)".utf8))
        return Hex.string(digest)
    }

    private static func idString(_ id: UUID, raw: String?) -> String { raw ?? id.uuidString.lowercased() }

    static func rejected(_ id: String?, _ errors: [FieldError]) -> EntryResultDTO {
        let first = errors.first
        return .init(id: id, status: .rejected, error: .init(
            message: first.map { "\($0.field): \($0.message)" } ?? "Bản ghi không hợp lệ.",
            messageEN: first.map { "\($0.field): \($0.messageEN)" } ?? "Invalid entry.",
            fields: errors))
    }

    private static func conflict(_ id: String?, field: String) -> EntryResultDTO {
        .init(id: id, status: .conflict, error: .init(
            message: "Mã bản ghi này đã được dùng cho một nội dung khác; không ghi đè. Hãy tạo bản ghi mới hoặc sửa bản ghi cũ.",
            messageEN: "This entry id was already used for different content; nothing was overwritten.",
            fields: [FieldError(field: field, message: "Trùng mã với bản ghi đã lưu nhưng khác nội dung.",
                                messageEN: "Same id as a stored entry with different content.")]))
    }
}
