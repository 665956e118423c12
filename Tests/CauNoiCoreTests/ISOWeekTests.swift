import Testing
@testable import CauNoiCore

struct ISOWeekTests {
    @Test func week32Of2025() throws {
        let week = try #require(ISOWeek(string: "2025-W32"))
        #expect(week.year == 2025 && week.week == 32)
        #expect(week.monday.iso == "2025-08-04")
        #expect(week.sunday.iso == "2025-08-10")
        #expect(week.range.from.iso == "2025-08-04")
        #expect(week.range.to.iso == "2025-08-10")
        #expect(week.range.dayCount == 7)
        #expect(week.string == "2025-W32")
        #expect(week.description == "2025-W32")
    }

    @Test func fiftyThreeWeekYears() {
        #expect(ISOWeek(year: 2020, week: 53) != nil)
        #expect(ISOWeek(year: 2021, week: 53) == nil)
        #expect(ISOWeek(year: 2026, week: 53) != nil)
        #expect(ISOWeek(year: 2015, week: 53) != nil)
        #expect(ISOWeek(year: 2025, week: 53) == nil)
        #expect(ISOWeek(year: 2025, week: 52) != nil)
        #expect(ISOWeek(year: 2025, week: 0) == nil)
        #expect(ISOWeek(year: 2025, week: 54) == nil)
        #expect(ISOWeek(string: "2020-W53") != nil)
        #expect(ISOWeek(string: "2021-W53") == nil)
    }

    @Test func weekBoundariesAroundNewYear() throws {
        let w1 = try #require(ISOWeek(year: 2025, week: 1))
        #expect(w1.monday.iso == "2024-12-30")
        #expect(w1.sunday.iso == "2025-01-05")
        let w53 = try #require(ISOWeek(year: 2020, week: 53))
        #expect(w53.monday.iso == "2020-12-28")
        #expect(w53.sunday.iso == "2021-01-03")
        #expect(try #require(ISOWeek(year: 2021, week: 1)).monday.iso == "2021-01-04")
    }

    @Test(arguments: ["2025-w32", "2025-W1", "2025W32", "2025-W032", "25-W32", "", "2025-W00", "2025-Wxx", " 2025-W32"])
    func rejectsMalformedStrings(text: String) {
        #expect(ISOWeek(string: text) == nil)
    }

    @Test func addingWeeks() throws {
        let w32 = try #require(ISOWeek(string: "2025-W32"))
        #expect(w32.adding(weeks: 1).string == "2025-W33")
        #expect(w32.adding(weeks: -31).string == "2025-W01")
        #expect(w32.adding(weeks: -32).string == "2024-W52")
        #expect(w32.adding(weeks: 21).string == "2026-W01")
        #expect(w32.adding(weeks: 0) == w32)
        let w52 = try #require(ISOWeek(year: 2020, week: 52))
        #expect(w52.adding(weeks: 1).string == "2020-W53")
        #expect(w52.adding(weeks: 2).string == "2021-W01")
    }

    @Test func everyWeekRoundTrips() throws {
        for year in 1990...2040 {
            let count = ISOWeek(year: year, week: 53) == nil ? 52 : 53
            for week in 1...count {
                let w = try #require(ISOWeek(year: year, week: week))
                #expect(w.monday.weekday == 1)
                #expect(w.sunday.weekday == 7)
                #expect(w.monday.isoWeek == w)
                #expect(w.sunday.isoWeek == w)
                #expect(ISOWeek(string: w.string) == w)
            }
        }
    }

    @Test func ordering() throws {
        let a = try #require(ISOWeek(string: "2024-W52"))
        let b = try #require(ISOWeek(string: "2025-W01"))
        let c = try #require(ISOWeek(string: "2025-W10"))
        #expect(a < b && b < c)
        #expect([c, b, a].sorted() == [a, b, c])
    }
}
