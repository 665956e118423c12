import Foundation
import Testing
@testable import CauNoiCore

struct ProvinceTileMapTests {
    /// Codes (padded) and names exactly as in vn-divisions-2025.csv.
    static let official: [(code: String, name: String)] = [
        ("01", "Thành phố Hà Nội"), ("04", "Cao Bằng"), ("08", "Tuyên Quang"), ("11", "Điện Biên"),
        ("12", "Lai Châu"), ("14", "Sơn La"), ("15", "Lào Cai"), ("19", "Thái Nguyên"), ("20", "Lạng Sơn"),
        ("22", "Quảng Ninh"), ("24", "Bắc Ninh"), ("25", "Phú Thọ"), ("31", "Thành phố Hải Phòng"),
        ("33", "Hưng Yên"), ("37", "Ninh Bình"), ("38", "Thanh Hóa"), ("40", "Nghệ An"), ("42", "Hà Tĩnh"),
        ("44", "Quảng Trị"), ("46", "Thành phố Huế"), ("48", "Thành phố Đà Nẵng"), ("51", "Quảng Ngãi"),
        ("52", "Gia Lai"), ("56", "Khánh Hòa"), ("66", "Đắk Lắk"), ("68", "Lâm Đồng"), ("75", "Đồng Nai"),
        ("79", "Thành phố Hồ Chí Minh"), ("80", "Tây Ninh"), ("82", "Đồng Tháp"), ("86", "Vĩnh Long"),
        ("91", "An Giang"), ("92", "Thành phố Cần Thơ"), ("96", "Cà Mau"),
    ]
    static let names = Dictionary(uniqueKeysWithValues: official.map { ($0.code, $0.name) })

    static let csvPath = "/work/shared/data/vn-divisions-2025.csv"

    // MARK: - Layout

    @Test func coversExactlyTheOfficialProvinces() {
        #expect(ProvinceTileMap.tiles.count == 34)
        #expect(Set(ProvinceTileMap.tiles.keys) == Set(Self.official.map(\.code)))
    }

    @Test func tilesAreUniqueAndInsideTheGrid() {
        let positions = ProvinceTileMap.tiles.values.map { "\($0.col),\($0.row)" }
        #expect(Set(positions).count == 34)
        for (code, tile) in ProvinceTileMap.tiles {
            #expect((0..<ProvinceTileMap.columns).contains(tile.col), "\(code)")
            #expect((0..<ProvinceTileMap.rows).contains(tile.row), "\(code)")
        }
        #expect(ProvinceTileMap.columns == 6 && ProvinceTileMap.rows == 14)
    }

    @Test func layoutRunsNorthToSouth() {
        let row = { (code: String) in ProvinceTileMap.tiles[code]!.row }
        let col = { (code: String) in ProvinceTileMap.tiles[code]!.col }
        #expect(row("04") < row("01"))   // Cao Bằng above Hà Nội
        #expect(row("01") < row("38"))   // Hà Nội above Thanh Hóa
        #expect(row("38") < row("46"))   // Thanh Hóa above Huế
        #expect(row("46") < row("79"))   // Huế above Hồ Chí Minh
        #expect(row("79") < row("96"))   // Hồ Chí Minh above Cà Mau
        #expect(col("11") < col("01"))   // Điện Biên west of Hà Nội
        #expect(col("01") < col("22"))   // Quảng Ninh east of Hà Nội
        #expect(col("96") < col("56"))   // Cà Mau west of Khánh Hòa
    }

    @Test func legendAreaHasNoTiles() {
        let area = ProvinceTileMap.legendArea
        for (code, tile) in ProvinceTileMap.tiles {
            let inside = (area.col..<(area.col + area.cols)).contains(tile.col)
                && (area.row..<(area.row + area.rows)).contains(tile.row)
            #expect(!inside, "\(code) overlaps the legend")
        }
    }

    /// Cross-checks the fixture and the tiles against the shared data file
    /// when this machine has it.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: csvPath)))
    func matchesTheOfficialDivisionsFile() throws {
        let csv = try String(contentsOfFile: Self.csvPath, encoding: .utf8)
        let catalog = try DivisionsCatalog.parse(csv: csv)
        #expect(catalog.provinces.map(\.code) == Self.official.map(\.code))
        #expect(catalog.provinces.map(\.name) == Self.official.map(\.name))
        #expect(Set(catalog.provinces.map(\.code)) == Set(ProvinceTileMap.tiles.keys))
    }

