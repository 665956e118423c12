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

        /// Calls `body` with each subject the entry places in its province and week: its team, its commune, its
        /// volunteers. A walk rather than an array: this runs for every entry the ledger counts.
        func forEachSubject(_ body: (Kind, String) -> Void) {
            body(.team, teamID)
            body(.commune, communeCode)
            for id in volunteerIDs { body(.volunteer, id) }
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

        public static func += (lhs: inout Counter, rhs: Counter) {
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
        // A fold's entries fall on a few days: each day's text is made once (`iso` was a tenth of this function's time).
        var days = DayTexts()
        for (e, sign) in entries {
            let day = days.iso(e.date.dayNumber)
            func add(_ scope: String) {
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
            add(nationalScope)
            add(e.provinceCode)
        }
        return out.filter { $0.value != 0 }
    }

    /// Day numbers as ISO text, each made once: a fold's entries, rows and counters fall on a few dozen days.
    struct DayTexts {
        private var made: [Int: String] = [:]

        mutating func iso(_ dayNumber: Int) -> String {
            if let text = made[dayNumber] { return text }
            let text = LocalDate(dayNumber: dayNumber).iso
            made[dayNumber] = text
            return text
        }
    }

    /// The other way: a row's week (its first day's ISO text) as a day number, parsed once per distinct week. A
    /// subject has rows in a few weeks of one campaign, so a short list searched in order beats hashing.
    struct WeekNumbers {
        private var parsed: [(text: String, dayNumber: Int)] = []

        mutating func dayNumber(_ week: String) -> Int? {
            if let found = parsed.first(where: { $0.text == week }) { return found.dayNumber }
            guard let dayNumber = LocalDate(iso: week)?.dayNumber else { return nil }
            parsed.append((week, dayNumber))
            return dayNumber
        }
    }

    // MARK: - Presence

    /// A subject's references on each day of one week (lane 0 is the week's first day): present on a day
    /// when its count is above zero, in the week when any is. Fixed-size lanes, no heap: a bulk load holds
    /// hundreds of thousands of these.
    public struct Days: Hashable, Sendable, CustomStringConvertible {
        private var lanes = SIMD8<Int32>(repeating: 0)

        public init() {}

        public init(_ refs: [Int]) {
            precondition(refs.count == 7, "a week has seven days")
            for (i, r) in refs.enumerated() { lanes[i] = Int32(r) }
        }

        /// One reference on the day `offset` days after the week's first.
        public static func one(at offset: Int, sign: Int = 1) -> Days {
            var d = Days()
            d.lanes[offset] = Int32(sign)
            return d
        }

        public var refs: [Int] { (0..<7).map { Int(lanes[$0]) } }
        /// The days present as bits (bit 0 is the week's first day), stored beside the counts so a range reads them in SQL.
        public var mask: Int { (0..<7).reduce(0) { lanes[$1] > 0 ? $0 | (1 << $1) : $0 } }
        public var total: Int { Int(lanes.wrappedSum()) }
        public var isEmpty: Bool { (lanes .> 0) == SIMDMask(repeating: false) }
        var isZero: Bool { lanes == SIMD8(repeating: 0) }

        /// Offsets (0…6) of the days present.
        var presentOffsets: [Int] { (0..<7).filter { lanes[$0] > 0 } }

        /// "0,2,0,1,0,0,0", as stored; nil for anything else. Parsed by hand: a bulk load reads every row of the subjects it touches.
        public init?(stored: String) {
            var lane = 0, value: Int32 = 0, digits = 0
            for byte in stored.utf8 {
                if byte == UInt8(ascii: ",") {
                    guard digits > 0, lane < 6 else { return nil }
                    lanes[lane] = value
                    lane += 1; value = 0; digits = 0
                } else if byte >= 0x30, byte <= 0x39, digits < 9 {
                    value = value * 10 + Int32(byte - 0x30)
                    digits += 1
                } else {
                    return nil
                }
            }
            guard lane == 6, digits > 0 else { return nil }
            lanes[6] = value
        }

        /// Written by hand, like `init(stored:)`: a bulk load writes a million of these.
        public var description: String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(16)
            var digits: [UInt8] = []
            digits.reserveCapacity(10)
            for lane in 0..<7 {
                if lane > 0 { bytes.append(UInt8(ascii: ",")) }
                let value = Int(lanes[lane])
                if value < 0 { bytes.append(UInt8(ascii: "-")) }
                var rest = value.magnitude
                digits.removeAll(keepingCapacity: true)
                repeat {
                    digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
                    rest /= 10
                } while rest > 0
                bytes.append(contentsOf: digits.reversed())
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// A count going below zero means the ledger and the entries disagree; it is kept at zero rather than
        /// poisoning later counts.
        mutating func add(_ other: Days) {
            lanes = pointwiseMax(lanes &+ other.lanes, SIMD8(repeating: 0))
        }

        static func += (lhs: inout Days, rhs: Days) {
            lhs.lanes &+= rhs.lanes
        }
    }

    /// Reference-count changes per subject, province and reporting week (weeks start on `weekStartsOn`), day by day.
    public static func presenceDeltas(_ entries: [(entry: Entry, sign: Int)], weekStartsOn: Int) -> [PresenceKey: Days] {
        var out: [PresenceKey: Days] = [:]
        // Each day's week (its key and first day) worked out once: a fold's entries fall on a few days.
        var weeks: [Int: (key: String, start: Int)] = [:]
        for (e, sign) in entries {
            let dayNumber = e.date.dayNumber
            let week: (key: String, start: Int)
            if let known = weeks[dayNumber] {
                week = known
            } else {
                let found = ReportingWeek(containing: e.date, startsOn: weekStartsOn)
                week = (found.key, found.start.dayNumber)
                weeks[dayNumber] = week
            }
            let day = Days.one(at: dayNumber - week.start, sign: sign)
            e.forEachSubject { kind, id in
                out[PresenceKey(subject: Subject(kind: kind, id: id), province: e.provinceCode, week: week.key), default: Days()] += day
            }
        }
        return out.filter { !$0.value.isZero }
    }

    public struct Transition: Sendable, Equatable {
        /// Presence rows to write with their new day counts; all zero means delete the row.
        public var rows: [PresenceKey: Days]
        /// Week counter changes to add (`week` is the week's first day).
        public var counters: [CounterKey: Counter]
        /// Day counter changes to add (`week` holds the day): present that day, first day in the campaign.
        public var dayCounters: [CounterKey: Counter]
    }

    /// Applies reference-count changes given every stored presence row of the affected subjects.
    ///
    /// `stored` must hold all rows of each subject in `deltas` (every province and week), because the
    /// nation's figures and "first week" depend on all of them.
    public static func apply(_ deltas: [PresenceKey: Days], stored: [PresenceKey: Days], flagged: Set<Subject>) -> Transition {
        let pending = apply(deltas, stored: stored)
        return pending.transition(flagged: flagged.intersection(pending.subjectsWithCounterChanges))
    }

    /// The same in two steps, so a caller asks which subjects are flagged only for those whose
    /// counters move (most entries land on a day when their team and people already appear).
    public static func apply(_ deltas: [PresenceKey: Days], stored: [PresenceKey: Days]) -> PendingTransition {
        // A subject has a handful of rows (weeks × provinces): small arrays beat nested dictionaries here,
        // and this runs for every subject of every batch. One slot per subject touched holds its deltas and its
        // stored rows (rows of other subjects are not needed).
        typealias Rows = [(key: PresenceKey, value: Days)]
        var slots: [Subject: Int] = [:]
        slots.reserveCapacity(deltas.count)
        var touched: [(subject: Subject, deltas: Rows, before: Rows)] = []
        for (key, delta) in deltas {
            if let slot = slots[key.subject] {
                touched[slot].deltas.append((key, delta))
            } else {
                slots[key.subject] = touched.count
                touched.append((key.subject, [(key, delta)], []))
            }
        }
        for (key, days) in stored {
            if let slot = slots[key.subject] { touched[slot].before.append((key, days)) }
        }
        var rows: [PresenceKey: Days] = [:]
        rows.reserveCapacity(deltas.count)
        var changes: [Subject: Changes] = [:]
        var weekNumbers = WeekNumbers()
        for (subject, subjectDeltas, before) in touched {
            var after = before
            var moved = false
            for (key, delta) in subjectDeltas {
                let old: Days, new: Days
                if let i = after.firstIndex(where: { $0.key == key }) {
                    old = after[i].value
                    var updated = old
                    updated.add(delta)
                    new = updated
                    after[i].value = new
                } else {
                    old = Days()
                    var created = Days()
                    created.add(delta)
                    new = created
                    after.append((key, new))
                }
                if new != old {
                    rows[key] = new
                    moved = true
                }
            }
            guard moved else { continue }
            let was = ScopePresence(before, weeks: &weekNumbers), now = ScopePresence(after, weeks: &weekNumbers)
            var change = Changes()
            counterChange(before: was.weeks, after: now.weeks, into: &change.weeks)
            counterChange(before: was.days, after: now.days, into: &change.days)
            // Never zero once made: each bump moves one field of one bucket by one, and no two bumps of a subject undo
            // each other (`counterChange`).
            if !change.weeks.isEmpty || !change.days.isEmpty { changes[subject] = change }
        }
        return PendingTransition(rows: rows, changes: changes)
    }

    /// One subject's counter changes: bumps of a week's first day or a day (as day numbers), per scope.
    struct Changes: Sendable {
        var weeks: [Bump] = []
        var days: [Bump] = []
    }

    struct Bump: Sendable {
        var scope: String
        var bucket: Int
        var counter: Counter
    }

    /// Counter changes summed over subjects, keyed by day number until they are written (`CounterKey` holds the day as
    /// text, which was most of the cost of making one per bump).
    struct BucketKey: Hashable {
        var scope: String
        var kind: Kind
        var bucket: Int
    }

    public struct PendingTransition: Sendable {
        public var rows: [PresenceKey: Days]
        /// Per subject, the unflagged counter changes (`n`, `nNew`); a flagged subject moves `f`, `fNew` alike.
        var changes: [Subject: Changes]

        public var subjectsWithCounterChanges: Set<Subject> { Set(changes.keys) }

        public func transition(flagged: Set<Subject>) -> Transition {
            var weeks: [BucketKey: Counter] = [:], days: [BucketKey: Counter] = [:]
            func add(_ bumps: [Bump], kind: Kind, flagged: Bool, to out: inout [BucketKey: Counter]) {
                for bump in bumps {
                    let c = bump.counter
                    out[BucketKey(scope: bump.scope, kind: kind, bucket: bump.bucket), default: Counter()]
                        += flagged ? Counter(n: c.n, nNew: c.nNew, f: c.n, fNew: c.nNew) : c
                }
            }
            for (subject, change) in changes {
                let isFlagged = !flagged.isEmpty && flagged.contains(subject)
                add(change.weeks, kind: subject.kind, flagged: isFlagged, to: &weeks)
                add(change.days, kind: subject.kind, flagged: isFlagged, to: &days)
            }
            var texts = DayTexts()
            func keyed(_ sums: [BucketKey: Counter]) -> [CounterKey: Counter] {
                var out: [CounterKey: Counter] = [:]
                for (key, c) in sums where !c.isZero {
                    out[CounterKey(scope: key.scope, kind: key.kind, week: texts.iso(key.bucket))] = c
                }
                return out
            }
            return Transition(rows: rows, counters: keyed(weeks), dayCounters: keyed(days))
        }
    }

    /// Week and day counter changes when a subject gains (`on`) or loses its flag, given all its presence rows.
    public static func flagChanged(_ subject: Subject, stored: [PresenceKey: Days], on: Bool)
        -> (weeks: [CounterKey: Counter], days: [CounterKey: Counter]) {
        let sign = on ? 1 : -1
        var weekNumbers = WeekNumbers()
        let presence = ScopePresence(stored.filter { $0.key.subject == subject }.map { (key: $0.key, value: $0.value) }, weeks: &weekNumbers)
        func change(_ byScope: [(scope: String, buckets: [Int])]) -> [CounterKey: Counter] {
            var out: [CounterKey: Counter] = [:]
            for (scope, buckets) in byScope {
                for bucket in buckets { out[CounterKey(scope: scope, kind: subject.kind, week: dayKey(bucket)), default: Counter()].f += sign }
                if let first = buckets.first { out[CounterKey(scope: scope, kind: subject.kind, week: dayKey(first)), default: Counter()].fNew += sign }
            }
            return out.filter { !$0.value.isZero }
        }
        return (change(presence.weeks), change(presence.days))
    }

    /// `flagChanged` for many subjects at once (a course import), their changes summed; `stored` holds the
    /// presence rows of all of them.
    public static func flagsChanged(_ subjects: [Subject], stored: [PresenceKey: Days], on: Bool)
        -> (weeks: [CounterKey: Counter], days: [CounterKey: Counter]) {
        var bySubject: [Subject: [PresenceKey: Days]] = [:]
        for (key, days) in stored { bySubject[key.subject, default: [:]][key] = days }
        var weeks: [CounterKey: Counter] = [:], days: [CounterKey: Counter] = [:]
        for subject in Set(subjects) {
            let change = flagChanged(subject, stored: bySubject[subject] ?? [:], on: on)
            for (key, c) in change.weeks { weeks[key, default: Counter()] += c }
            for (key, c) in change.days { days[key, default: Counter()] += c }
        }
        return (weeks.filter { !$0.value.isZero }, days.filter { !$0.value.isZero })
    }

    /// `n` and `nNew` changes when a subject's buckets (week starts or days, as day numbers, per scope) go from
    /// `old` to `new`, as bumps of one field by one: `n` for each bucket gained or lost, `nNew` for the first bucket
    /// when it moves (from one bucket to another, never back to the same).
    private static func counterChange(before old: [(scope: String, buckets: [Int])], after new: [(scope: String, buckets: [Int])],
                                      into out: inout [Bump]) {
        var scopes = old.map(\.scope)
        for (scope, _) in new where !scopes.contains(scope) { scopes.append(scope) }
        for scope in scopes {
            let was = old.first { $0.scope == scope }?.buckets ?? [], now = new.first { $0.scope == scope }?.buckets ?? []
            if was == now { continue }
            func bump(_ bucket: Int, _ update: (inout Counter) -> Void) {
                var counter = Counter()
                update(&counter)
                out.append(Bump(scope: scope, bucket: bucket, counter: counter))
            }
            // Both sorted: walk them together.
            var i = 0, j = 0
            while i < was.count || j < now.count {
                if j == now.count || (i < was.count && was[i] < now[j]) { bump(was[i]) { $0.n -= 1 }; i += 1 }
                else if i == was.count || now[j] < was[i] { bump(now[j]) { $0.n += 1 }; j += 1 }
                else { i += 1; j += 1 }
            }
            if was.first != now.first {
                if let b = was.first { bump(b) { $0.nNew -= 1 } }
                if let b = now.first { bump(b) { $0.nNew += 1 } }
            }
        }
    }

    /// One subject's presence per scope — each province, and the nation as their union — as sorted day numbers
    /// of the weeks (their first days) and of the days with a positive count. Small arrays: a subject has a
    /// handful of rows, and this runs twice for every subject of every batch.
    struct ScopePresence {
        var weeks: [(scope: String, buckets: [Int])] = []
        var days: [(scope: String, buckets: [Int])] = []

        init(_ rows: [(key: PresenceKey, value: Days)], weeks numbers: inout WeekNumbers) {
            var provinces: [String] = [], weekSets: [[Int]] = [], daySets: [[Int]] = []
            for (key, value) in rows where !value.isEmpty {
                guard let start = numbers.dayNumber(key.week) else { continue }
                let i: Int
                if let found = provinces.firstIndex(of: key.province) { i = found } else {
                    provinces.append(key.province); weekSets.append([]); daySets.append([]); i = provinces.count - 1
                }
                weekSets[i].append(start)
                for offset in value.presentOffsets { daySets[i].append(start + offset) }
            }
            guard !provinces.isEmpty else { return }
            func normal(_ xs: [Int]) -> [Int] {
                var sorted = xs.sorted(), last = Int.min, n = 0
                for x in sorted where x != last { sorted[n] = x; n += 1; last = x }
                sorted.removeLast(sorted.count - n)
                return sorted
            }
            weeks = [(RollupLedger.nationalScope, normal(weekSets.flatMap { $0 }))] + zip(provinces, weekSets.map(normal)).map { ($0, $1) }
            days = [(RollupLedger.nationalScope, normal(daySets.flatMap { $0 }))] + zip(provinces, daySets.map(normal)).map { ($0, $1) }
        }
    }

    private static func dayKey(_ dayNumber: Int) -> String { LocalDate(dayNumber: dayNumber).iso }

    // MARK: - Reading

    /// How the ledger answers a date range: one reporting week or one day, or everything from the campaign's
    /// start to the end of a week or to any day, from the counters (a few rows); any other range from the
    /// presence rows of its weeks (`window`).
    public enum Period: Sendable, Equatable {
        case week(String)
        case throughWeek(String)
        case day(String)
        case throughDay(String)
        case window(PresenceWindow)
    }

    /// The presence rows that say who was present during a range: every row of the weeks from `firstWeek` to
    /// `lastWeek`, but in the first and last week only rows present on a day inside the range (`firstDays`,
    /// `lastDays`: bit 0 is the week's first day, as in `Days.mask`; both the same when the range is inside one week).
    public struct PresenceWindow: Sendable, Hashable {
        public var firstWeek: String
        public var lastWeek: String
        public var firstDays: Int
        public var lastDays: Int

        public init(firstWeek: String, lastWeek: String, firstDays: Int, lastDays: Int) {
            self.firstWeek = firstWeek
            self.lastWeek = lastWeek
            self.firstDays = firstDays
            self.lastDays = lastDays
        }

        public init(_ range: DateRange, weekStartsOn: Int) {
            let first = ReportingWeek(containing: range.from, startsOn: weekStartsOn)
            let last = ReportingWeek(containing: range.to, startsOn: weekStartsOn)
            firstWeek = first.key
            lastWeek = last.key
            let fromOffset = range.from.dayNumber - first.start.dayNumber, toOffset = range.to.dayNumber - last.start.dayNumber
            // Days from the range's first to the week's last; days from the week's first to the range's last.
            firstDays = 0x7F & ~((1 << fromOffset) - 1)
            lastDays = (1 << (toOffset + 1)) - 1
            // Inside one week a row must be present on a day between both ends, not merely after one and before the other.
            if first == last { (firstDays, lastDays) = (firstDays & lastDays, firstDays & lastDays) }
        }
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
    public static func period(for range: DateRange, span: Span) -> Period {
        var to = range.to
        if to >= span.lastDay { to = ReportingWeek(containing: span.lastDay, startsOn: span.weekStartsOn).end }
        let week = ReportingWeek(containing: to, startsOn: span.weekStartsOn)
        if to == week.end, range.from == week.start { return .week(week.key) }
        if to == week.end, range.from <= span.start { return .throughWeek(week.key) }
        if range.from <= span.start { return .throughDay(range.to.iso) }
        if range.from == range.to { return .day(range.from.iso) }
        return .window(PresenceWindow(range, weekStartsOn: span.weekStartsOn))
    }
}
