import Testing
@testable import CauNoiCore

@Suite("Rollup ledger bookkeeping")
struct RollupLedgerCoreTests {
    typealias L = RollupLedger
    static let anna = L.Subject(kind: .volunteer, id: "anna")

    static func entry(_ day: String, province: String = "01", volunteers: [String] = ["anna"]) -> L.Entry {
        L.Entry(date: LocalDate(iso: day)!, teamID: "t1", communeCode: "00070", provinceCode: province, total: 7, place: "home",
                counts: ["vneid": 3, "ho_so": 4], groups: ["elderly": 2], volunteerIDs: volunteers)
    }

    /// Applies changes one after another, like separate transactions, and returns the running counters.
    static func run(_ steps: [[(entry: L.Entry, sign: Int)]], flagged: Set<L.Subject> = [], weekStartsOn: Int = 1) -> [L.CounterKey: L.Counter] {
        runBoth(steps, flagged: flagged, weekStartsOn: weekStartsOn).weeks
    }

    /// Week and day counters after the steps.
    static func runBoth(_ steps: [[(entry: L.Entry, sign: Int)]], flagged: Set<L.Subject> = [],
                        weekStartsOn: Int = 1) -> (weeks: [L.CounterKey: L.Counter], days: [L.CounterKey: L.Counter]) {
        var rows: [L.PresenceKey: L.Days] = [:]
        var weeks: [L.CounterKey: L.Counter] = [:], days: [L.CounterKey: L.Counter] = [:]
        for changes in steps {
            let t = L.apply(L.presenceDeltas(changes, weekStartsOn: weekStartsOn), stored: rows, flagged: flagged)
            for (k, v) in t.rows { rows[k] = v.isEmpty ? nil : v }
            for (k, v) in t.counters { weeks[k, default: L.Counter()] += v }
            for (k, v) in t.dayCounters { days[k, default: L.Counter()] += v }
        }
        return (weeks.filter { !$0.value.isZero }, days.filter { !$0.value.isZero })
    }

    @Test("a week's day counts are stored as seven numbers and read back")
    func daysText() {
        let days = L.Days([0, 12, 3, 100_000, 0, 1, 7])
        #expect(days.description == "0,12,3,100000,0,1,7")
        #expect(L.Days(stored: days.description) == days)
        #expect(L.Days([-2, 0, 0, 0, 0, 0, 1]).description == "-2,0,0,0,0,0,1")
        #expect(L.Days().description == "0,0,0,0,0,0,0")
    }

    @Test("sums go to the nation and the province, and a removal cancels an addition")
    func sums() {
        let e = Self.entry("2025-08-05")
        let added = L.sums([(e, 1)])
        #expect(added[.init(scope: "VN", date: "2025-08-05", measure: .supports, item: "")] == 7)
        #expect(added[.init(scope: "01", date: "2025-08-05", measure: .category, item: "ho_so")] == 4)
        #expect(added[.init(scope: "01", date: "2025-08-05", measure: .place, item: "home")] == 7)
        #expect(L.sums([(e, 1), (e, -1)]).isEmpty)
    }

    @Test("a volunteer counts once per week and once in the campaign, wherever they worked")
    func distinct() {
        let counters = Self.run([[(Self.entry("2025-08-04"), 1), (Self.entry("2025-08-06"), 1)],
                                 [(Self.entry("2025-08-12", province: "79"), 1)]])
        let w32 = L.CounterKey(scope: "VN", kind: .volunteer, week: "2025-08-04")
        let w33 = L.CounterKey(scope: "VN", kind: .volunteer, week: "2025-08-11")
        #expect(counters[w32] == L.Counter(n: 1, nNew: 1))
        #expect(counters[w33] == L.Counter(n: 1, nNew: 0))
        // In Hồ Chí Minh City week 33 is the volunteer's first week there.
        #expect(counters[.init(scope: "79", kind: .volunteer, week: "2025-08-11")] == L.Counter(n: 1, nNew: 1))
    }

    @Test("moving the only entry of the first week moves the 'first seen' week")
    func firstWeekMoves() {
        let early = Self.entry("2025-08-04"), late = Self.entry("2025-08-12")
        let counters = Self.run([[(early, 1), (late, 1)], [(early, -1)]], flagged: [Self.anna])
        #expect(counters[.init(scope: "VN", kind: .volunteer, week: "2025-08-04")] == nil)
        #expect(counters[.init(scope: "VN", kind: .volunteer, week: "2025-08-11")] == L.Counter(n: 1, nNew: 1, f: 1, fNew: 1))
    }

