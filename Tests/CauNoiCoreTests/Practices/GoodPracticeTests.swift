import CauNoiCore
import XCTest

final class GoodPracticeTests: XCTestCase {
    let today = LocalDate(iso: "2025-08-15")!

    func testEveryProblemIsNamedAndPersonalDataRefused() {
        var d = PracticeDraft()
        d.title = "  "
        d.originCode = "VN"
        d.startDate = "2025-09-01"
        d.whatWasDone = "Gọi chị Lan 0912345678 để hẹn"
        d.indicator = "speed"
        d.tags = ["elderly", "karaoke"]
        guard case .failure(let failure) = ValidPractice.validate(d, today: today) else { return XCTFail("accepted") }
        XCTAssertEqual(Set(failure.errors.map(\.field)), ["title", "origin_code", "start_date", "what_was_done", "indicator", "tags[1]"])
    }

    func testAValidPracticeKeepsItsTagsOnce() throws {
        var d = PracticeDraft()
        d.title = "Thứ năm ý nghĩa"
        d.originCode = "48"
        d.startDate = "2025-07-03"
        d.whatWasDone = "Mỗi thứ Năm, đội đến thăm người cao tuổi sống một mình và hướng dẫn cài VNeID tại nhà."
        d.tags = ["elderly", "home_visit", "elderly"]
        let p = try ValidPractice.validate(d, today: today).get()
        XCTAssertEqual(p.tags, [.elderly, .homeVisit])
        XCTAssertEqual(p.indicator, .supportsPerVolunteer)
    }

    func testAnAdoptionCannotPrecedeThePractice() {
        var d = AdoptionDraft()
        d.unitCode = "00070"
        d.startDate = "2025-06-30"
        guard case .failure(let failure) = ValidAdoption.validate(d, practiceStart: LocalDate(iso: "2025-07-03")!, today: today) else {
            return XCTFail("accepted")
        }
        XCTAssertEqual(failure.errors.map(\.field), ["start_date"])
        XCTAssertTrue(failure.errors[0].message.contains("trước khi cách làm bắt đầu"))
    }

    func testWindowsAreFourWeeksEitherSideCutAtToday() {
        let (before, after) = AdoptionWindow.ranges(start: LocalDate(iso: "2025-08-01")!, today: today)
        XCTAssertEqual([before.from.iso, before.to.iso], ["2025-07-04", "2025-07-31"])
        XCTAssertEqual([after?.from.iso, after?.to.iso], ["2025-08-01", "2025-08-15"])
    }

    func testIndicatorsReadTheRollups() {
        let f = RollupFigures(volunteersActive: 4, supports: 30, supportsByPlace: ["home": 6])
        XCTAssertEqual(PracticeIndicator.supportsPerVolunteer.value(f), 7.5)
        XCTAssertEqual(PracticeIndicator.homeVisits.value(f), 6)
        XCTAssertNil(PracticeIndicator.supportsPerVolunteer.value(.init()))
    }

    func testSearchFoldsAccentsCaseAndNormalisation() {
        let hay = PracticeSearch.haystack(title: "Địa chỉ thanh niên tin cậy", whatWasDone: "Hỗ trợ người cao tuổi vùng biên", problem: nil,
                                          tags: [.border])
        XCTAssertTrue(PracticeSearch.matches(hay, query: "dia chi TIN CAY"))
        XCTAssertTrue(PracticeSearch.matches(hay, query: "ho tro nguoi cao tuoi".decomposedStringWithCanonicalMapping))
        XCTAssertTrue(PracticeSearch.matches(hay, query: "biên giới"))
        XCTAssertFalse(PracticeSearch.matches(hay, query: "chatbot"))
    }
}

final class PracticeCandidatesTests: XCTestCase {
    typealias W = PracticeCandidates.CommuneWeek

    func testACommuneFarAboveItsPeersEveryWeekIsACandidate() {
        func week(_ star: Int) -> [W] {
            [W(code: "00001", provinceCode: "11", isHardArea: false, volunteers: 10, supports: 100, homeVisits: 2),
             W(code: "00002", provinceCode: "11", isHardArea: false, volunteers: 10, supports: 120, homeVisits: 3),
             W(code: "00003", provinceCode: "11", isHardArea: false, volunteers: 2, supports: star, homeVisits: 1),
             // Border communes compare among themselves: this one is ordinary there.
             W(code: "00004", provinceCode: "11", isHardArea: true, volunteers: 1, supports: 60, homeVisits: 30),
             W(code: "00005", provinceCode: "11", isHardArea: true, volunteers: 1, supports: 50, homeVisits: 25),
             W(code: "00006", provinceCode: "11", isHardArea: true, volunteers: 1, supports: 55, homeVisits: 28)]
        }
        let found = PracticeCandidates.find(weeks: [week(60), week(70), week(80)])
        XCTAssertEqual(found.map(\.code), ["00003"])
        XCTAssertEqual(found[0].indicator, .supportsPerVolunteer)
        XCTAssertEqual(found[0].values, [30, 35, 40])
        XCTAssertEqual(found[0].medians, [12, 12, 12])
        XCTAssertEqual(PracticeCandidates.find(weeks: [week(60), week(20), week(80)]), [], "one ordinary week is enough to drop it")
    }
}