    // MARK: - Labels

    @Test func shortNamesFitTiles() {
        let expected: [String: String] = [
            "01": "Hà Nội", "31": "Hải Phòng", "46": "Huế", "48": "Đà Nẵng", "79": "HCM", "92": "Cần Thơ",
            "08": "T.Quang", "19": "T.Nguyên", "22": "Q.Ninh", "51": "Q.Ngãi", "11": "Điện Biên",
            "56": "Khánh Hòa", "96": "Cà Mau", "66": "Đắk Lắk",
        ]
        for (code, short) in expected {
            #expect(ProvinceLabel.short(Self.names[code]!) == short, "\(code)")
        }
        for (code, name) in Self.official {
            #expect(ProvinceLabel.short(name).count <= ProvinceLabel.maxFullLength, "\(code)")
        }
        #expect(ProvinceLabel.short("Tỉnh Cà Mau") == "Cà Mau")
        #expect(ProvinceLabel.short("thanh pho Hue") == "Hue")
        #expect(ProvinceLabel.short("Thành phố") == "Thành phố")
        #expect(ProvinceLabel.short("") == "")
    }

    // MARK: - SVG

    static func sampleValues() -> [String: Double] {
        var values: [String: Double] = [:]
        for (i, province) in official.enumerated() where province.code != "12" && province.code != "86" {
            values[province.code] = Double(i) * 3   // 0 … 99
        }
        return values
    }

