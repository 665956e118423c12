extension RollupLedger {
    /// The ledger of a campaign counted from nothing (the simulator's bulk load, a recount from the entries): its entries'
    /// presence and day sums are summed in memory as they are read or stored, and counted once at the end — instead of
    /// every batch reading back and rewriting the presence rows its subjects already have.
    ///
    /// Compact, because a load ten times the summer holds millions of presence rows: subjects, provinces and weeks are
    /// numbered, and a row is one 64-bit key and its `Days`.
    public struct Load: Sendable {
        public let weekStartsOn: Int
        private var subjects: [Subject] = []
        private var subjectNumbers: [Subject: UInt32] = [:]
        private var provinces: [String] = []
        private var provinceNumbers: [String: UInt16] = [:]
        private var weeks: [String] = []
        /// The weeks' first days as day numbers.
        private var weekStarts: [Int] = []
        /// By the week's first day (its day number).
        private var weekNumbers: [Int: UInt16] = [:]
        private var presence: [UInt64: Days] = [:]
        /// Day sums of everything added (`RollupLedger.sums`).
        public private(set) var sums: [SumKey: Int] = [:]
        public private(set) var entries = 0

        public init(weekStartsOn: Int) {
            self.weekStartsOn = weekStartsOn
        }

        /// Every subject added, in no particular order.
        public var subjectsPresent: [Subject] { subjects }
        /// Presence rows so far.
        public var rowCount: Int { presence.count }

        /// Adds new entries (a load only adds).
        public mutating func add(_ batch: [Entry]) {
            for e in batch {
                let week = ReportingWeek(containing: e.date, startsOn: weekStartsOn)
                let day = Days.one(at: e.date.dayNumber - week.start.dayNumber)
                let province = UInt64(number(province: e.provinceCode)), weekNumber = UInt64(number(week: week))
                e.forEachSubject { kind, id in
                    let subject = UInt64(number(subject: Subject(kind: kind, id: id)))
                    presence[subject << 32 | province << 16 | weekNumber, default: Days()] += day
                }
            }
            for (key, value) in RollupLedger.sums(batch.map { ($0, 1) }) { sums[key, default: 0] += value }
            entries += batch.count
        }

        /// The ledger of everything added: its week and day counters, and its presence rows (every one new).
        ///
        /// From nothing, a subject's counters are simple: one `n` for each week and day it is present in each province
        /// and in the nation (the union of its provinces), one `nNew` for the first of each, and `f`, `fNew` alike when it
        /// is flagged. Worked out here on numbers and turned into keys once at the end — what `apply` does for any
        /// change, but without its per-row keys, for millions of rows (tests hold the two equal).
        public func counted(flagged: Set<Subject>, subjectsPerPart: Int) -> Counted {
            let subjectOrder = subjects.indices.sorted {
                (subjects[$0].kind.rawValue, subjects[$0].id) < (subjects[$1].kind.rawValue, subjects[$1].id)
            }
            var subjectRank = [UInt64](repeating: 0, count: subjects.count)
            for (position, index) in subjectOrder.enumerated() { subjectRank[index] = UInt64(position) }
            let provinceOrder = provinces.indices.sorted { provinces[$0] < provinces[$1] }
            var provinceRank = [UInt64](repeating: 0, count: provinces.count)
            for (position, index) in provinceOrder.enumerated() { provinceRank[index] = UInt64(position) }
            // ISO keys: text order is date order.
            let weekOrder = weeks.indices.sorted { weeks[$0] < weeks[$1] }
            var weekRank = [UInt64](repeating: 0, count: weeks.count)
            for (position, index) in weekOrder.enumerated() { weekRank[index] = UInt64(position) }
            // Rows keyed by rank, in the order of the presence table's key (kind, subject, province, week), so that they
            // are appended to its index rather than scattered over it.
            var rows: [(key: UInt64, days: Days)] = []
            rows.reserveCapacity(presence.count)
            for (key, days) in presence {
                rows.append((subjectRank[Int(key >> 32)] << 32 | provinceRank[Int(key >> 16 & 0xFFFF)] << 16 | weekRank[Int(key & 0xFFFF)], days))
            }
            rows.sort { $0.key < $1.key }
            let ordered = (subjects: subjectOrder.map { subjects[$0] }, provinces: provinceOrder.map { provinces[$0] },
                           weeks: weekOrder.map { weeks[$0] }, weekStarts: weekOrder.map { weekStarts[$0] })

            var weekCounts: [UInt64: Counter] = [:], dayCounts: [UInt64: Counter] = [:]
            // Scope 0 is the nation, scope p + 1 the province ranked p.
            func bump(_ counts: inout [UInt64: Counter], scope: UInt64, kind: UInt64, day: Int, first: Bool, flagged: Bool) {
                let one = first ? 1 : 0
                counts[scope << 40 | kind << 32 | UInt64(UInt32(bitPattern: Int32(day))), default: Counter()]
                    += Counter(n: 1, nNew: one, f: flagged ? 1 : 0, fNew: flagged ? one : 0)
            }
            var nationWeeks: [Int] = [], nationDays: [Int] = []
            var i = 0
            while i < rows.count {
                let subjectKey = rows[i].key >> 32
                let subject = ordered.subjects[Int(subjectKey)]
                let kind = UInt64(Kind.allCases.firstIndex(of: subject.kind)!), isFlagged = flagged.contains(subject)
                nationWeeks.removeAll(keepingCapacity: true)
                nationDays.removeAll(keepingCapacity: true)
                while i < rows.count, rows[i].key >> 32 == subjectKey {
                    // One province's rows, weeks in order.
                    let provinceKey = rows[i].key >> 16, scope = (provinceKey & 0xFFFF) + 1
                    var firstWeek = true, firstDay = true
                    while i < rows.count, rows[i].key >> 16 == provinceKey {
                        let start = ordered.weekStarts[Int(rows[i].key & 0xFFFF)]
                        bump(&weekCounts, scope: scope, kind: kind, day: start, first: firstWeek, flagged: isFlagged)
                        firstWeek = false
                        nationWeeks.append(start)
                        var mask = rows[i].days.mask
                        while mask != 0 {
                            let day = start + mask.trailingZeroBitCount
                            mask &= mask - 1
                            bump(&dayCounts, scope: scope, kind: kind, day: day, first: firstDay, flagged: isFlagged)
                            firstDay = false
                            nationDays.append(day)
                        }
                        i += 1
                    }
                }
                // The nation: the union of the provinces' weeks and days.
                func nation(_ buckets: [Int], into counts: inout [UInt64: Counter]) {
                    var previous: Int?
                    for bucket in buckets.sorted() where bucket != previous {
                        bump(&counts, scope: 0, kind: kind, day: bucket, first: previous == nil, flagged: isFlagged)
                        previous = bucket
                    }
                }
                nation(nationWeeks, into: &weekCounts)
                nation(nationDays, into: &dayCounts)
            }
            func keyed(_ counts: [UInt64: Counter]) -> [CounterKey: Counter] {
                var out: [CounterKey: Counter] = [:]
                for (key, counter) in counts {
                    let scope = key >> 40
                    out[CounterKey(scope: scope == 0 ? nationalScope : ordered.provinces[Int(scope) - 1],
                                   kind: Kind.allCases[Int(key >> 32 & 0xFF)],
                                   week: LocalDate(dayNumber: Int(Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)))).iso)] = counter
                }
                return out
            }
            return Counted(counters: keyed(weekCounts), dayCounters: keyed(dayCounts),
                           parts: Parts(rows: rows, subjects: ordered.subjects, provinces: ordered.provinces, weeks: ordered.weeks,
                                        subjectsPerPart: max(1, subjectsPerPart)))
        }

        /// A counted load (`counted`).
        public struct Counted: Sendable {
            public let counters: [CounterKey: Counter]
            public let dayCounters: [CounterKey: Counter]
            /// The presence rows in key order, a number of subjects at a time.
            public let parts: Parts
        }

        /// The presence rows of a counted load, `subjectsPerPart` subjects a part, in key order.
        public struct Parts: Sequence, IteratorProtocol, Sendable {
            /// Keys by rank: subject, province and week in text order.
            fileprivate let rows: [(key: UInt64, days: Days)]
            fileprivate let subjects: [Subject]
            fileprivate let provinces: [String]
            fileprivate let weeks: [String]
            fileprivate let subjectsPerPart: Int
            private var position = 0

            fileprivate init(rows: [(key: UInt64, days: Days)], subjects: [Subject], provinces: [String], weeks: [String], subjectsPerPart: Int) {
                self.rows = rows
                self.subjects = subjects
                self.provinces = provinces
                self.weeks = weeks
                self.subjectsPerPart = subjectsPerPart
            }

            public mutating func next() -> [(key: PresenceKey, days: Days)]? {
                guard position < rows.count else { return nil }
                let lastSubject = (rows[position].key >> 32) + UInt64(subjectsPerPart)
                var part: [(key: PresenceKey, days: Days)] = []
                while position < rows.count, rows[position].key >> 32 < lastSubject {
                    let key = rows[position].key
                    part.append((PresenceKey(subject: subjects[Int(key >> 32)], province: provinces[Int(key >> 16 & 0xFFFF)],
                                             week: weeks[Int(key & 0xFFFF)]), rows[position].days))
                    position += 1
                }
                return part
            }
        }

        private mutating func number(subject: Subject) -> UInt32 {
            if let n = subjectNumbers[subject] { return n }
            let n = UInt32(subjects.count)
            subjects.append(subject)
            subjectNumbers[subject] = n
            return n
        }

        private mutating func number(province: String) -> UInt16 {
            if let n = provinceNumbers[province] { return n }
            precondition(provinces.count < Int(UInt16.max), "more provinces than a load numbers")
            let n = UInt16(provinces.count)
            provinces.append(province)
            provinceNumbers[province] = n
            return n
        }

        private mutating func number(week: ReportingWeek) -> UInt16 {
            if let n = weekNumbers[week.start.dayNumber] { return n }
            precondition(weeks.count < Int(UInt16.max), "more weeks than a load numbers")
            let n = UInt16(weeks.count)
            weeks.append(week.key)
            weekStarts.append(week.start.dayNumber)
            weekNumbers[week.start.dayNumber] = n
            return n
        }
    }
}
