import Testing
@testable import CauNoiCore

struct DateRangeTests {
    private func date(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    @Test func rejectsInvertedRange() {
        #expect(DateRange(from: date("2025-08-02"), to: date("2025-08-01")) == nil)
        #expect(DateRange(from: date("2025-08-01"), to: date("2025-08-01")) != nil)
    }

    @Test func containsIsInclusive() throws {
        let r = try #require(DateRange(from: date("2025-07-01"), to: date("2025-08-31")))
        #expect(r.contains(date("2025-07-01")))
        #expect(r.contains(date("2025-08-31")))
        #expect(r.contains(date("2025-08-07")))
        #expect(!r.contains(date("2025-06-30")))
        #expect(!r.contains(date("2025-09-01")))
    }

    @Test func dayCount() throws {
        #expect(try #require(DateRange(from: date("2025-07-01"), to: date("2025-08-31"))).dayCount == 62)
        #expect(try #require(DateRange(from: date("2025-08-07"), to: date("2025-08-07"))).dayCount == 1)
        #expect(try #require(DateRange(from: date("2024-01-01"), to: date("2024-12-31"))).dayCount == 366)
    }

    @Test func previousHasSameLengthImmediatelyBefore() throws {
        let week = try #require(DateRange(from: date("2025-08-04"), to: date("2025-08-10")))
        let prev = week.previous()
        #expect(prev.from == date("2025-07-28"))
        #expect(prev.to == date("2025-08-03"))
        #expect(prev.dayCount == 7)

        let day = try #require(DateRange(from: date("2025-03-01"), to: date("2025-03-01")))
        #expect(day.previous() == DateRange(from: date("2025-02-28"), to: date("2025-02-28")))

        let march = try #require(DateRange(from: date("2024-03-01"), to: date("2024-03-31")))
        let beforeMarch = march.previous()
        #expect(beforeMarch.from == date("2024-01-30"))
        #expect(beforeMarch.to == date("2024-02-29"))
        #expect(beforeMarch.dayCount == 31)
    }
}
