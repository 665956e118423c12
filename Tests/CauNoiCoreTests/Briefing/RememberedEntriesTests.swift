import Foundation
import Testing
@testable import CauNoiCore

@Suite("Entries a node remembers for the ledger")
struct RememberedEntriesTests {
    static let start = ContinuousClock.now

    static func entries(_ count: Int) -> [(UUID, RollupLedger.Entry)] {
        (0..<count).map { index in
            (UUID(), RollupLedger.Entry(date: LocalDate(iso: "2025-08-01")!, teamID: "t\(index)", communeCode: "c", provinceCode: "01",
                                        total: 1, place: "home", counts: ["vneid": 1], groups: [:], volunteerIDs: ["v\(index)"]))
        }
    }

    @Test("what was added is taken once, in any order, across generations")
    func takeOnce() {
        var held = RememberedEntries(capacity: 10)
        let first = Self.entries(3), second = Self.entries(2)
        let keptFirst = held.add(first, at: Self.start), keptSecond = held.add(second, at: Self.start + .seconds(2))
        #expect(keptFirst && keptSecond)
        #expect(held.count == 5)
        let taken = held.take([second[1].0, first[0].0, UUID()])
        #expect(Set(taken.keys) == [second[1].0, first[0].0])
        #expect(taken[first[0].0] == first[0].1)
        #expect(held.count == 3)
        let again = held.take([first[0].0])
        #expect(again.isEmpty, "taken once")
        let rest = held.take((first + second).map(\.0))
        #expect(rest.count == 3)
        #expect(held.count == 0)
    }

    /// The ledger counts the oldest marks first: a full cache keeps them and refuses newer entries.
    @Test("when full, newer entries are refused and the held ones kept")
    func fullKeepsOldest() {
        var held = RememberedEntries(capacity: 5)
        let old = Self.entries(4), new = Self.entries(2)
        let keptOld = held.add(old, at: Self.start), keptNew = held.add(new, at: Self.start + .seconds(5))
        #expect(keptOld && !keptNew)
        #expect(held.count == 4)
        let takenNew = held.take(new.map(\.0)), takenOld = held.take(old.map(\.0))
        #expect(takenNew.isEmpty && takenOld.count == 4)
        let keptLater = held.add(new, at: Self.start + .seconds(6))
        #expect(keptLater, "room again once counted")
        let keptTooMany = held.add(Self.entries(6), at: Self.start + .seconds(7))
        #expect(!keptTooMany, "more than the capacity at once")
    }

    /// Entries counted elsewhere (another node, a rebuild) are never taken here: they must not fill it for good.
    @Test("a full cache drops generations older than staleAfter to make room, and only those")
    func dropsStale() {
        var held = RememberedEntries(capacity: 5, span: .seconds(1), staleAfter: .seconds(60))
        let stale = Self.entries(3), recent = Self.entries(2), new = Self.entries(2)
        let keptStale = held.add(stale, at: Self.start), keptRecent = held.add(recent, at: Self.start + .seconds(30))
        let keptEarly = held.add(new, at: Self.start + .seconds(59))
        #expect(keptStale && keptRecent && !keptEarly, "nothing stale yet")
        let keptNew = held.add(new, at: Self.start + .seconds(61))
        #expect(keptNew)
        #expect(held.count == 4)
        let takenStale = held.take(stale.map(\.0)), takenRest = held.take((recent + new).map(\.0))
        #expect(takenStale.isEmpty && takenRest.count == 4)
    }
}
