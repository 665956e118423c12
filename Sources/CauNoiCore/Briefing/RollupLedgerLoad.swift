extension RollupLedger {
    /// The ledger of a campaign loaded in bulk into an empty one (the simulator): its entries' presence and day sums are
    /// summed in memory as they are stored, and counted once at the end, subject by subject — instead of every batch
    /// reading back and rewriting the presence rows its subjects already have.
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
                for (kind, id) in e.subjects() {
                    let subject = UInt64(number(subject: Subject(kind: kind, id: id)))
                    presence[subject << 32 | province << 16 | weekNumber, default: Days()] += day
                }
            }
            for (key, value) in RollupLedger.sums(batch.map { ($0, 1) }) { sums[key, default: 0] += value }
            entries += batch.count
        }

        /// The ledger of everything added, `subjectsPerPart` subjects at a time: each part's presence rows (every one new)
        /// and the counters they add. The parts' counters add up to the campaign's, because a subject's counts depend on
        /// its own rows only. Rows come in the order of the presence table's key (kind, subject, province, week), so
        /// that they are appended to its index rather than scattered over it.
        public func counted(flagged: Set<Subject>, subjectsPerPart: Int) -> Parts {
            // Ranks in text order: the table's key compares text.
            func ranks(_ names: [String]) -> [UInt64] {
                var rank = [UInt64](repeating: 0, count: names.count)
                for (position, index) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() { rank[index] = UInt64(position) }
                return rank
            }
            let subjectOrder = subjects.indices.sorted {
                (subjects[$0].kind.rawValue, subjects[$0].id) < (subjects[$1].kind.rawValue, subjects[$1].id)
            }
            var subjectRank = [UInt64](repeating: 0, count: subjects.count)
            for (position, index) in subjectOrder.enumerated() { subjectRank[index] = UInt64(position) }
            let provinceRank = ranks(provinces), weekRank = ranks(weeks)
            var rows: [(key: UInt64, days: Days)] = []
            rows.reserveCapacity(presence.count)
            for (key, days) in presence {
                let subject = Int(key >> 32), province = Int(key >> 16 & 0xFFFF), week = Int(key & 0xFFFF)
                rows.append((subjectRank[subject] << 32 | provinceRank[province] << 16 | weekRank[week], days))
            }
            rows.sort { $0.key < $1.key }
            return Parts(rows: rows, subjects: subjectOrder.map { subjects[$0] }, provinces: provinces.sorted(), weeks: weeks.sorted(),
                         flagged: flagged, subjectsPerPart: max(1, subjectsPerPart))
        }

        /// The counted ledger, part by part (`counted`).
        public struct Parts: Sequence, IteratorProtocol, Sendable {
            /// Keys by rank: subject, province and week in text order.
            fileprivate let rows: [(key: UInt64, days: Days)]
            fileprivate let subjects: [Subject]
            fileprivate let provinces: [String]
            fileprivate let weeks: [String]
            fileprivate let flagged: Set<Subject>
            fileprivate let subjectsPerPart: Int
            private var position = 0

            fileprivate init(rows: [(key: UInt64, days: Days)], subjects: [Subject], provinces: [String], weeks: [String],
                             flagged: Set<Subject>, subjectsPerPart: Int) {
                self.rows = rows
                self.subjects = subjects
                self.provinces = provinces
                self.weeks = weeks
                self.flagged = flagged
                self.subjectsPerPart = subjectsPerPart
            }

            /// A part: its rows in key order, and the week and day counters they add.
            public struct Part: Sendable {
                public var rows: [(key: PresenceKey, days: Days)]
                public var counters: [CounterKey: Counter]
                public var dayCounters: [CounterKey: Counter]
            }

            public mutating func next() -> Part? {
                guard position < rows.count else { return nil }
                let lastSubject = (rows[position].key >> 32) + UInt64(subjectsPerPart)
                var part: [(key: PresenceKey, days: Days)] = []
                while position < rows.count, rows[position].key >> 32 < lastSubject {
                    let key = rows[position].key
                    part.append((PresenceKey(subject: subjects[Int(key >> 32)], province: provinces[Int(key >> 16 & 0xFFFF)],
                                             week: weeks[Int(key & 0xFFFF)]), rows[position].days))
                    position += 1
                }
                // From nothing: the rows are the deltas, and the transition's rows are the same rows.
                let transition = RollupLedger.apply(Dictionary(uniqueKeysWithValues: part.map { ($0.key, $0.days) }), stored: [:],
                                                    flagged: flagged)
                return Part(rows: part, counters: transition.counters, dayCounters: transition.dayCounters)
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
            weekNumbers[week.start.dayNumber] = n
            return n
        }
    }
}
