import CauNoiCore
import XCTest

final class ShortageRankingTests: XCTestCase {
    typealias C = ShortageRanking.Commune

    func testRanksByStatedPointsWithReasons() {
        let communes = [
            C(code: "00001", provinceCode: "11", activeTeams: 1, activeVolunteers: 10, supports: 100, trainedActive: 10),
            C(code: "00002", provinceCode: "11", activeTeams: 1, activeVolunteers: 10, supports: 120, trainedActive: 10),
            C(code: "00003", provinceCode: "11", activeTeams: 1, activeVolunteers: 2, supports: 80, trainedActive: 2),
            C(code: "00004", provinceCode: "11", activeTeams: 0),
            C(code: "00005", provinceCode: "11", activeTeams: 1, activeVolunteers: 4, supports: 40, trainedActive: 3,
              reinforcementDifficulties: 2, areaLanguages: LanguageSet([.vi, .hmong]), spokenLanguages: LanguageSet([.vi]),
              isHardArea: true, leavingWithoutReplacement: 2),
        ]
        let ranked = ShortageRanking.rank(communes)
        XCTAssertEqual(ranked.map(\.commune.code), ["00005", "00004", "00003"])
        let first = ranked[0]
        XCTAssertEqual(first.reasons, [.reinforcementAsked(2), .missingLanguages([.hmong]), .trainingBelowFull(trained: 3, active: 4),
                                       .membersLeaving(2, withinDays: 14)])
        XCTAssertEqual(first.score, 60 + 35 + 5 + 20)
        XCTAssertEqual(first.reasons[1].vietnamese, "Chưa có TNV nói tiếng H'Mông")
        // Loads 10, 12, 40 and 10: the province's median is 11, and 40 is 3.6 times it.
        XCTAssertEqual(ranked[2].reasons.map(\.points), [50])
        XCTAssertEqual(ranked[2].reasons[0].vietnamese, "Mỗi TNV hỗ trợ 40 lượt, gấp 3,6 lần trung vị của tỉnh (11)")
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
