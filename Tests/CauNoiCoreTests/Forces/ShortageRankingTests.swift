import CauNoiCore
import XCTest

final class ShortageRankingTests: XCTestCase {
    typealias C = ShortageRanking.Commune

    func testRanksByStatedPointsWithReasons() {
        let communes = [
            C(code: "00001", provinceCode: "11", activeTeams: 1, activeVolunteers: 10, supports: 100, trainedActive: 10),
            C(code: "00002", provinceCode: "11", activeTeams: 1, activeVolunteers: 10, supports: 120, trainedActive: 10),
            // 40 supports per volunteer against a median of 12: load 40 + 10 (≥ 3×).
            C(code: "00003", provinceCode: "11", activeTeams: 1, activeVolunteers: 2, supports: 80, trainedActive: 2),
            C(code: "00004", provinceCode: "11", activeTeams: 0),
            C(code: "00005", provinceCode: "11", activeTeams: 1, activeVolunteers: 4, supports: 40, trainedActive: 3,
              reinforcementDifficulties: 1, areaLanguages: LanguageSet([.vi, .hmong]), spokenLanguages: LanguageSet([.vi]),
              isHardArea: true, leavingWithoutReplacement: 2),
        ]
        let ranked = ShortageRanking.rank(communes)
        XCTAssertEqual(ranked.map(\.commune.code), ["00005", "00004", "00003"])
        let first = ranked[0]
        XCTAssertEqual(first.reasons, [.reinforcementAsked(1), .missingLanguages([.hmong]), .trainingBelowFull(trained: 3, active: 4),
                                       .membersLeaving(2, withinDays: 14)])
        XCTAssertEqual(first.score, 30 + 35 + 5 + 20)
        XCTAssertEqual(first.reasons[1].vietnamese, "Chưa có TNV nói tiếng H'Mông")
        XCTAssertEqual(ranked[2].reasons.map(\.points), [70])
        XCTAssertEqual(ranked[2].reasons[0].vietnamese, "Mỗi TNV hỗ trợ 40,0 lượt, gấp 3,3 lần trung vị của tỉnh (12,0)")
    }

    func testLanguagesCountOnlyInHardAreasAndMediansArePerProvince() {
        let communes = [
            C(code: "00001", provinceCode: "11", activeTeams: 1, activeVolunteers: 1, supports: 5, trainedActive: 1,
              areaLanguages: LanguageSet([.km]), isHardArea: false),
            C(code: "00002", provinceCode: "12", activeTeams: 1, activeVolunteers: 1, supports: 50, trainedActive: 1),
        ]
        XCTAssertEqual(ShortageRanking.rank(communes), [], "a commune alone in its province is its own median")
        XCTAssertEqual(ShortageRanking.provinceMedians(communes), ["11": 5, "12": 50])
    }
}
