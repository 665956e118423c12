import Foundation
import Testing
@testable import CauNoiCore

struct RollupFiguresTests {
    @Test func ratiosAreNilWithoutADenominator() {
        let empty = RollupFigures.zero
        #expect(empty.trainingCompliance == nil)
        #expect(empty.coverage == nil)
        #expect(empty.borderIslandCoverage == nil)

        let figures = RollupFigures(volunteersActive: 200, communesCovered: 3, communesInScope: 4,
                                    borderIslandCovered: 1, borderIslandInScope: 4, trainedActive: 150)
        #expect(figures.trainingCompliance == 0.75)
        #expect(figures.coverage == 0.75)
        #expect(figures.borderIslandCoverage == 0.25)
    }

    @Test func encodesSnakeCaseAndRoundTrips() throws {
        let figures = RollupFigures(teamsMaintained: 2, volunteersActive: 9, supports: 40,
                                    supportsByCategory: ["vneid": 30, "thu_tuc": 10], supportsByGroup: ["elderly": 5],
                                    supportsByPlace: ["home": 4], communesCovered: 1, communesInScope: 2,
                                    borderIslandCovered: 1, borderIslandInScope: 1, trainedActive: 8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(figures), as: UTF8.self)
        #expect(json.contains("\"teams_maintained\":2"))
        #expect(json.contains("\"supports_by_category\":{\"thu_tuc\":10,\"vneid\":30}"))
        #expect(json.contains("\"trained_active\":8"))
        #expect(!json.contains("compliance"))
        #expect(try JSONDecoder().decode(RollupFigures.self, from: Data(json.utf8)) == figures)
    }

    @Test func deltaIsCurrentMinusPrevious() {
        let previous = RollupFigures(teamsMaintained: 10, volunteersActive: 100, supports: 1_000,
                                     supportsByCategory: ["vneid": 600, "ho_so": 400], supportsByGroup: ["elderly": 50],
                                     communesCovered: 5, communesInScope: 8, borderIslandCovered: 1,
                                     borderIslandInScope: 2, trainedActive: 70)
        let current = RollupFigures(teamsMaintained: 12, volunteersActive: 90, supports: 1_300,
                                    supportsByCategory: ["vneid": 900, "tai_nha": 5], supportsByPlace: ["home": 5],
                                    communesCovered: 6, communesInScope: 8, borderIslandCovered: 2,
                                    borderIslandInScope: 2, trainedActive: 80)
        let delta = RollupDelta.between(previous: previous, current: current)
        #expect(delta.teamsMaintained == 2)
        #expect(delta.volunteersActive == -10)
        #expect(delta.supports == 300)
        #expect(delta.supportsByCategory == ["vneid": 300, "ho_so": -400, "tai_nha": 5])
        #expect(delta.supportsByGroup == ["elderly": -50])
        #expect(delta.supportsByPlace == ["home": 5])
        #expect(delta.communesCovered == 1)
        #expect(delta.communesInScope == 0)
        #expect(delta.borderIslandCovered == 1)
        #expect(delta.borderIslandInScope == 0)
        #expect(delta.trainedActive == 10)
        #expect(RollupDelta.between(previous: current, current: current).supports == 0)
    }

    @Test func combineSumsAdditiveFields() {
        let a = RollupFigures(teamsMaintained: 3, volunteersActive: 20, supports: 500,
                              supportsByCategory: ["vneid": 300, "ho_so": 200], supportsByGroup: ["elderly": 10],
                              supportsByPlace: ["home": 7], communesCovered: 2, communesInScope: 3,
                              borderIslandCovered: 1, borderIslandInScope: 1, trainedActive: 15)
        let b = RollupFigures(teamsMaintained: 1, volunteersActive: 5, supports: 40,
                              supportsByCategory: ["vneid": 40], supportsByGroup: ["disabled": 2],
                              supportsByPlace: ["home": 1, "village": 3], communesCovered: 1, communesInScope: 4,
                              borderIslandCovered: 0, borderIslandInScope: 2, trainedActive: 5)
        let total = RollupMath.combine([a, b], distinctVolunteers: 24, distinctTrained: 19)
        #expect(total == RollupFigures(
            teamsMaintained: 4, volunteersActive: 24, supports: 540,
            supportsByCategory: ["vneid": 340, "ho_so": 200], supportsByGroup: ["elderly": 10, "disabled": 2],
            supportsByPlace: ["home": 8, "village": 3], communesCovered: 3, communesInScope: 7,
            borderIslandCovered: 1, borderIslandInScope: 3, trainedActive: 19))
        #expect(RollupMath.combine([], distinctVolunteers: 0, distinctTrained: 0) == .zero)
    }

    /// One volunteer serves in teams of two communes: each commune counts
    /// them, so the parts sum to 2 people while the province has 1. That is
    /// why `combine` takes distinct counts instead of summing.
    @Test func volunteersAreNotAdditiveAcrossUnits() {
        let communeA = RollupFigures(teamsMaintained: 1, volunteersActive: 1, supports: 10, trainedActive: 1)
        let communeB = RollupFigures(teamsMaintained: 1, volunteersActive: 1, supports: 6, trainedActive: 1)
        let naiveSum = communeA.volunteersActive + communeB.volunteersActive
        let province = RollupMath.combine([communeA, communeB], distinctVolunteers: 1, distinctTrained: 1)
        #expect(naiveSum == 2)
        #expect(province.volunteersActive == 1)
        #expect(province.trainedActive == 1)
        #expect(province.trainingCompliance == 1.0)
        #expect(province.teamsMaintained == 2)
        #expect(province.supports == 16)
    }

    @Test func relativeChange() {
        #expect(RollupMath.relativeChange(previous: 400, current: 500) == 0.25)
        #expect(RollupMath.relativeChange(previous: 400, current: 300) == -0.25)
        #expect(RollupMath.relativeChange(previous: 0, current: 300) == nil)
        #expect(RollupMath.relativeChange(previous: 5, current: 5) == 0)
    }
}
