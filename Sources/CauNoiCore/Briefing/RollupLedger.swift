/// The bookkeeping behind fast rollups, kept beside the entries in the same write transaction.
///
/// Additive figures (supports per category, group and place) are summed per day for the nation and
/// for each province. Distinct figures (teams, communes, volunteers) cannot be summed, so every
/// subject keeps a reference count per province and reporting week of its campaign ("presence"), and counters per scope
/// and week hold how many subjects were present (`n`) and how many were present for the first time
/// in the campaign (`nNew`): a week's distinct count is one row, the campaign-to-date count is a sum
/// over at most a dozen rows. `f` and `fNew` count the flagged subset — trained volunteers, border
/// or island communes — the same way.
///
/// Everything here is pure: the app layer reads the affected rows, calls these functions and writes
/// the result. Corrections are a removal (sign -1) of the old version and an addition of the new.
public enum RollupLedger {
    /// The nation's scope code; provinces use their own code.
    public static let nationalScope = "VN"

    public enum Kind: String, Sendable, CaseIterable {
        case team, commune, volunteer
    }

    /// One stored entry version, reduced to what the rollups read.
    public struct Entry: Sendable, Hashable {
        public var date: LocalDate
        public var teamID: String
        public var communeCode: String
        public var provinceCode: String
        public var total: Int
        public var place: String
        public var counts: [String: Int]
        public var groups: [String: Int]
        public var volunteerIDs: [String]

        public init(date: LocalDate, teamID: String, communeCode: String, provinceCode: String, total: Int, place: String,
                    counts: [String: Int], groups: [String: Int], volunteerIDs: [String]) {
            self.date = date
            self.teamID = teamID
            self.communeCode = communeCode
            self.provinceCode = provinceCode
            self.total = total
            self.place = place
            self.counts = counts
            self.groups = groups
            self.volunteerIDs = volunteerIDs
        }

        func subjects() -> [(Kind, String)] {
            [(.team, teamID), (.commune, communeCode)] + volunteerIDs.map { (.volunteer, $0) }
        }
    }

    public enum Measure: String, Sendable, CaseIterable {
        case supports, entries, category, group, place
    }

    public struct SumKey: Hashable, Sendable {
        public var scope: String
        public var date: String
        public var measure: Measure
        public var item: String

        public init(scope: String, date: String, measure: Measure, item: String) {
            self.scope = scope
            self.date = date
            self.measure = measure
            self.item = item
        }
    }

    public struct Subject: Hashable, Sendable {
        public var kind: Kind
        public var id: String

        public init(kind: Kind, id: String) {
            self.kind = kind
            self.id = id
        }
    }

    /// A subject's presence in one province during one reporting week (`week` is its first day, ISO text).
    public struct PresenceKey: Hashable, Sendable {
        public var subject: Subject
        public var province: String
        public var week: String

        public init(subject: Subject, province: String, week: String) {
            self.subject = subject
            self.province = province
            self.week = week
        }
    }

    public struct CounterKey: Hashable, Sendable {
        public var scope: String
        public var kind: Kind
        public var week: String

        public init(scope: String, kind: Kind, week: String) {
            self.scope = scope
            self.kind = kind
            self.week = week
        }
    }

    public struct Counter: Hashable, Sendable {
        public var n = 0
        public var nNew = 0
        public var f = 0
        public var fNew = 0

        public init(n: Int = 0, nNew: Int = 0, f: Int = 0, fNew: Int = 0) {
            self.n = n
            self.nNew = nNew
            self.f = f
            self.fNew = fNew
        }

        public var isZero: Bool { n == 0 && nNew == 0 && f == 0 && fNew == 0 }

        static func += (lhs: inout Counter, rhs: Counter) {
            lhs.n += rhs.n
            lhs.nNew += rhs.nNew
            lhs.f += rhs.f
            lhs.fNew += rhs.fNew
        }
    }

    // MARK: - Sums

