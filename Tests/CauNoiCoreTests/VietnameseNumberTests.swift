import Testing
@testable import CauNoiCore

struct VietnameseNumberTests {
    @Test(arguments: [
        (460_000, "460.000"), (5_013, "5.013"), (999, "999"), (-1_200, "-1.200"), (0, "0"),
        (1_000, "1.000"), (100, "100"), (1_000_000, "1.000.000"), (-5, "-5"),
        (1_234_567_890, "1.234.567.890"),
    ])
    func grouped(n: Int, expected: String) {
        #expect(VietnameseNumber.grouped(n) == expected)
    }

    @Test func groupedExtremes() {
        #expect(VietnameseNumber.grouped(Int.max) == "9.223.372.036.854.775.807")
        #expect(VietnameseNumber.grouped(Int.min) == "-9.223.372.036.854.775.808")
    }

    @Test(arguments: [
        (2.17, 2, "2,17"), (1234.5, 1, "1.234,5"), (2.10, 2, "2,1"), (3.0, 2, "3"),
        (0.0, 2, "0"), (-1234.56, 2, "-1.234,56"), (-0.001, 2, "0"), (2.175, 0, "2"),
        (2.5, 0, "3"), (1_000_000.0, 0, "1.000.000"), (0.05, 1, "0,1"), (0.04, 1, "0"),
        (12.345, 3, "12,345"), (9.999, 2, "10"), (1.005, 1, "1"),
    ])
    func decimal(x: Double, digits: Int, expected: String) {
        #expect(VietnameseNumber.decimal(x, fractionDigits: digits) == expected)
    }

    @Test func decimalOddInput() {
        #expect(VietnameseNumber.decimal(.nan, fractionDigits: 1) == "—")
        #expect(VietnameseNumber.decimal(.infinity, fractionDigits: 1) == "—")
        #expect(VietnameseNumber.decimal(1.5, fractionDigits: -3) == "2")
        #expect(VietnameseNumber.decimal(1e20, fractionDigits: 2) == "100.000.000.000.000.000.000")
    }

    @Test(arguments: [
        (0.8732, 1, "87,3%"), (1.0, 1, "100%"), (0.0, 1, "0%"), (0.12345, 2, "12,35%"),
        (0.5, 0, "50%"), (1.5, 1, "150%"),
    ])
    func percent(ratio: Double, digits: Int, expected: String) {
        #expect(VietnameseNumber.percent(ratio, fractionDigits: digits) == expected)
    }

    @Test func percentDefaultsToOneDigit() {
        #expect(VietnameseNumber.percent(0.8732) == "87,3%")
    }

    @Test(arguments: [
        // Required fixtures.
        (54_870, "gần 55.000"), (460_312, "hơn 460.000"), (2_170_000, "2,17 triệu"),
        // Millions.
        (1_500_000, "1,5 triệu"), (3_000_000, "3 triệu"), (2_174_000, "hơn 2,17 triệu"),
        (2_168_000, "gần 2,17 triệu"), (1_000_000, "1 triệu"), (1_004_999, "hơn 1 triệu"),
        (1_005_000, "gần 1,01 triệu"), (12_345_678, "gần 12,35 triệu"), (1_234_560_000, "1.234,56 triệu"),
        // Small values are exact.
        (5_013, "5.013"), (9_999, "9.999"), (0, "0"), (7, "7"), (-54_870, "-54.870"),
        // Thousands band.
        (10_000, "10.000"), (10_499, "hơn 10.000"), (10_500, "gần 11.000"), (99_400, "hơn 99.000"),
        (99_600, "gần 100.000"),
        // Ten-thousands band.
        (100_000, "100.000"), (104_999, "hơn 100.000"), (455_000, "gần 460.000"),
        (999_999, "gần 1 triệu"),
    ])
    func approximate(n: Int, expected: String) {
        #expect(VietnameseNumber.approximate(n) == expected)
    }

    @Test func approximateNearIntMax() {
        #expect(VietnameseNumber.approximate(Int.max).hasSuffix(" triệu"))
    }
}
