import Foundation
import Testing
@testable import CauNoiCore

struct SVGChartTests {
    static let tricky = #"<b>&"'"#
    static let trickyEscaped = "&lt;b&gt;&amp;&quot;&#39;"

    static let provinces: [(label: String, value: Int)] = [
        ("Thành phố Hà Nội", 38_950), ("Thành phố Huế", 12_400), ("Cà Mau", 0),
    ]

    /// Shared expectations for every chart: parseable, accessible, scalable.
    static func expectWellFormed(_ svg: String, title: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(SVGCheck.problem(svg) == nil, sourceLocation: sourceLocation)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "), sourceLocation: sourceLocation)
        #expect(svg.contains(" role=\"img\""), sourceLocation: sourceLocation)
        // The accessible name and description point at the elements that exist.
        let ids = SVGCheck.attributes("id", of: "title", in: svg) + SVGCheck.attributes("id", of: "desc", in: svg)
        #expect(ids.count == 2, sourceLocation: sourceLocation)
        #expect(svg.contains(" aria-labelledby=\"\(ids.first ?? "?")\" aria-describedby=\"\(ids.last ?? "?")\""),
                sourceLocation: sourceLocation)
        #expect(svg.contains(" lang=\"vi\""), sourceLocation: sourceLocation)
        #expect(SVGCheck.count("<title id=\"", in: svg) == 1, sourceLocation: sourceLocation)
        #expect(svg.contains(">\(SVGMarkup.escape(title))</title>"), sourceLocation: sourceLocation)
        #expect(SVGCheck.count("<desc id=\"", in: svg) == 1, sourceLocation: sourceLocation)
        #expect(!svg.contains("<script"), sourceLocation: sourceLocation)
        #expect(!svg.contains("nan") && !svg.contains("inf"), sourceLocation: sourceLocation)
        let svgTag = svg.prefix { $0 != ">" }
        #expect(!svgTag.contains(" width=") && !svgTag.contains(" height="), sourceLocation: sourceLocation)
        // Coordinates: plain decimals with "." and at most one fractional digit.
        for attribute in ["x", "y", "width", "height"] {
            for value in SVGCheck.attributes(attribute, of: "rect", in: svg) {
                #expect(value.wholeMatch(of: /-?\d+(\.\d)?/) != nil, "\(attribute)=\(value)", sourceLocation: sourceLocation)
            }
        }
    }

    // MARK: - Bars

    @Test func barsStructure() {
        let svg = SVGChart.bars(title: "Lượt hỗ trợ theo tỉnh", items: Self.provinces)
        Self.expectWellFormed(svg, title: "Lượt hỗ trợ theo tỉnh")
        #expect(SVGCheck.count("<rect ", in: svg) == 3)
        #expect(svg.contains("<desc id=\"") && svg.contains(
            ">Biểu đồ thanh ngang, 3 mục. Thành phố Hà Nội: 38.950; Thành phố Huế: 12.400; Cà Mau: 0.</desc>"))
        let texts = SVGCheck.texts(in: svg)
        #expect(texts.contains("38.950") && texts.contains("12.400") && texts.contains("0"))
        #expect(texts.contains("Thành phố Hà Nội"))
        #expect(svg.contains("<g><title>Thành phố Huế: 12.400</title>"))
    }

    @Test func longestBarFillsThePlotAndOthersScale() throws {
        let svg = SVGChart.bars(title: "t", items: [("A", 100), ("B", 50), ("C", 0)], width: 640)
        let widths = try SVGCheck.attributes("width", of: "rect", in: svg).map { try #require(Double($0)) }
        let xs = try SVGCheck.attributes("x", of: "rect", in: svg).map { try #require(Double($0)) }
        #expect(widths.count == 3)
        #expect(abs(widths[1] - widths[0] / 2) <= 0.1)
        #expect(widths[2] == 0)
        // Full width: from the bar start to the right edge minus room for the value and padding.
        let valueRoom = SVGMarkup.textWidth("100", fontSize: 12) + 8
        #expect(abs(xs[0] + widths[0] - (640 - valueRoom - SVGMarkup.padding)) <= 0.1)
    }

    @Test func barsEscapeLabels() {
        let svg = SVGChart.bars(title: Self.tricky, items: [(Self.tricky, 5)])
        Self.expectWellFormed(svg, title: Self.tricky)
        #expect(svg.contains(Self.trickyEscaped))
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("<title>\(Self.trickyEscaped): 5</title>"))
    }

    @Test func barsDropControlCharacters() {
        let svg = SVGChart.bars(title: "a\u{0}b\u{1B}c", items: [("x\u{7}y", 1)])
        #expect(SVGCheck.problem(svg) == nil)
        #expect(svg.contains(">abc</title>"))
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func barsAllZeroAndEmpty() {
        let zeros = SVGChart.bars(title: "t", items: [("A", 0), ("B", 0)])
        Self.expectWellFormed(zeros, title: "t")
        #expect(SVGCheck.attributes("width", of: "rect", in: zeros) == ["0", "0"])
        let empty = SVGChart.bars(title: "t", items: [])
        Self.expectWellFormed(empty, title: "t")
        #expect(SVGCheck.count("<rect ", in: empty) == 0)
        #expect(SVGCheck.texts(in: empty).contains("Chưa có dữ liệu"))
        #expect(empty.contains(">Biểu đồ thanh ngang, chưa có dữ liệu.</desc>"))
    }

    @Test func barsClampOddSizesAndNegativeValues() {
        let svg = SVGChart.bars(title: "t", items: [("A", -5), ("B", 10)], width: 10, barHeight: 0)
        Self.expectWellFormed(svg, title: "t")
        #expect(svg.contains("viewBox=\"0 0 240 "))
        #expect(SVGCheck.attributes("width", of: "rect", in: svg).first == "0")
        #expect(SVGCheck.texts(in: svg).contains("-5"))
    }

    @Test func longLabelsAreTruncatedButKeptInTooltip() {
        let long = String(repeating: "Xã Thượng Lâm ", count: 10)
        let svg = SVGChart.bars(title: "t", items: [(long, 1)])
        #expect(SVGCheck.texts(in: svg).contains { $0.hasSuffix("…") })
        #expect(svg.contains("<title>\(long): 1</title>"))
    }

    @Test func chartsAreDeterministic() {
        #expect(SVGChart.bars(title: "t", items: Self.provinces) == SVGChart.bars(title: "t", items: Self.provinces))
        #expect(SVGChart.columns(title: "t", items: Self.provinces) == SVGChart.columns(title: "t", items: Self.provinces))
        let rows = [("A", 1, 2, 3)]
        #expect(SVGChart.completeness(title: "t", rows: rows) == SVGChart.completeness(title: "t", rows: rows))
        // Different content, different ids: two charts can share one page.
        #expect(SVGChart.bars(title: "t", items: [("A", 1)]).prefix(300) != SVGChart.bars(title: "u", items: [("A", 1)]).prefix(300))
    }

    // MARK: - Columns

    static let weeks: [(label: String, value: Int)] = [
        ("T28", 120_500), ("T29", 260_000), ("T30", 410_000), ("T31", 460_312),
    ]

    @Test func columnsStructureAndGridlines() {
        let svg = SVGChart.columns(title: "Lượt hỗ trợ theo tuần", items: Self.weeks)
        Self.expectWellFormed(svg, title: "Lượt hỗ trợ theo tuần")
        #expect(SVGCheck.count("<rect ", in: svg) == 4)
        #expect(SVGCheck.count("<line ", in: svg) == 4)
        let texts = SVGCheck.texts(in: svg)
        for tick in ["0", "200.000", "400.000", "600.000"] { #expect(texts.contains(tick)) }
        for label in ["T28", "T29", "T30", "T31"] { #expect(texts.contains(label)) }
        #expect(texts.contains("460.312"))
        #expect(svg.contains(">Biểu đồ cột, 4 mục. T28: 120.500; T29: 260.000; T30: 410.000; T31: 460.312.</desc>"))
    }

    @Test func columnHeightsFollowTheAxis() throws {
        let svg = SVGChart.columns(title: "t", items: [("a", 300), ("b", 150)], width: 640, height: 240)
        let heights = try SVGCheck.attributes("height", of: "rect", in: svg).map { try #require(Double($0)) }
        let ys = try SVGCheck.attributes("y", of: "rect", in: svg).map { try #require(Double($0)) }
        // Axis 0…300 in steps of 100; plot from y=46 to y=214.
        #expect(heights == [168, 84])
        #expect(ys == [46, 130])
        #expect(zip(ys, heights).allSatisfy { $0 + $1 == 214 })
    }

    @Test func columnsZeroAndEmpty() {
        let zeros = SVGChart.columns(title: "t", items: [("a", 0), ("b", 0)])
        Self.expectWellFormed(zeros, title: "t")
        #expect(SVGCheck.count("<rect ", in: zeros) == 2)
        #expect(SVGCheck.count("<line ", in: zeros) == 1)
        #expect(SVGCheck.attributes("height", of: "rect", in: zeros) == ["0", "0"])
        let empty = SVGChart.columns(title: "t", items: [])
        Self.expectWellFormed(empty, title: "t")
        #expect(SVGCheck.count("<rect ", in: empty) == 0)
        #expect(SVGCheck.texts(in: empty).contains("Chưa có dữ liệu"))
    }

    @Test func columnsThinCrowdedLabels() {
        let many = (1...52).map { (label: "Tuần \($0)", value: $0 * 1_000) }
        let svg = SVGChart.columns(title: "t", items: many)
        Self.expectWellFormed(svg, title: "t")
        #expect(SVGCheck.count("<rect ", in: svg) == 52)
        let labels = SVGCheck.texts(in: svg).filter { $0.hasPrefix("Tuần") }
        #expect(labels.count < 52 && labels.count > 3)
        #expect(labels.first == "Tuần 1")
        // Values do not fit 52 narrow columns, so they live only in tooltips.
        #expect(!SVGCheck.texts(in: svg).contains("52.000"))
        #expect(svg.contains("<title>Tuần 52: 52.000</title>"))
    }

    @Test func columnsEscapeLabels() {
        let svg = SVGChart.columns(title: Self.tricky, items: [(Self.tricky, 3)])
        Self.expectWellFormed(svg, title: Self.tricky)
        #expect(svg.contains(Self.trickyEscaped))
        #expect(!svg.contains("<b>"))
    }

    // MARK: - Completeness

    @Test func completenessStructure() throws {
        let svg = SVGChart.completeness(title: "Tình trạng nộp báo cáo tuần", rows: [
            ("Thành phố Hà Nội", 12, 2, 1), ("Cà Mau", 5, 0, 0), ("Lai Châu", 0, 0, 0),
        ])
        Self.expectWellFormed(svg, title: "Tình trạng nộp báo cáo tuần")
        // 3 legend swatches + 3 segments for Hà Nội + 1 for Cà Mau; zero segments are not drawn.
        #expect(SVGCheck.count("<rect ", in: svg) == 7)
        let texts = SVGCheck.texts(in: svg)
        for legend in ["Đúng hạn", "Muộn", "Chưa nộp"] { #expect(texts.contains(legend)) }
        #expect(texts.contains("80%"))
        #expect(texts.contains("100%"))
        #expect(texts.contains("—"))
        #expect(texts.contains("Không có báo cáo phải nộp"))
        #expect(svg.contains("<title>Thành phố Hà Nội: đúng hạn 12, muộn 2, chưa nộp 1</title>"))
        #expect(svg.contains(">Biểu đồ thanh xếp chồng về tình trạng nộp báo cáo, 3 mục. "
            + "Thành phố Hà Nội: đúng hạn 12, muộn 2, chưa nộp 1; Cà Mau: đúng hạn 5, muộn 0, chưa nộp 0; "
            + "Lai Châu: đúng hạn 0, muộn 0, chưa nộp 0. Số ở cuối mỗi thanh là tỷ lệ nộp đúng hạn.</desc>"))

        // Hà Nội's segments touch and together span the same length as Cà Mau's single bar.
        let xs = try SVGCheck.attributes("x", of: "rect", in: svg).dropFirst(3).map { try #require(Double($0)) }
        let widths = try SVGCheck.attributes("width", of: "rect", in: svg).dropFirst(3).map { try #require(Double($0)) }
        #expect(abs(xs[0] + widths[0] - xs[1]) < 0.01)
        #expect(abs(xs[1] + widths[1] - xs[2]) < 0.01)
        #expect(abs(widths[0] + widths[1] + widths[2] - widths[3]) < 0.01)
        #expect(abs(widths[0] / widths[3] - 0.8) < 0.01)
        let fills = SVGCheck.attributes("fill", of: "rect", in: svg)
        #expect(fills == ["#2166ac", "#f4a582", "#b2182b", "#2166ac", "#f4a582", "#b2182b", "#2166ac"])
    }

    @Test func completenessEmptyEscapedAndNegative() {
        let empty = SVGChart.completeness(title: "t", rows: [])
        Self.expectWellFormed(empty, title: "t")
        #expect(SVGCheck.count("<rect ", in: empty) == 3)
        #expect(SVGCheck.texts(in: empty).contains("Chưa có dữ liệu"))
        let tricky = SVGChart.completeness(title: Self.tricky, rows: [(Self.tricky, 1, -4, 0)])
        Self.expectWellFormed(tricky, title: Self.tricky)
        #expect(tricky.contains(Self.trickyEscaped))
        #expect(!tricky.contains("<b>"))
        #expect(SVGCheck.count("<rect ", in: tricky) == 4)
        #expect(SVGCheck.texts(in: tricky).contains("100%"))
    }
}