    /// Day sums for the nation and each entry's province; `sign` is +1 to add an entry, -1 to retire it.
    public static func sums(_ entries: [(entry: Entry, sign: Int)]) -> [SumKey: Int] {
        var out: [SumKey: Int] = [:]
        for (e, sign) in entries {
            let day = e.date.iso
            for scope in [nationalScope, e.provinceCode] {
                out[SumKey(scope: scope, date: day, measure: .supports, item: ""), default: 0] += sign * e.total
                out[SumKey(scope: scope, date: day, measure: .entries, item: ""), default: 0] += sign
                out[SumKey(scope: scope, date: day, measure: .place, item: e.place), default: 0] += sign * e.total
                for (category, count) in e.counts where count != 0 {
                    out[SumKey(scope: scope, date: day, measure: .category, item: category), default: 0] += sign * count
                }
                for (group, count) in e.groups where count != 0 {
                    out[SumKey(scope: scope, date: day, measure: .group, item: group), default: 0] += sign * count
                }
            }
        }
        return out.filter { $0.value != 0 }
    }

    // MARK: - Presence

    /// Reference-count changes per subject, province and reporting week (weeks start on `weekStartsOn`).
    public static func presenceDeltas(_ entries: [(entry: Entry, sign: Int)], weekStartsOn: Int) -> [PresenceKey: Int] {
        var out: [PresenceKey: Int] = [:]
        for (e, sign) in entries {
            let week = ReportingWeek(containing: e.date, startsOn: weekStartsOn).key
            for (kind, id) in e.subjects() {
                out[PresenceKey(subject: Subject(kind: kind, id: id), province: e.provinceCode, week: week), default: 0] += sign
            }
        }
        return out.filter { $0.value != 0 }
    }

    public struct Transition: Sendable, Equatable {
        /// Presence rows to write with their new reference count; 0 means delete the row.
        public var rows: [PresenceKey: Int]
        /// Counter changes to add.
        public var counters: [CounterKey: Counter]
    }

    /// Applies reference-count changes given every stored presence row of the affected subjects.
    ///
    /// `stored` must hold all rows of each subject in `deltas` (every province and week), because the
    /// nation's figures and "first week" depend on all of them. A count going below zero means the
    /// ledger and the entries disagree; it is treated as zero rather than poisoning later counts.
    public static func apply(_ deltas: [PresenceKey: Int], stored: [PresenceKey: Int], flagged: Set<Subject>) -> Transition {
        let pending = apply(deltas, stored: stored)
        return pending.transition(flagged: flagged.intersection(pending.subjectsWithCounterChanges))
    }

    /// The same in two steps, so a caller asks which subjects are flagged only for those whose
    /// counters move (most entries land in a week where their team and people already appear).
    public static func apply(_ deltas: [PresenceKey: Int], stored: [PresenceKey: Int]) -> PendingTransition {
        // A subject has a handful of rows (weeks × provinces): small arrays beat nested dictionaries here,
        // and this runs for every subject of every batch.
        var bySubject: [Subject: [(key: PresenceKey, value: Int)]] = [:]
        for (key, refs) in stored { bySubject[key.subject, default: []].append((key, refs)) }
        var deltasBySubject: [Subject: [(key: PresenceKey, value: Int)]] = [:]
        for (key, delta) in deltas { deltasBySubject[key.subject, default: []].append((key, delta)) }
        var rows: [PresenceKey: Int] = [:]
        var changes: [Subject: [CounterKey: Counter]] = [:]
        for (subject, subjectDeltas) in deltasBySubject {
            let before = bySubject[subject] ?? []
            var after = before
            var moved = false
            for (key, delta) in subjectDeltas {
                let old: Int, new: Int
                if let i = after.firstIndex(where: { $0.key == key }) {
                    old = after[i].value
                    new = max(0, old + delta)
                    after[i].value = new
                } else {
                    old = 0
                    new = max(0, delta)
                    after.append((key, new))
                }
                if new != old {
                    rows[key] = new
                    moved = true
                }
            }
            guard moved else { continue }
            let change = counterChange(subject: subject, before: weeksByScope(before), after: weeksByScope(after), flagged: false)
                .filter { !$0.value.isZero }
            if !change.isEmpty { changes[subject] = change }
        }
        return PendingTransition(rows: rows, changes: changes)
    }

    public struct PendingTransition: Sendable {
        public var rows: [PresenceKey: Int]
        /// Per subject, the unflagged counter changes (`n`, `nNew`); a flagged subject moves `f`, `fNew` alike.
        var changes: [Subject: [CounterKey: Counter]]

