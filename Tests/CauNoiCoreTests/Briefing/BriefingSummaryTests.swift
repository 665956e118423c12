import Testing
@testable import CauNoiCore

struct BriefingSummaryTests {
    static func range(_ from: String, _ to: String) -> DateRange {
        DateRange(from: LocalDate(iso: from)!, to: LocalDate(iso: to)!)!
    }

    static let week = range("2025-08-07", "2025-08-13")

    static let nationwide = RollupFigures(
        teamsMaintained: 5_013, volunteersActive: 54_870, supports: 460_312,
        supportsByCategory: ["vneid": 120_312, "thu_tuc": 98_000, "ho_so": 45_000, "tai_nha": 9_000, "phan_luong": 98_000],
        communesCovered: 3_321, communesInScope: 3_321)

    @Test func reportExample() {
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: nil, figures: Self.nationwide)
            == "Từ ngày 07/8 đến 13/8, cả nước duy trì 5.013 đội hình với gần 55.000 tình nguyện viên, "
            + "hỗ trợ hơn 460.000 lượt người dân tại 3.321 xã, phường, đặc khu.")
    }

    @Test func approximationFixtures() {
        #expect(VietnameseNumber.approximate(54_870) == "gần 55.000")
        #expect(VietnameseNumber.approximate(460_312) == "hơn 460.000")
        #expect(VietnameseNumber.approximate(2_170_000) == "2,17 triệu")
        let big = RollupFigures(teamsMaintained: 5_013, volunteersActive: 54_870, supports: 2_170_000,
                                communesCovered: 3_321, communesInScope: 3_321)
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: nil, figures: big)
            == "Từ ngày 07/8 đến 13/8, cả nước duy trì 5.013 đội hình với gần 55.000 tình nguyện viên, "
            + "hỗ trợ 2,17 triệu lượt người dân tại 3.321 xã, phường, đặc khu.")
    }

    @Test func provinceScopeAndPartialCoverage() {
        let hanoi = RollupFigures(teamsMaintained: 412, volunteersActive: 6_140, supports: 38_950,
                                  communesCovered: 120, communesInScope: 126)
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: "Thành phố Hà Nội", figures: hanoi)
            == "Từ ngày 07/8 đến 13/8, Thành phố Hà Nội duy trì 412 đội hình với 6.140 tình nguyện viên, "
            + "hỗ trợ gần 39.000 lượt người dân tại 120/126 xã, phường, đặc khu.")
        let partial = RollupFigures(teamsMaintained: 5_013, volunteersActive: 54_870, supports: 460_312,
                                    communesCovered: 1_200, communesInScope: 3_321)
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: nil, figures: partial)
            .hasSuffix("hỗ trợ hơn 460.000 lượt người dân tại 1.200/3.321 xã, phường, đặc khu."))
    }

    @Test func blankScopeMeansNationwideAndSpacesAreCollapsed() {
        let figures = RollupFigures(teamsMaintained: 1, volunteersActive: 3, supports: 7)
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: "  ", figures: figures)
            == "Từ ngày 07/8 đến 13/8, cả nước duy trì 1 đội hình với 3 tình nguyện viên, hỗ trợ 7 lượt người dân.")
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: " Thành phố  Huế ", figures: figures)
            == "Từ ngày 07/8 đến 13/8, Thành phố Huế duy trì 1 đội hình với 3 tình nguyện viên, hỗ trợ 7 lượt người dân.")
    }

    @Test func singleDayAndAcrossYears() {
        let figures = RollupFigures(teamsMaintained: 2, volunteersActive: 11, supports: 85, communesCovered: 2)
        #expect(BriefingSummary.sentence(range: Self.range("2025-08-07", "2025-08-07"), scopeName: "Cà Mau", figures: figures)
            == "Ngày 07/8/2025, Cà Mau duy trì 2 đội hình với 11 tình nguyện viên, hỗ trợ 85 lượt người dân tại 2 xã, phường, đặc khu.")
        #expect(BriefingSummary.sentence(range: Self.range("2025-12-29", "2026-01-04"), scopeName: "Cà Mau", figures: figures)
            == "Từ ngày 29/12/2025 đến 04/1/2026, Cà Mau duy trì 2 đội hình với 11 tình nguyện viên, hỗ trợ 85 lượt người dân tại 2 xã, phường, đặc khu.")
    }

    @Test func zeroCountsReadNaturally() {
        let noSupports = RollupFigures(teamsMaintained: 3, volunteersActive: 25)
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: "Lai Châu", figures: noSupports)
            == "Từ ngày 07/8 đến 13/8, Lai Châu duy trì 3 đội hình với 25 tình nguyện viên, chưa ghi nhận lượt hỗ trợ nào.")
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: "Lai Châu", figures: .zero)
            == "Từ ngày 07/8 đến 13/8, Lai Châu chưa ghi nhận đội hình hay lượt hỗ trợ nào.")
        let onlyVolunteers = RollupFigures(volunteersActive: 120)
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: "Lai Châu", figures: onlyVolunteers)
            == "Từ ngày 07/8 đến 13/8, Lai Châu có 120 tình nguyện viên, chưa ghi nhận lượt hỗ trợ nào.")
        let noVolunteers = RollupFigures(teamsMaintained: 4, supports: 12_400)
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: "Lai Châu", figures: noVolunteers)
            == "Từ ngày 07/8 đến 13/8, Lai Châu duy trì 4 đội hình, hỗ trợ hơn 12.000 lượt người dân.")
        let supportsOnly = RollupFigures(supports: 40, communesCovered: 1, communesInScope: 0)
        #expect(BriefingSummary.sentence(range: Self.week, scopeName: "Lai Châu", figures: supportsOnly)
            == "Từ ngày 07/8 đến 13/8, Lai Châu hỗ trợ 40 lượt người dân tại 1 xã, phường, đặc khu.")
    }

    // MARK: - Paragraph

    static let categories = CampaignDefinition.summer2025.categories

    @Test func paragraphWithIncreaseAndTopThree() {
        let previous = RollupFigures(supports: 410_000)
        // thu_tuc and phan_luong tie at 98.000: campaign display order decides (phan_luong first).
        #expect(BriefingSummary.paragraph(range: Self.week, scopeName: nil, figures: Self.nationwide,
                                          previous: previous, topCategories: Self.categories)
            == "Từ ngày 07/8 đến 13/8, cả nước duy trì 5.013 đội hình với gần 55.000 tình nguyện viên, "
            + "hỗ trợ hơn 460.000 lượt người dân tại 3.321 xã, phường, đặc khu. "
            + "Số lượt hỗ trợ tăng 12,3% so với tuần trước; các nội dung hỗ trợ nhiều nhất là "
            + "“Cài đặt, kích hoạt VNeID” (120.312 lượt), “Phân luồng, hướng dẫn chung” (98.000 lượt) "
            + "và “Hướng dẫn thủ tục hành chính” (98.000 lượt).")
    }

    @Test func paragraphWithDecrease() {
        let current = RollupFigures(teamsMaintained: 10, volunteersActive: 80, supports: 900, supportsByCategory: ["vneid": 900])
        let previous = RollupFigures(supports: 1_000)
        #expect(BriefingSummary.paragraph(range: Self.week, scopeName: "Huế", figures: current,
                                          previous: previous, topCategories: Self.categories)
            == "Từ ngày 07/8 đến 13/8, Huế duy trì 10 đội hình với 80 tình nguyện viên, hỗ trợ 900 lượt người dân. "
            + "Số lượt hỗ trợ giảm 10% so với tuần trước; nội dung hỗ trợ nhiều nhất là “Cài đặt, kích hoạt VNeID” (900 lượt).")
    }

    @Test func paragraphUnchangedAndNearlyUnchanged() {
        let current = RollupFigures(teamsMaintained: 1, volunteersActive: 2, supports: 100_000)
        let same = BriefingSummary.paragraph(range: Self.week, scopeName: nil, figures: current,
                                             previous: RollupFigures(supports: 100_000), topCategories: Self.categories)
        #expect(same.hasSuffix(". Số lượt hỗ trợ không đổi so với tuần trước."))
        let nearly = BriefingSummary.paragraph(range: Self.week, scopeName: nil, figures: current,
                                               previous: RollupFigures(supports: 99_990), topCategories: Self.categories)
        #expect(nearly.hasSuffix(". Số lượt hỗ trợ gần như không đổi so với tuần trước."))
    }

    @Test func paragraphPeriodNames() {
        let current = RollupFigures(teamsMaintained: 1, volunteersActive: 2, supports: 150)
        let previous = RollupFigures(supports: 100)
        let day = BriefingSummary.paragraph(range: Self.range("2025-08-07", "2025-08-07"), scopeName: nil,
                                            figures: current, previous: previous, topCategories: [])
        #expect(day.hasSuffix(" Số lượt hỗ trợ tăng 50% so với ngày hôm trước."))
        let month = BriefingSummary.paragraph(range: Self.range("2025-07-01", "2025-07-31"), scopeName: nil,
                                              figures: current, previous: previous, topCategories: [])
        #expect(month.hasSuffix(" Số lượt hỗ trợ tăng 50% so với kỳ trước."))
    }

    @Test func paragraphWithoutBaselineOrCategories() {
        let current = RollupFigures(teamsMaintained: 1, volunteersActive: 2, supports: 150)
        let sentence = BriefingSummary.sentence(range: Self.week, scopeName: nil, figures: current)
        #expect(BriefingSummary.paragraph(range: Self.week, scopeName: nil, figures: current,
                                          previous: nil, topCategories: Self.categories) == sentence)
        #expect(BriefingSummary.paragraph(range: Self.week, scopeName: nil, figures: current,
                                          previous: .zero, topCategories: Self.categories) == sentence)
        #expect(BriefingSummary.paragraph(range: Self.week, scopeName: nil, figures: .zero,
                                          previous: .zero, topCategories: Self.categories)
            == "Từ ngày 07/8 đến 13/8, cả nước chưa ghi nhận đội hình hay lượt hỗ trợ nào.")
    }

    @Test func paragraphTopCategoriesOnlyAndUnknownCodes() {
        let current = RollupFigures(teamsMaintained: 1, volunteersActive: 2, supports: 16,
                                    supportsByCategory: ["ho_so": 7, "ma_la": 9, "vneid": 0])
        #expect(BriefingSummary.paragraph(range: Self.week, scopeName: nil, figures: current,
                                          previous: nil, topCategories: Self.categories)
            == "Từ ngày 07/8 đến 13/8, cả nước duy trì 1 đội hình với 2 tình nguyện viên, hỗ trợ 16 lượt người dân. "
            + "Các nội dung hỗ trợ nhiều nhất là “ma_la” (9 lượt) và “Nộp hồ sơ trực tuyến” (7 lượt).")
    }

    @Test func datePhrases() {
        let d = LocalDate(iso: "2025-08-07")!
        #expect(BriefingDates.dayMonth(d) == "07/8")
        #expect(BriefingDates.dayMonthYear(d) == "07/8/2025")
        #expect(BriefingDates.dayMonth(LocalDate(iso: "2025-12-25")!) == "25/12")
        #expect(BriefingDates.periodPhrase(Self.week) == "Từ ngày 07/8 đến 13/8")
        #expect(BriefingDates.previousPeriodName(Self.week) == "tuần trước")
    }
}
