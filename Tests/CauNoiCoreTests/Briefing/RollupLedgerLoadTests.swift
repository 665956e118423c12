import Testing
@testable import CauNoiCore

@Suite("Rollup ledger of a bulk load")
struct RollupLedgerLoadTests {
    typealias L = RollupLedger

    /// Entries over five Thursday weeks, three provinces, a few teams and communes and thirty volunteers, some of whom
    /// work in two provinces; the same every run.
    static func entries(_ count: Int) -> [L.Entry] {
        var state: UInt64 = 2025
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        let start = LocalDate(iso: "2025-07-01")!
        return (0..<count).map { _ in
            let province = ["01", "79", "92"][next(3)]
            return L.Entry(date: start.adding(days: next(35)), teamID: "t\(next(6))", communeCode: "\(province)-c\(next(4))",
                           provinceCode: province, total: 1 + next(5), place: ["home", "service_centre"][next(2)],
                           counts: ["vneid": 1 + next(3)], groups: ["elderly": next(2)],
                           volunteerIDs: Array(Set((0..<(1 + next(3))).map { _ in "v\(next(30))" })).sorted())
        }
    }

    @Test("counted once, the load gives the rows and counters of adding its batches one after another, its rows in parts",
          arguments: [1, 4, 1_000])
    func sameAsBatches(subjectsPerPart: Int) {
        let all = Self.entries(600)
        let batches = stride(from: 0, to: all.count, by: 70).map { Array(all[$0..<min($0 + 70, all.count)]) }
        let flagged: Set<L.Subject> = [.init(kind: .volunteer, id: "v3"), .init(kind: .volunteer, id: "v17"), .init(kind: .commune, id: "79-c2")]
        let expected = RollupLedgerCoreTests.runBoth(batches.map { $0.map { ($0, 1) } }, flagged: flagged, weekStartsOn: 4)
        var expectedRows: [L.PresenceKey: L.Days] = [:]
        for batch in batches {
            for (key, days) in L.presenceDeltas(batch.map { ($0, 1) }, weekStartsOn: 4) { expectedRows[key, default: L.Days()] += days }
        }

        var load = L.Load(weekStartsOn: 4)
        for batch in batches { load.add(batch) }
        #expect(load.entries == 600)
        #expect(load.rowCount == expectedRows.count)
        #expect(load.sums == L.sums(all.map { ($0, 1) }))

        let counted = load.counted(flagged: flagged, subjectsPerPart: subjectsPerPart)
        var rows: [(key: L.PresenceKey, days: L.Days)] = []
        var parts = 0
        for part in counted.parts {
            parts += 1
            rows += part
        }
        #expect(Dictionary(uniqueKeysWithValues: rows.map { ($0.key, $0.days) }) == expectedRows)
        #expect(counted.counters == expected.weeks)
        #expect(counted.dayCounters == expected.days)
        #expect(!expected.weeks.values.allSatisfy { $0.f == 0 }, "some flagged subjects are counted")
        // In the presence table's key order, so that a bulk insert appends to its index.
        let order = rows.map { [$0.key.subject.kind.rawValue, $0.key.subject.id, $0.key.province, $0.key.week] }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        let subjects = Set(rows.map(\.key.subject)).count
        #expect(parts == (subjects + subjectsPerPart - 1) / subjectsPerPart)
    }

    @Test("an empty load has no rows, counters or sums")
    func empty() {
        let load = L.Load(weekStartsOn: 1)
        let counted = load.counted(flagged: [], subjectsPerPart: 10)
        #expect(Array(counted.parts).isEmpty && counted.counters.isEmpty && counted.dayCounters.isEmpty)
        #expect(load.sums.isEmpty && load.subjectsPresent.isEmpty)
    }
}
