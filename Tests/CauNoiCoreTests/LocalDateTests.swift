import Foundation
import Testing
@testable import CauNoiCore

struct LocalDateTests {
    @Test func validatesDays() {
        #expect(LocalDate(year: 2025, month: 8, day: 7) != nil)
        #expect(LocalDate(year: 2025, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2100, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2025, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2025, month: 12, day: 31) != nil)
        #expect(LocalDate(year: 2025, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2025, month: 0, day: 1) == nil)
        #expect(LocalDate(year: 2025, month: 1, day: 0) == nil)
        #expect(LocalDate(year: 0, month: 1, day: 1) == nil)
        #expect(LocalDate(year: 10_000, month: 1, day: 1) == nil)
    }

    @Test(arguments: ["2025-08-07", "2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01"])
    func parsesAndPrintsISO(text: String) throws {
        let date = try #require(LocalDate(iso: text))
        #expect(date.iso == text)
        #expect(date.description == text)
    }

    @Test(arguments: [
        "", "2025-8-7", "2025-08-7", "2025/08/07", "25-08-07", "2025-08-07T00:00:00", " 2025-08-07",
        "2025-08-07 ", "2025-02-29", "2025-13-01", "2025-00-10", "2025-08-32", "+025-08-07", "2025-0８-07",
        "abcd-ef-gh", "0000-01-01", "20250807",
    ])
    func rejectsMalformedISO(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func dayNumberKnownValues() throws {
        #expect(try #require(LocalDate(year: 1970, month: 1, day: 1)).dayNumber == 0)
        #expect(try #require(LocalDate(year: 1970, month: 1, day: 2)).dayNumber == 1)
        #expect(try #require(LocalDate(year: 1969, month: 12, day: 31)).dayNumber == -1)
        #expect(try #require(LocalDate(year: 2000, month: 3, day: 1)).dayNumber == 11_017)
        #expect(try #require(LocalDate(year: 2025, month: 8, day: 7)).dayNumber == 20_307)
        #expect(try #require(LocalDate(year: 1, month: 1, day: 1)).dayNumber == -719_162)
    }

    @Test func dayNumberRoundTripsAgainstCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: 0))
        // Every day from 1899 to 2101 crosses several century and leap rules.
        var previous: LocalDate? = nil
        for dayNumber in stride(from: -25_567, through: 48_000, by: 1) {
            let date = LocalDate(dayNumber: dayNumber)
            #expect(date.dayNumber == dayNumber)
            #expect(LocalDate(year: date.year, month: date.month, day: date.day) == date)
            if let previous { #expect(previous < date) }
            previous = date
            if dayNumber % 997 == 0 {
                let parts = calendar.dateComponents(
                    [.year, .month, .day], from: Date(timeIntervalSince1970: Double(dayNumber) * 86_400))
                #expect(parts.year == date.year && parts.month == date.month && parts.day == date.day)
            }
        }
    }

    @Test func addingDaysCrossesMonthsAndLeapDays() throws {
        let feb28 = try #require(LocalDate(iso: "2024-02-28"))
        #expect(feb28.adding(days: 1).iso == "2024-02-29")
        #expect(feb28.adding(days: 2).iso == "2024-03-01")
        #expect(try #require(LocalDate(iso: "2025-02-28")).adding(days: 1).iso == "2025-03-01")
        #expect(try #require(LocalDate(iso: "2025-12-31")).adding(days: 1).iso == "2026-01-01")
        #expect(try #require(LocalDate(iso: "2025-01-01")).adding(days: -1).iso == "2024-12-31")
        #expect(try #require(LocalDate(iso: "2025-07-01")).adding(days: 61).iso == "2025-08-31")
        #expect(feb28.adding(days: 0) == feb28)
    }

    @Test(arguments: [
        ("1970-01-01", 4), ("2025-08-04", 1), ("2025-08-07", 4), ("2025-08-10", 7), ("2024-12-30", 1),
        ("2000-01-01", 6), ("1969-12-28", 7), ("1900-01-01", 1),
    ])
    func weekday(text: String, expected: Int) throws {
        #expect(try #require(LocalDate(iso: text)).weekday == expected)
    }

    @Test(arguments: [
        ("2025-08-07", "2025-W32"), ("2025-08-04", "2025-W32"), ("2025-08-10", "2025-W32"),
        ("2024-12-30", "2025-W01"), ("2024-12-29", "2024-W52"), ("2021-01-03", "2020-W53"),
        ("2021-01-04", "2021-W01"), ("2020-12-31", "2020-W53"), ("2026-01-01", "2026-W01"),
        ("2027-01-01", "2026-W53"), ("2023-01-01", "2022-W52"), ("2025-01-01", "2025-W01"),
        ("2025-12-28", "2025-W52"), ("2025-12-29", "2026-W01"),
    ])
    func isoWeek(text: String, expected: String) throws {
        #expect(try #require(LocalDate(iso: text)).isoWeek.string == expected)
    }

    @Test func todayUsesFixedUTCPlus7() {
        // 2025-08-06T16:59:59Z is 23:59:59 in Hà Nội; one second later is the 7th.
        let before = Date(timeIntervalSince1970: 1_754_499_599)
        let after = Date(timeIntervalSince1970: 1_754_499_600)
        #expect(LocalDate.today(now: before).iso == "2025-08-06")
        #expect(LocalDate.today(now: after).iso == "2025-08-07")
        #expect(LocalDate.today(now: Date(timeIntervalSince1970: 0)).iso == "1970-01-01")
        #expect(LocalDate.today(now: Date(timeIntervalSince1970: -25_201)).iso == "1969-12-31")
        #expect(LocalDate.today(now: Date(timeIntervalSince1970: -25_200)).iso == "1970-01-01")
    }

    @Test func vietnameseFormats() throws {
        let date = try #require(LocalDate(iso: "2025-08-07"))
        #expect(date.shortVietnamese == "07/08")
        #expect(date.longVietnamese == "07/08/2025")
        #expect(try #require(LocalDate(iso: "2025-12-25")).longVietnamese == "25/12/2025")
    }

    @Test func ordering() throws {
        let a = try #require(LocalDate(iso: "2025-07-31"))
        let b = try #require(LocalDate(iso: "2025-08-01"))
        let c = try #require(LocalDate(iso: "2026-01-01"))
        #expect(a < b && b < c && a < c)
        #expect([c, a, b].sorted() == [a, b, c])
    }

    @Test func codableAsISOString() throws {
        let date = try #require(LocalDate(iso: "2025-08-07"))
        let data = try JSONEncoder().encode(["d": date])
        #expect(String(decoding: data, as: UTF8.self) == #"{"d":"2025-08-07"}"#)
        let decoded = try JSONDecoder().decode([String: LocalDate].self, from: data)
        #expect(decoded["d"] == date)
    }

    @Test(arguments: [#"["2025-02-30"]"#, #"["07/08/2025"]"#, "[20250807]", #"[""]"#])
    func decodingMalformedThrows(json: String) {
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([LocalDate].self, from: Data(json.utf8))
        }
    }
}
