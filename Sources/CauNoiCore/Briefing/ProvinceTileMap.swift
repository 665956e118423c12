/// A tile map of Vietnam's 34 provinces (2025): one equal square per
/// province, laid out roughly geographically so small provinces are as
/// visible as large ones.
public enum ProvinceTileMap: Sendable {
    /// 2-digit GSO code → tile position; 6 columns × 14 rows, north at the
    /// top, following the S of the coast. Columns 0–2 of rows 6–10 are left
    /// empty for the legend.
    public static let tiles: [String: (col: Int, row: Int)] = [
        "12": (1, 0), "15": (2, 0), "08": (3, 0), "04": (4, 0),
        "11": (0, 1), "14": (1, 1), "25": (2, 1), "19": (3, 1), "20": (4, 1),
        "01": (2, 2), "24": (3, 2), "31": (4, 2), "22": (5, 2),
        "37": (2, 3), "33": (3, 3),
        "38": (2, 4),
        "40": (2, 5),
        "42": (3, 6),
        "44": (3, 7),
        "46": (3, 8), "48": (4, 8),
        "51": (4, 9),
        "52": (4, 10),
        "80": (1, 11), "75": (2, 11), "68": (3, 11), "66": (4, 11),
        "91": (0, 12), "82": (1, 12), "79": (2, 12), "56": (4, 12),
        "96": (0, 13), "92": (1, 13), "86": (2, 13),
    ]
    public static let columns = 6
    public static let rows = 14

