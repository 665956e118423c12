import CauNoiCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Fills a database with a realistic campaign through the domain validators and the API's own write
/// path (`SupportEntryIngest.store`), in large transactions.
public enum Simulator {
    public struct Report: Sendable {
        public var teams = 0
        public var volunteers = 0
        public var memberships = 0
        public var courseCompletions = 0
        public var entries = 0
        public var supports = 0
        public var seconds = 0.0
    }

    static let last = LocalDate(iso: "2025-08-11")!
    /// Entries per write transaction. Bigger than an API batch: fewer commits, and a bulk load has no client waiting on it.
    public static let storeBatch = 20_000

    /// `storeBatch`: entries per write transaction (tests make it small, so that many batches go through the pipeline).
    public static func run(_ app: Application, scale: SimulationScale, seed: UInt64, storeBatch: Int = Simulator.storeBatch,
                           progress: @escaping @Sendable (String, Double) -> Void) async throws -> Report {
        // Row timestamps come from the app's clock; the run's duration from a monotonic one.
        let now = app.appConfig.now()
        let started = ContinuousClock.now
        var rng = SimulationRandom(seed: seed)
        var report = Report()
        let db = app.db
        // The seeded campaign: the simulation replays the summer of 2025.
        let campaign = try await CampaignQueries.require(CampaignDefinition.summer2025.code, on: db)
        guard let definition = campaign.definition else { throw AppError.server }
        let communes = try await OrgUnit.query(on: db).filter(\.$level == OrgLevel.commune.rawValue).sort(\.$id).all()
        let picked = scale == .tiny ? Array(communes.prefix(40)) : communes
        // Urban wards get more teams and busier days; about 5% of communes go quiet (late or no reports).
        let weights = picked.map { $0.unitType == UnitType.phuong.rawValue ? 1.6 : 1.0 }
        let totalWeight = weights.reduce(0, +)
        var teamCommune: [Int] = []
        for (index, weight) in weights.enumerated() {
            teamCommune += Array(repeating: index, count: max(1, Int((Double(scale.teams) * weight / totalWeight).rounded())))
        }
        let quiet = Set(picked.indices.filter { _ in Double.random(in: 0..<1, using: &rng) < 0.05 })

        // Every write goes through the node's writer (SQLite: its own connection and thread), one transaction in flight
        // while the next rows are generated.
        var behind = WriteBehind(write: { body in try await app.writeTransaction(body) })
        func writeVolunteers(_ rows: inout [BoundValue]) async throws -> Int {
            let chunk = rows
            rows.removeAll(keepingCapacity: true)
            try await behind.start { db in try await VolunteerQueries.insertBulkRows(chunk, on: db) }
            return chunk.count / VolunteerQueries.bulkColumns.count
        }
        do {
            // Volunteers, validated like the API's, written in bulk.
            progress("tình nguyện viên", 0)
            let perTeam = max(2, scale.volunteers / max(teamCommune.count, 1))
            var volunteerIDs: [[UUID]] = []
            var rows: [BoundValue] = []
            var phone = 300_000_000
            let today = LocalDate(iso: "2025-08-11")!
            for (teamIndex, communeIndex) in teamCommune.enumerated() {
                var ids: [UUID] = []
                let commune = picked[communeIndex]
                for _ in 0..<perTeam {
                    phone += 1
                    var draft = VolunteerDraft()
                    draft.fullName = "Tình nguyện viên \(teamIndex)-\(ids.count)"
                    draft.phone = "0\(phone + 600_000_000)"
                    draft.birthYear = Int.random(in: 1990...2008, using: &rng)
                    draft.gender = Bool.random(using: &rng) ? "female" : "male"
                    draft.homeCommuneCode = commune.id
                    draft.forceType = ["local", "local", "student", "reinforcement"].randomElement(using: &rng)
                    draft.techSkill = ["basic", "intermediate", "advanced"].randomElement(using: &rng)
                    draft.languages = Double.random(in: 0..<1, using: &rng) < 0.1 ? ["vi", Language.allCases.randomElement(using: &rng)!.rawValue] : ["vi"]
                    draft.consentDate = "2025-06-25"
                    let valid = try VolunteerValidator.validate(draft, today: today).get()
                    let id = UUIDv7.make()
                    ids.append(id)
                    rows += VolunteerQueries.bulkRow(valid, id: id, provinceCode: commune.provinceCode ?? "", now: now)
                }
                volunteerIDs.append(ids)
                if rows.count >= 20_000 * VolunteerQueries.bulkColumns.count {
                    report.volunteers += try await writeVolunteers(&rows)
                    progress("tình nguyện viên", Double(teamIndex) / Double(teamCommune.count))
                }
            }
            report.volunteers += try await writeVolunteers(&rows)

            // Teams and memberships through the team validator; course completions for most volunteers.
            progress("đội hình", 0)
            var teams: [(id: UUID, commune: Int)] = []
            var teamRows: [BoundValue] = []
            var memberRows: [BoundValue] = []
            var courseRows: [BoundValue] = []
            for (teamIndex, communeIndex) in teamCommune.enumerated() {
                let commune = picked[communeIndex]
                var draft = TeamDraft()
                draft.name = "Đội hình TNTN \(commune.name) số \(teamIndex + 1)"
                draft.code = "SIM-\(teamIndex + 1)"
                draft.homeCommuneCode = commune.id
                draft.kind = commune.unitType == UnitType.phuong.rawValue ? "service_centre" : ["service_centre", "community_digital", "home_support"].randomElement(using: &rng)
                draft.hotline = draft.kind == "home_support" ? "0243\(String(format: "%07d", teamIndex))" : nil
                draft.activeFrom = definition.start.iso
                // Duty by kind, without drawing from the generator (the seeds' figures stay as they were).
                switch draft.kind {
                case "service_centre": (draft.dutyDays, draft.dutyHours) = ([1, 2, 3, 4, 5], "7:30–11:30, 13:30–17:00")
                case "home_support": (draft.dutyDays, draft.dutyHours) = ([1, 2, 3, 4, 5, 6, 7], "Hẹn qua đường dây nóng, 7:00–20:00")
                default: (draft.dutyDays, draft.dutyHours) = ([6, 7], "8:00–11:00")
                }
                let valid = try TeamValidator.validate(draft).get()
                let id = UUIDv7.make()
                teams.append((id, communeIndex))
                teamRows += TeamQueries.bulkRow(valid, id: id, provinceCode: commune.provinceCode ?? "", now: now)
                for volunteer in volunteerIDs[teamIndex] {
                    memberRows += [.uuid(UUIDv7.make()), .uuid(id), .uuid(volunteer), .text(definition.start.iso), .null]
                    report.memberships += 1
                    let roll = Double.random(in: 0..<1, using: &rng)
                    let courses = roll < 0.85 ? definition.requiredCourses : (roll < 0.95 ? Array(definition.requiredCourses.prefix(1)) : [])
                    for course in courses {
                        courseRows += [.uuid(UUIDv7.make()), .uuid(volunteer), .text(course.code), .text("2025-06-28"), .null, .text("simulation")]
                        report.courseCompletions += 1
                    }
                }
            }
            report.teams = teams.count
            try await behind.start { [teamRows, memberRows, courseRows] db in
                try await TeamQueries.insertBulk(teams: teamRows, memberships: memberRows, courses: courseRows, on: db)
            }

            // Entries, day by day, through the validator and the API's store.
            let days = (0...definition.start.dayNumberDistance(to: last)).map { definition.start.adding(days: $0) }
            let dayWeights = days.enumerated().map { CampaignRhythm.weight(dayIndex: $0.offset, weekday: $0.element.weekday) }
            // 1–3 categories of 1–5 supports: 6 an entry on average; quiet communes and the urban/rural mix take about 4%.
            let meanSupport = 6.0 * 0.96
            let entriesWanted = Double(scale.supports) / meanSupport
            let rules = SupportEntryRules(campaign: definition, today: last)
            let campaignID = try campaign.requireID()
            let categories = definition.categories.map(\.code)
            let dayTotal = dayWeights.reduce(0, +)
            var batch: [SupportEntryIngest.StoreRow] = []
            // The campaign's ledger, summed as the entries are generated and written once at the end (the database is fresh).
            var ledger = RollupLedger.Load(weekStartsOn: definition.weekStartsOn)
            func writeEntries(_ batch: inout [SupportEntryIngest.StoreRow]) async throws {
                guard !batch.isEmpty else { return }
                let rows = batch, weekStartsOn = definition.weekStartsOn
                batch.removeAll(keepingCapacity: true)
                ledger.add(rows.map { RollupLedgerStore.ledgerEntry($0.entry, province: $0.province) })
                try await behind.start { db in
                    // With pending marks, as the API's: a load that stops midway is counted by any node (`LedgerApplier`).
                    let stored = try await SupportEntryIngest.store(rows, campaignID: campaignID, weekStartsOn: weekStartsOn, countLater: true, on: db)
                    // The ledger counts every row of the batch: all must be new (fresh ids in an empty campaign).
                    guard stored.created.count == rows.count else { throw AppError.server }
                }
            }
            for (dayIndex, day) in days.enumerated() {
                let expectedEntries = entriesWanted * dayWeights[dayIndex] / dayTotal
                let perTeamMean = expectedEntries / Double(teams.count)
                for (teamIndex, team) in teams.enumerated() {
                    // Generating is CPU work between writes: let the server's other tasks run now and then (the
                    // cooperative pool has one thread per core; a 2-core node would otherwise stall its requests).
                    if teamIndex % 32 == 31 { await Task.yield() }
                    let urban = picked[team.commune].unitType == UnitType.phuong.rawValue
                    if quiet.contains(team.commune) && Double.random(in: 0..<1, using: &rng) < 0.8 { continue }
                    // Entries this team logs today: the whole part of its expected number, plus one more with the
                    // probability of the fraction, so 10x really is ten times as many (no cap at one a day).
                    let repeats = entriesToday(mean: perTeamMean * (urban ? 1.25 : 0.85), roll: Double.random(in: 0..<1, using: &rng))
                    for _ in 0..<repeats {
                        var draft = SupportEntryDraft()
                        draft.id = UUIDv7.make().uuidString
                        draft.teamID = team.id.uuidString
                        draft.communeCode = picked[team.commune].id
                        draft.date = day.iso
                        let members = volunteerIDs[teamIndex]
                        draft.volunteerIDs = members.shuffled(using: &rng).prefix(Int.random(in: 1...min(4, members.count), using: &rng)).map(\.uuidString)
                        var counts: [String: Int] = [:]
                        for _ in 0..<Int.random(in: 1...3, using: &rng) {
                            counts[categories.randomElement(using: &rng)!, default: 0] += Int.random(in: 1...5, using: &rng)
                        }
                        draft.counts = counts
                        let total = counts.values.reduce(0, +)
                        draft.beneficiaries = ["elderly": Int.random(in: 0...total, using: &rng)]
                        draft.place = urban ? "service_centre" : ["service_centre", "home", "village", "mobile_point"].randomElement(using: &rng)
                        draft.languages = ["vi"]
                        let valid = try SupportEntryValidator.validate(draft, rules: rules).get()
                        batch.append(.init(entry: valid, hash: SupportEntryIngest.contentHash(valid, campaignCode: definition.code),
                                           province: picked[team.commune].provinceCode ?? "", entryID: valid.id, version: 1,
                                           campaignID: campaignID, createdAt: now))
                        report.supports += valid.total
                        if batch.count >= storeBatch {
                            try await writeEntries(&batch)
                            report.entries += storeBatch
                        }
                    }
                }
                progress("nhật ký hỗ trợ", Double(dayIndex + 1) / Double(days.count))
            }
            report.entries += batch.count
            try await writeEntries(&batch)
            try await behind.finish()
            progress("sổ cộng dồn", 0)
            let counted = ledger
            try await app.writeTransaction { db in
                // Nodes serving the same database (a cluster) count marked entries as they are committed: if one has,
                // the ledger is no longer empty, and the campaign is counted again from its stored entries instead.
                try await RollupLedgerStore.lock(on: db)
                if try await RollupLedgerStore.ledgerIsEmpty(campaignID: campaignID, on: db) {
                    try await RollupLedgerStore.writeLoad(counted, campaignID: campaignID, dropping: .allOfCampaign, on: db)
                } else {
                    try await RollupLedgerStore.recompute(campaign: campaign, on: db)
                }
            }
            progress("sổ cộng dồn", 1)
        } catch {
            // Let the transaction in flight finish (or fail) before the caller shuts the database down.
            try? await behind.finish()
            throw error
        }
        let elapsed = ContinuousClock.now - started
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return report
    }

    /// The whole part of the expected number, plus one with the probability of the fraction: the mean is exact at any scale.
    static func entriesToday(mean: Double, roll: Double) -> Int {
        let whole = Int(mean)
        return whole + (roll < mean - Double(whole) ? 1 : 0)
    }

    /// One write transaction in flight while the caller goes on generating rows; each waits for the one before.
    private struct WriteBehind {
        typealias Transaction = @Sendable (@escaping @Sendable (any Database) async throws -> Void) async throws -> Void
        let write: Transaction
        private var writing: Task<Void, any Error>?

        init(write: @escaping Transaction) {
            self.write = write
        }

        mutating func start(_ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
            try await writing?.value
            let write = write
            writing = Task { try await write(body) }
        }

        /// Waits for the last transaction. It has ended when this returns, whatever happened: the caller shuts the
        /// database down next.
        mutating func finish() async throws {
            let written = await writing?.result
            writing = nil
            try written?.get()
        }
    }
}

extension LocalDate {
    func dayNumberDistance(to other: LocalDate) -> Int { other.dayNumber - dayNumber }
}
