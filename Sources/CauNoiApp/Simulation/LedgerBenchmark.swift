import CauNoiCore
import Foundation

/// The rollup ledger's arithmetic alone (issue 16): what `RollupLedgerStore.plan` computes for a fold of pending
/// entries, without the database. Entries look like `bench/ingest_profile.py`'s phones: a team of the campaign, one to
/// three of its members, one of ten days (two reporting weeks), two categories. Folds run one after another on a
/// ledger that grows as they are counted, each given the stored rows of the subjects it touches, as the store reads
/// them, each entry read from the text its pending mark carries. Prints the time per entry of each step, so a change
/// to the ledger's core is measured, not guessed.
public enum LedgerBenchmark {
    public struct Result: Sendable {
        public var entries: Int
        public var folds: Int
        /// Seconds summed over the folds: reading the marks' text, then each step of the plan.
        public var decode: Double
        public var deltas: Double
        public var apply: Double
        public var transition: Double
        public var sums: Double
        /// Presence rows written and counters changed, summed over the folds (the work is the same whatever the speed).
        public var rows: Int
        public var counters: Int
    }

    public static func run(teams teamCount: Int = 113, members: Int = 27, folds: Int = 16, foldSize: Int = 5_000,
                           seed: UInt64 = 2025) -> Result {
        var rng = SimulationRandom(seed: seed)
        let provinces = (1...34).map { String(format: "%02d", $0) }
        struct Team { var id: String; var commune: String; var province: String; var people: [String] }
        let teams = (0..<teamCount).map { t in
            Team(id: uuid(&rng), commune: String(format: "%05d", 70 + t * 3),
                 province: provinces[t % provinces.count],
                 people: (0..<members).map { _ in uuid(&rng) })
        }
        let first = LocalDate(iso: "2025-08-01")!
        let categories = ["vneid", "ho_so", "thanh_toan", "ky_nang_so", "thu_tuc"]
        var stored: [RollupLedger.PresenceKey: RollupLedger.Days] = [:]
        var result = Result(entries: 0, folds: folds, decode: 0, deltas: 0, apply: 0, transition: 0, sums: 0, rows: 0, counters: 0)
        let clock = ContinuousClock()
        for _ in 0..<folds {
            let made: [RollupLedger.Entry] = (0..<foldSize).map { _ in
                let team = teams[Int.random(in: 0..<teams.count, using: &rng)]
                var people = team.people
                people.shuffle(using: &rng)
                var counts: [String: Int] = [:]
                for category in categories.shuffled(using: &rng).prefix(2) { counts[category] = Int.random(in: 1...9, using: &rng) }
                let entry = RollupLedger.Entry(
                    date: LocalDate(dayNumber: first.dayNumber + Int.random(in: 0..<10, using: &rng)), teamID: team.id,
                    communeCode: team.commune, provinceCode: team.province, total: counts.values.reduce(0, +), place: "service_centre",
                    counts: counts, groups: [:], volunteerIDs: Array(people.prefix(Int.random(in: 1...3, using: &rng))))
                return entry
            }
            let texts = made.map(\.encoded)
            let decoding = clock.now
            let changes: [(entry: RollupLedger.Entry, sign: Int)] = texts.compactMap { RollupLedger.Entry(encoded: $0) }.map { ($0, 1) }
            result.decode += seconds(clock.now - decoding)
            precondition(changes.count == made.count, "every mark's text reads back")
            // What the store reads: every stored row of the subjects touched (a superset of what it needs).
            var subjects = Set<RollupLedger.Subject>()
            for (e, _) in changes {
                subjects.insert(.init(kind: .team, id: e.teamID))
                subjects.insert(.init(kind: .commune, id: e.communeCode))
                for v in e.volunteerIDs { subjects.insert(.init(kind: .volunteer, id: v)) }
            }
            let touched = stored.filter { subjects.contains($0.key.subject) }

            let start = clock.now
            let deltas = RollupLedger.presenceDeltas(changes, weekStartsOn: 4)
            let afterDeltas = clock.now
            let pending = RollupLedger.apply(deltas, stored: touched)
            let afterApply = clock.now
            let transition = pending.transition(flagged: [])
            let afterTransition = clock.now
            let sums = RollupLedger.sums(changes)
            let end = clock.now

            result.deltas += seconds(afterDeltas - start)
            result.apply += seconds(afterApply - afterDeltas)
            result.transition += seconds(afterTransition - afterApply)
            result.sums += seconds(end - afterTransition)
            result.entries += changes.count
            result.rows += transition.rows.count
            result.counters += transition.counters.count + transition.dayCounters.count + sums.count
            for (key, days) in transition.rows { stored[key] = days.isEmpty ? nil : days }
        }
        return result
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// A UUID's text from the generator, so the same seed gives the same ids.
    private static func uuid(_ rng: inout SimulationRandom) -> String {
        UUID(uuid: withUnsafeBytes(of: (rng.next(), rng.next())) { $0.load(as: uuid_t.self) }).uuidString.lowercased()
    }
}