        public var subjectsWithCounterChanges: Set<Subject> { Set(changes.keys) }

        public func transition(flagged: Set<Subject>) -> Transition {
            var counters: [CounterKey: Counter] = [:]
            for (subject, change) in changes {
                let isFlagged = flagged.contains(subject)
                for (key, c) in change {
                    counters[key, default: Counter()] += isFlagged ? Counter(n: c.n, nNew: c.nNew, f: c.n, fNew: c.nNew) : c
                }
            }
            return Transition(rows: rows, counters: counters.filter { !$0.value.isZero })
        }
    }

    /// Counter changes when a subject gains (`on`) or loses its flag, given all its presence rows.
    public static func flagChanged(_ subject: Subject, stored: [PresenceKey: Int], on: Bool) -> [CounterKey: Counter] {
        let sign = on ? 1 : -1
        var out: [CounterKey: Counter] = [:]
        for (scope, weeks) in weeksByScope(stored.filter { $0.key.subject == subject }) {
            for week in weeks { out[CounterKey(scope: scope, kind: subject.kind, week: week), default: Counter()].f += sign }
            if let first = weeks.min() { out[CounterKey(scope: scope, kind: subject.kind, week: first), default: Counter()].fNew += sign }
        }
        return out.filter { !$0.value.isZero }
    }

    private static func counterChange(subject: Subject, before old: [String: Set<String>], after new: [String: Set<String>],
                                      flagged: Bool) -> [CounterKey: Counter] {
        var out: [CounterKey: Counter] = [:]
        for scope in Set(old.keys).union(new.keys) {
            let was = old[scope] ?? [], now = new[scope] ?? []
            func bump(_ week: String, _ update: (inout Counter) -> Void) {
                update(&out[CounterKey(scope: scope, kind: subject.kind, week: week), default: Counter()])
            }
            for week in now.subtracting(was) { bump(week) { $0.n += 1; if flagged { $0.f += 1 } } }
            for week in was.subtracting(now) { bump(week) { $0.n -= 1; if flagged { $0.f -= 1 } } }
            let firstBefore = was.min(), firstAfter = now.min()
            if firstBefore != firstAfter {
                if let w = firstBefore { bump(w) { $0.nNew -= 1; if flagged { $0.fNew -= 1 } } }
                if let w = firstAfter { bump(w) { $0.nNew += 1; if flagged { $0.fNew += 1 } } }
            }
        }
        return out
    }

    /// Weeks with a positive count, per province and for the nation (the union of its provinces).
    private static func weeksByScope(_ rows: some Sequence<(key: PresenceKey, value: Int)>) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for (key, refs) in rows where refs > 0 {
            out[key.province, default: []].insert(key.week)
            out[nationalScope, default: []].insert(key.week)
        }
        return out
    }

    // MARK: - Reading

    /// How the ledger can answer a date range: one reporting week, or everything from the campaign's
    /// start to the end of a week. Other ranges are answered from the entries themselves.
    public enum Period: Sendable, Equatable {
        case week(String)
        case throughWeek(String)
    }

    /// What the ledger needs to know of a campaign to answer a range.
    public struct Span: Sendable, Hashable {
        public var start: LocalDate
        /// The last day that can hold entries: the campaign's end, or today while it runs (no entry is dated later).
        public var lastDay: LocalDate
        public var weekStartsOn: Int

        public init(start: LocalDate, lastDay: LocalDate, weekStartsOn: Int) {
            self.start = start
            self.lastDay = lastDay
            self.weekStartsOn = weekStartsOn
        }
    }

    /// A range that runs past the last day that can hold entries reads as if it ran to the end of that day's week
    /// (nothing is stored in between), so "the whole campaign" and "this week so far" come from the ledger too.
    public static func period(for range: DateRange, span: Span) -> Period? {
        var to = range.to
        if to >= span.lastDay { to = ReportingWeek(containing: span.lastDay, startsOn: span.weekStartsOn).end }
        let week = ReportingWeek(containing: to, startsOn: span.weekStartsOn)
        guard to == week.end else { return nil }
        if range.from == week.start { return .week(week.key) }
        if range.from <= span.start { return .throughWeek(week.key) }
        return nil
    }
}