    @Test func svgStructure() {
        let svg = ProvinceTileMap.svg(title: "Lượt hỗ trợ theo tỉnh", values: Self.sampleValues(),
                                      names: Self.names, legend: "Lượt hỗ trợ (nghìn)")
        SVGChartTests.expectWellFormed(svg, title: "Lượt hỗ trợ theo tỉnh")
        // 34 tiles + 5 classes + 1 "no data" swatch.
        #expect(SVGCheck.count("<rect ", in: svg) == 40)
        #expect(svg.contains("<title>Thành phố Hà Nội: 0</title>"))
        #expect(svg.contains("<title>Cà Mau: 99</title>"))
        #expect(svg.contains("<title>Lai Châu: chưa có số liệu</title>"))
        let texts = SVGCheck.texts(in: svg)
        for text in ["01", "Hà Nội", "79", "HCM", "Lượt hỗ trợ (nghìn)", "Chưa có số liệu", "0 – 19,8", "79,2 – 99"] {
            #expect(texts.contains(text), "\(text)")
        }
        #expect(svg.contains(">Bản đồ ô 34 tỉnh, thành phố. Chú giải: Lượt hỗ trợ (nghìn); màu càng đậm, giá trị càng cao. "
            + "Cao nhất: Cà Mau (99); thấp nhất: Thành phố Hà Nội (0). 2 tỉnh, thành phố chưa có số liệu.</desc>"))
    }

    @Test func coloursFollowTheFiveStepScale() {
        let svg = ProvinceTileMap.svg(title: "t", values: ["01": 0, "79": 100, "48": 50, "96": 25, "92": 79.9],
                                      names: Self.names, legend: "l", domain: 0...100)
        let fills = SVGCheck.attributes("fill", of: "rect", in: svg)
        // Tiles are drawn in code order.
        let codes = ProvinceTileMap.tiles.keys.sorted()
        let tileFill = Dictionary(uniqueKeysWithValues: zip(codes, fills.prefix(34)))
        #expect(tileFill["01"] == "#fee5d9")
        #expect(tileFill["96"] == "#fcae91")
        #expect(tileFill["48"] == "#fb6a4a")
        #expect(tileFill["92"] == "#de2d26")
        #expect(tileFill["79"] == "#a50f15")
        #expect(tileFill["04"] == "#ccc")
        #expect(Array(fills.dropFirst(34)) == ProvinceTileMap.palette + ["#ccc"])
        #expect(SVGCheck.texts(in: svg).contains("80 – 100"))
    }

    @Test func darkTilesGetWhiteText() {
        let svg = ProvinceTileMap.svg(title: "t", values: ["01": 0, "79": 1], names: Self.names, legend: "l")
        #expect(svg.contains("fill=\"#fff\">79</text>"))
        #expect(svg.contains("fill=\"#222\">01</text>"))
    }

    @Test func scaleClasses() {
        let scale = SequentialScale(values: [3, 7], domain: 0...100)!
        #expect(scale.breaks == [0, 20, 40, 60, 80, 100])
        #expect([-5, 0, 19.9, 20, 59, 60, 99.9, 100, 250].map(scale.classIndex) == [0, 0, 0, 1, 2, 3, 4, 4, 4])
        let fromData = SequentialScale(values: [10, 20, 60], domain: nil)!
        #expect(fromData.lower == 10 && fromData.upper == 60)
        #expect(SequentialScale(values: [], domain: nil) == nil)
        #expect(SequentialScale(values: [], domain: 0...1) != nil)
        let flat = SequentialScale(values: [4, 4], domain: nil)!
        #expect(flat.isDegenerate && flat.classIndex(4) == 2)
    }

    @Test func equalValuesAndNoValues() {
        let flat = ProvinceTileMap.svg(title: "t", values: ["01": 0.5, "79": 0.5], names: Self.names, legend: "l",
                                       formatValue: { VietnameseNumber.percent($0) })
        SVGChartTests.expectWellFormed(flat, title: "t")
        #expect(SVGCheck.count("<rect ", in: flat) == 36)
        #expect(flat.contains("<title>Thành phố Hồ Chí Minh: 50%</title>"))
        #expect(SVGCheck.texts(in: flat).contains("50%"))

        let none = ProvinceTileMap.svg(title: "t", values: [:], names: [:], legend: "l")
        SVGChartTests.expectWellFormed(none, title: "t")
        #expect(SVGCheck.count("<rect ", in: none) == 35)
        #expect(SVGCheck.attributes("fill", of: "rect", in: none).allSatisfy { $0 == "#ccc" })
        #expect(none.contains("<title>Mã 01: chưa có số liệu</title>"))
        #expect(none.contains("; màu càng đậm, giá trị càng cao. Chưa có số liệu.</desc>"))

        let one = ProvinceTileMap.svg(title: "t", values: ["46": 7], names: Self.names, legend: "l")
        #expect(one.contains("Chỉ có số liệu của Thành phố Huế (7). 33 tỉnh, thành phố chưa có số liệu.</desc>"))
    }

    @Test func ignoresUnknownCodesAndNonFiniteValuesAndPadsShortCodes() {
        let svg = ProvinceTileMap.svg(title: "t", values: ["1": 10, "99": 5, "79": .nan, "96": 20, "4": 1, "04": 30],
                                      names: ["1": "Thành phố Hà Nội"], legend: "l")
        #expect(svg.contains("<title>Thành phố Hà Nội: 10</title>"))
        #expect(svg.contains("<title>Mã 79: chưa có số liệu</title>"))
        #expect(svg.contains("<title>Mã 04: 30</title>"))
        #expect(!svg.contains("Mã 99") && !svg.contains(">99<"))
        #expect(svg.contains("31 tỉnh, thành phố chưa có số liệu."))
    }

    @Test func escapesNamesAndIsDeterministic() {
        var names = Self.names
        names["01"] = #"<b>&"'"#
        let make = { ProvinceTileMap.svg(title: "a & b", values: Self.sampleValues(), names: names, legend: "<l>") }
        let svg = make()
        SVGChartTests.expectWellFormed(svg, title: "a & b")
        #expect(svg.contains("<title>&lt;b&gt;&amp;&quot;&#39;: 0</title>"))
        #expect(!svg.contains("<b>") && !svg.contains("<l>"))
        #expect(svg == make())
    }

    @Test func legendWrapsLongText() {
        let lines = ProvinceTileMap.wrap("Tỷ lệ tình nguyện viên đang hoạt động đã hoàn thành đủ các khóa tập huấn bắt buộc của chiến dịch",
                                         maxWidth: 176, fontSize: 11, maxLines: 3)
        #expect(lines.count == 3)
        #expect(lines.last?.hasSuffix("…") == true)
        #expect(lines.allSatisfy { SVGMarkup.textWidth($0, fontSize: 11) <= 176 })
        #expect(ProvinceTileMap.wrap("Lượt hỗ trợ", maxWidth: 176, fontSize: 11, maxLines: 3) == ["Lượt hỗ trợ"])
        #expect(ProvinceTileMap.wrap("", maxWidth: 176, fontSize: 11, maxLines: 3) == [])
    }
}