    /// Light to dark red (ColorBrewer "Reds"), then grey for no value.
    public static let palette = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]
    public static let missingColor = "#ccc"

    static let tileSize = 56.0
    static let pitch = 60.0
    static let legendArea = (col: 0, row: 6, cols: 3, rows: 5)

    /// - Parameters:
    ///   - values: province code → value; codes outside the 34 are ignored,
    ///     and non-finite values count as missing. Unpadded codes ("1") are
    ///     accepted; a padded key wins if both are given.
    ///   - names: province code → official name, used in tooltips and (short
    ///     form) on tiles; a tile without a name shows only its code.
    ///   - legend: what the colours measure, e.g. "Tỷ lệ nộp báo cáo đúng hạn".
    ///   - domain: fixed colour range (e.g. 0...1 for rates, so colours mean
    ///     the same thing every week); nil uses the smallest and largest value.
    ///   - formatValue: how values read in tooltips and the legend.
    public static func svg(
        title: String, values: [String: Double], names: [String: String], legend: String,
        domain: ClosedRange<Double>? = nil,
        formatValue: (Double) -> String = { VietnameseNumber.decimal($0, fractionDigits: 1) }
    ) -> String {
        let values = padKeys(values).filter { tiles[$0.key] != nil && $0.value.isFinite }
        let names = padKeys(names)
        let scale = SequentialScale(values: Array(values.values), domain: domain)
        let pad = SVGMarkup.padding
        let top = SVGMarkup.titleBand
        let width = 2 * pad + Double(columns) * pitch - (pitch - tileSize)
        let height = top + Double(rows) * pitch - (pitch - tileSize) + pad

        var body = [SVGMarkup.heading(title, width: width)]
        for code in tiles.keys.sorted() {
            let (col, row) = tiles[code]!
            let x = pad + Double(col) * pitch
            let y = top + Double(row) * pitch
            let value = values[code]
            let index = value.flatMap { v in scale.map { $0.classIndex(v) } }
            let fill = index.map { palette[$0] } ?? missingColor
            let ink = (index ?? 0) >= 3 ? "#fff" : SVGMarkup.textColor
            let name = names[code]
            let tooltip = "\(name ?? "Mã \(code)"): \(value.map(formatValue) ?? "chưa có số liệu")"
            body.append("<g><title>\(SVGMarkup.escape(tooltip))</title>")
            body.append(SVGMarkup.rect(x: x, y: y, width: tileSize, height: tileSize, fill: fill, extra: "rx=\"4\""))
            body.append(SVGMarkup.text(code, x: x + 4, y: y + 12, size: 9, fill: ink))
            if let name {
                body.append(SVGMarkup.text(ProvinceLabel.short(name), x: x + tileSize / 2, y: y + 36,
                                           anchor: "middle", size: 10, weight: "bold", fill: ink))
            }
            body.append("</g>")
        }
        let anyMissing = tiles.keys.contains { values[$0] == nil }
        body += legendMarkup(legend, scale: scale, anyMissing: anyMissing, formatValue: formatValue)
        let description = describe(legend: legend, values: values, names: names, formatValue: formatValue)
        return SVGMarkup.document(width: width, height: height, title: title, description: description, body: body)
    }

    // MARK: - Internals

    private static func legendMarkup(
        _ legend: String, scale: SequentialScale?, anyMissing: Bool, formatValue: (Double) -> String
    ) -> [String] {
        let x = SVGMarkup.padding + Double(legendArea.col) * pitch
        let areaWidth = Double(legendArea.cols) * pitch - (pitch - tileSize)
        var y = SVGMarkup.titleBand + Double(legendArea.row) * pitch + 12
        var out: [String] = []
        for line in wrap(legend, maxWidth: areaWidth, fontSize: 11, maxLines: 3) {
            out.append(SVGMarkup.text(line, x: x, y: y, size: 11, weight: "bold", fill: SVGMarkup.textColor))
            y += 14
        }
        var entries: [(colour: String, text: String)] = []
        if let scale {
            if scale.isDegenerate {
                entries.append((palette[scale.classIndex(scale.lower)], formatValue(scale.lower)))
            } else {
                let breaks = scale.breaks
                for i in 0..<SequentialScale.classCount {
                    entries.append((palette[i], "\(formatValue(breaks[i])) – \(formatValue(breaks[i + 1]))"))
                }
            }
        }
        if anyMissing { entries.append((missingColor, "Chưa có số liệu")) }
        y += 2
        for entry in entries {
            out.append(SVGMarkup.rect(x: x, y: y, width: 14, height: 14, fill: entry.colour))
            let text = SVGMarkup.truncate(entry.text, maxWidth: areaWidth - 20, fontSize: 11)
            out.append(SVGMarkup.text(text, x: x + 20, y: y + 11, size: 11, fill: SVGMarkup.textColor))
            y += 20
        }
        return out
    }

    /// Greedy word wrap; overflow beyond `maxLines` ends in "…" (the full
    /// legend is also in the description).
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || SVGMarkup.textWidth(candidate, fontSize: fontSize) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else {
            return lines.map { SVGMarkup.truncate($0, maxWidth: maxWidth, fontSize: fontSize) }
        }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = SVGMarkup.truncate(kept[maxLines - 1] + " …", maxWidth: maxWidth, fontSize: fontSize)
        return kept.map { SVGMarkup.truncate($0, maxWidth: maxWidth, fontSize: fontSize) }
    }

    private static func describe(
        legend: String, values: [String: Double], names: [String: String], formatValue: (Double) -> String
    ) -> String {
        var parts = ["Bản đồ ô \(tiles.count) tỉnh, thành phố. Chú giải: \(legend); màu càng đậm, giá trị càng cao."]
        // Ties are broken by code so the text is the same on every run.
        let ranked = values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if let only = ranked.first, ranked.count == 1 {
            parts.append("Chỉ có số liệu của \(names[only.key] ?? "Mã \(only.key)") (\(formatValue(only.value))).")
        } else if let high = ranked.first, let low = ranked.last {
            parts.append("Cao nhất: \(names[high.key] ?? "Mã \(high.key)") (\(formatValue(high.value))); "
                + "thấp nhất: \(names[low.key] ?? "Mã \(low.key)") (\(formatValue(low.value))).")
        }
        let missing = tiles.count - values.count
        if missing == tiles.count {
            parts.append("Chưa có số liệu.")
        } else if missing > 0 {
            parts.append("\(missing) tỉnh, thành phố chưa có số liệu.")
        }
        return parts.joined(separator: " ")
    }

    /// "1" → "01", so callers reading unpadded codes (as in the official
    /// CSV) still match; an already padded key takes precedence.
    static func padKeys<V>(_ dictionary: [String: V]) -> [String: V] {
        let isShort = { (key: String) in key.utf8.count == 1 && key.utf8.allSatisfy { (0x30...0x39).contains($0) } }
        var out: [String: V] = [:]
        for (key, value) in dictionary where isShort(key) { out["0" + key] = value }
        for (key, value) in dictionary where !isShort(key) { out[key] = value }
        return out
    }
}