    @Test("gaining a flag adds to every week present and to the first week once")
    func flag() {
        let rows: [L.PresenceKey: L.Days] = [
            .init(subject: Self.anna, province: "01", week: "2025-08-04"): L.Days([0, 2, 0, 0, 0, 0, 0]),
            .init(subject: Self.anna, province: "79", week: "2025-08-11"): L.Days([0, 0, 0, 0, 1, 0, 0]),
        ]
        let both = L.flagChanged(Self.anna, stored: rows, on: true)
        let on = both.weeks
        #expect(both.days[.init(scope: "VN", kind: .volunteer, week: "2025-08-05")] == L.Counter(f: 1, fNew: 1))
        #expect(both.days[.init(scope: "79", kind: .volunteer, week: "2025-08-15")] == L.Counter(f: 1, fNew: 1))
        #expect(on[.init(scope: "VN", kind: .volunteer, week: "2025-08-04")] == L.Counter(f: 1, fNew: 1))
        #expect(on[.init(scope: "VN", kind: .volunteer, week: "2025-08-11")] == L.Counter(f: 1))
        #expect(on[.init(scope: "79", kind: .volunteer, week: "2025-08-11")] == L.Counter(f: 1, fNew: 1))
        #expect(L.flagChanged(Self.anna, stored: rows, on: false).weeks[.init(scope: "01", kind: .volunteer, week: "2025-08-04")]
                == L.Counter(f: -1, fNew: -1))
    }

    @Test("the ledger answers a week or the campaign up to a week's last day, or past the last day that can hold entries")
    func periods() {
        let start = LocalDate(iso: "2025-07-01")!
        func range(_ a: String, _ b: String) -> DateRange { DateRange(from: LocalDate(iso: a)!, to: LocalDate(iso: b)!)! }
        func span(_ weekday: Int, last: String = "2025-08-31") -> L.Span { L.Span(start: start, lastDay: LocalDate(iso: last)!, weekStartsOn: weekday) }
        #expect(L.period(for: range("2025-08-04", "2025-08-10"), span: span(1)) == .week("2025-08-04"))
        #expect(L.period(for: range("2025-07-01", "2025-08-10"), span: span(1)) == .throughWeek("2025-08-04"))
        func window(_ a: String, _ b: String, _ weekday: Int) -> L.Period { .window(L.PresenceWindow(range(a, b), weekStartsOn: weekday)) }
        #expect(L.period(for: range("2025-08-07", "2025-08-13"), span: span(1)) == window("2025-08-07", "2025-08-13", 1))
        #expect(L.period(for: range("2025-07-28", "2025-08-10"), span: span(1)) == window("2025-07-28", "2025-08-10", 1))
        // Thursday weeks: the 15/8/2025 briefing's week 07/8–13/8 is one ledger week, an ISO week is not.
        #expect(L.period(for: range("2025-08-07", "2025-08-13"), span: span(4)) == .week("2025-08-07"))
        #expect(L.period(for: range("2025-07-01", "2025-08-13"), span: span(4)) == .throughWeek("2025-08-07"))
        #expect(L.period(for: range("2025-08-04", "2025-08-10"), span: span(4)) == window("2025-08-04", "2025-08-10", 4))
        // The whole campaign ends on a Sunday, mid-week: nothing can be stored after 31/8, so it is the ledger's too.
        #expect(L.period(for: range("2025-07-01", "2025-08-31"), span: span(4)) == .throughWeek("2025-08-28"))
        #expect(L.period(for: range("2025-06-01", "2025-12-31"), span: span(4)) == .throughWeek("2025-08-28"))
        // This week so far, on Friday 15/8: nothing is dated after today.
        #expect(L.period(for: range("2025-08-14", "2025-08-15"), span: span(4, last: "2025-08-15")) == .week("2025-08-14"))
        #expect(L.period(for: range("2025-08-11", "2025-08-15"), span: span(4, last: "2025-08-15")) == window("2025-08-11", "2025-08-15", 4))
        // The campaign up to any day, or a single day, comes from the day counters; other ranges from the presence rows.
        #expect(L.period(for: range("2025-07-01", "2025-08-21"), span: span(4)) == .throughDay("2025-08-21"))
        #expect(L.period(for: range("2025-08-12", "2025-08-12"), span: span(4)) == .day("2025-08-12"))
        #expect(L.period(for: range("2025-08-03", "2025-08-21"), span: span(4)) == window("2025-08-03", "2025-08-21", 4))
    }

    @Test("a range reads whole weeks between its ends and, in its first and last week, the days inside it")
    func presenceWindow() {
        func range(_ a: String, _ b: String) -> DateRange { DateRange(from: LocalDate(iso: a)!, to: LocalDate(iso: b)!)! }
        // Sunday 3/8 to Thursday 21/8 in Thursday weeks: 31/7–6/8 from its fourth day, 21/8–27/8 on its first day only.
        let w = L.PresenceWindow(range("2025-08-03", "2025-08-21"), weekStartsOn: 4)
        #expect(w == L.PresenceWindow(firstWeek: "2025-07-31", lastWeek: "2025-08-21", firstDays: 0b111_1000, lastDays: 0b000_0001))
        // Inside one Monday week (Tuesday to Thursday, across a year's end): only those days, in both masks, since a row
        // present on Monday and Sunday was not present in between.
        let inside = L.PresenceWindow(range("2025-12-30", "2026-01-01"), weekStartsOn: 1)
        #expect(inside == L.PresenceWindow(firstWeek: "2025-12-29", lastWeek: "2025-12-29", firstDays: 0b000_1110, lastDays: 0b000_1110))
        // Whole weeks keep every day.
        let whole = L.PresenceWindow(range("2025-08-03", "2025-08-16"), weekStartsOn: 7)
        #expect(whole == L.PresenceWindow(firstWeek: "2025-08-03", lastWeek: "2025-08-10", firstDays: 0b111_1111, lastDays: 0b111_1111))
        // A day's mask bit is the one `Days.mask` sets.
        #expect(L.Days([0, 2, 0, 1, 0, 0, 3]).mask == 0b100_1010)
        #expect(L.Days().mask == 0)
    }

    @Test("day counters: present that day, and the first day in the campaign, which moves when its only entry goes")
    func days() {
        let tue = Self.entry("2025-08-05"), wed = Self.entry("2025-08-06"), fri = Self.entry("2025-08-08", province: "79")
        let (_, days) = Self.runBoth([[(tue, 1), (wed, 1)], [(wed, 1), (fri, 1)]], flagged: [Self.anna])
        func at(_ scope: String, _ day: String) -> L.Counter? { days[.init(scope: scope, kind: .volunteer, week: day)] }
        #expect(at("VN", "2025-08-05") == L.Counter(n: 1, nNew: 1, f: 1, fNew: 1))
        #expect(at("VN", "2025-08-06") == L.Counter(n: 1, f: 1))   // twice that day, once counted
        #expect(at("VN", "2025-08-08") == L.Counter(n: 1, f: 1))
        #expect(at("79", "2025-08-08") == L.Counter(n: 1, nNew: 1, f: 1, fNew: 1))
        // Removing Tuesday's entry makes Wednesday the first day; one of Wednesday's two entries leaves it present.
        let (_, after) = Self.runBoth([[(tue, 1), (wed, 1), (wed, 1)], [(tue, -1), (wed, -1)]])
        #expect(after[.init(scope: "VN", kind: .volunteer, week: "2025-08-05")] == nil)
        #expect(after[.init(scope: "VN", kind: .volunteer, week: "2025-08-06")] == L.Counter(n: 1, nNew: 1))
    }

    @Test("with Thursday weeks a Wednesday and the next Thursday fall in different weeks")
    func thursdayWeeks() {
        let counters = Self.run([[(Self.entry("2025-08-13"), 1), (Self.entry("2025-08-14"), 1)]], weekStartsOn: 4)
        #expect(counters[.init(scope: "VN", kind: .volunteer, week: "2025-08-07")] == L.Counter(n: 1, nNew: 1))
        #expect(counters[.init(scope: "VN", kind: .volunteer, week: "2025-08-14")] == L.Counter(n: 1, nNew: 0))
        // Under ISO weeks both days are in the week of Monday 11/8.
        let iso = Self.run([[(Self.entry("2025-08-13"), 1), (Self.entry("2025-08-14"), 1)]], weekStartsOn: 1)
        #expect(iso[.init(scope: "VN", kind: .volunteer, week: "2025-08-11")] == L.Counter(n: 1, nNew: 1))
        #expect(iso.filter { $0.key.kind == .volunteer }.count == 2) // the nation and province 01, one week each
    }
}
