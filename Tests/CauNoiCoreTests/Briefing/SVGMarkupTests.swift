import Testing
@testable import CauNoiCore

struct SVGMarkupTests {
    @Test(arguments: [
        (0.0, "0"), (3.0, "3"), (12.34, "12.3"), (1.25, "1.3"), (-2.35, "-2.4"), (-0.04, "0"),
        (640.0, "640"), (1234567.89, "1234567.9"), (Double.nan, "0"), (Double.infinity, "0"),
    ])
    func number(x: Double, expected: String) {
        #expect(SVGMarkup.number(x) == expected)
    }

    @Test func escape() {
        #expect(SVGMarkup.escape(#"<b>&"'"#) == "&lt;b&gt;&amp;&quot;&#39;")
        #expect(SVGMarkup.escape("Đắk Lắk\tx\n") == "Đắk Lắk\tx\n")
        #expect(SVGMarkup.escape("a\u{0}\u{8}\u{FFFE}b") == "ab")
        #expect(SVGMarkup.escape("😀") == "😀")
    }

    @Test func truncate() {
        #expect(SVGMarkup.truncate("Huế", maxWidth: 100, fontSize: 12) == "Huế")
        let cut = SVGMarkup.truncate(String(repeating: "a", count: 100), maxWidth: 70, fontSize: 12)
        #expect(cut == String(repeating: "a", count: 9) + "…")
        #expect(SVGMarkup.truncate("abc", maxWidth: 0, fontSize: 12) == "a…")
    }

    @Test(arguments: [
        (0, [0]), (-5, [0]), (1, [0, 1]), (4, [0, 1, 2, 3, 4]), (7, [0, 2, 4, 6, 8]),
        (100, [0, 50, 100]), (300, [0, 100, 200, 300]), (460_312, [0, 200_000, 400_000, 600_000]),
        (2_170_000, [0, 1_000_000, 2_000_000, 3_000_000]),
    ])
    func niceTicks(maxValue: Int, expected: [Int]) {
        #expect(NiceScale.ticks(maxValue: maxValue) == expected)
    }

    @Test func niceTicksStayRoundForHugeValues() {
        let ticks = NiceScale.ticks(maxValue: Int.max)
        #expect(ticks.first == 0)
        #expect(ticks.count >= 3 && ticks.count <= 6)
        #expect(ticks[1] == 500_000_000_000_000)
    }
}
