/// Server-rendered charts for the briefing pack: plain SVG strings with no
/// script, readable by screen readers (`role="img"`, Vietnamese `<title>`
/// and `<desc>` listing the data) and identical for identical input.
///
/// Negative values are drawn as zero-length bars (counts cannot be
/// negative; the printed number still shows what was passed in).
public enum SVGChart: Sendable {
    static let barColor = "#1f5fa8"
    static let gridColor = "#ddd"
    static let axisColor = "#999"
    static let emptyText = "Chưa có dữ liệu"

    /// Horizontal bars, labels on the left, the exact value right of each
    /// bar; the largest value spans the full plot width.
    public static func bars(
        title: String, items: [(label: String, value: Int)], width: Int = 640, barHeight: Int = 22
    ) -> String {
        let w = Double(max(width, 240))
        let rowHeight = Double(max(barHeight, 8))
        let gap = (rowHeight * 0.4).rounded()
        let font = 12.0
        let pad = SVGMarkup.padding
        let top = SVGMarkup.titleBand
        let maxValue = items.map { max($0.value, 0) }.max() ?? 0
        let labelWidth = min(max(widest(items.map(\.label), fontSize: font), 40), w * 0.35)
        let valueWidth = widest(items.map { VietnameseNumber.grouped($0.value) }, fontSize: font) + 8
        let barX = pad + labelWidth + 8
        let barMax = max(w - barX - valueWidth - pad, 1)

        var body = [SVGMarkup.heading(title, width: w)]
        for (i, item) in items.enumerated() {
            let y = top + Double(i) * (rowHeight + gap)
            let length = maxValue > 0 ? Double(max(item.value, 0)) / Double(maxValue) * barMax : 0
            let value = VietnameseNumber.grouped(item.value)
            let baseline = y + rowHeight / 2 + font * 0.35
            let label = SVGMarkup.truncate(item.label, maxWidth: labelWidth, fontSize: font)
            body.append("<g><title>\(SVGMarkup.escape("\(item.label): \(value)"))</title>")
            body.append(SVGMarkup.rect(x: barX, y: y, width: length, height: rowHeight, fill: barColor))
            body.append(SVGMarkup.text(label, x: barX - 6, y: baseline, anchor: "end", fill: SVGMarkup.textColor))
            body.append(SVGMarkup.text(value, x: barX + length + 4, y: baseline, fill: SVGMarkup.mutedColor))
            body.append("</g>")
        }
        let height: Double
        if items.isEmpty {
            body.append(SVGMarkup.text(emptyText, x: pad, y: top + 16, fill: SVGMarkup.mutedColor))
            height = top + 24 + pad
        } else {
            height = top + Double(items.count) * (rowHeight + gap) - gap + pad
        }
        let description = listDescription("Biểu đồ thanh ngang", items.map { ($0.label, VietnameseNumber.grouped($0.value)) })
        return SVGMarkup.document(width: w, height: height, title: title, description: description, body: body)
    }

    /// Vertical columns for a time series (e.g. supports per week), with
    /// gridlines at round values. Labels under the columns are thinned out
    /// when they would overlap; values above the columns are shown only when
    /// every one fits its column.
    public static func columns(
        title: String, items: [(label: String, value: Int)], width: Int = 640, height: Int = 240
    ) -> String {
        let w = Double(max(width, 240))
        let h = Double(max(height, 120))
        let font = 11.0
        let pad = SVGMarkup.padding
        let values = items.map { max($0.value, 0) }
        let ticks = NiceScale.ticks(maxValue: values.max() ?? 0)
        let axisMax = Double(max(ticks.last ?? 0, 1))
        let tickTexts = ticks.map(VietnameseNumber.grouped)
        let plotLeft = pad + widest(tickTexts, fontSize: font) + 8
        let plotRight = w - pad
        let plotTop = SVGMarkup.titleBand + 14
        let plotBottom = h - pad - 18
        let plotHeight = max(plotBottom - plotTop, 1)

        var body = [SVGMarkup.heading(title, width: w)]
        for (tick, text) in zip(ticks, tickTexts) {
            let y = plotBottom - Double(tick) / axisMax * plotHeight
            let stroke = tick == 0 ? axisColor : gridColor
            body.append("<line x1=\"\(SVGMarkup.number(plotLeft))\" y1=\"\(SVGMarkup.number(y))\" x2=\"\(SVGMarkup.number(plotRight))\" y2=\"\(SVGMarkup.number(y))\" stroke=\"\(stroke)\" stroke-width=\"1\"/>")
            body.append(SVGMarkup.text(text, x: plotLeft - 4, y: y + font * 0.35, anchor: "end", size: font, fill: SVGMarkup.mutedColor))
        }

        let slot = (plotRight - plotLeft) / Double(max(items.count, 1))
        let columnWidth = slot * 0.7
        let labelSpan = widest(items.map(\.label), fontSize: font) + 6
        let labelEvery = max(1, Int((labelSpan / slot).rounded(.up)))
        let valueTexts = items.map { VietnameseNumber.grouped($0.value) }
        let showValues = widest(valueTexts, fontSize: 10) + 2 <= slot
        for (i, item) in items.enumerated() {
            let x = plotLeft + Double(i) * slot + (slot - columnWidth) / 2
            let centre = x + columnWidth / 2
            let length = Double(values[i]) / axisMax * plotHeight
            body.append("<g><title>\(SVGMarkup.escape("\(item.label): \(valueTexts[i])"))</title>")
            body.append(SVGMarkup.rect(x: x, y: plotBottom - length, width: columnWidth, height: length, fill: barColor))
            if showValues {
                body.append(SVGMarkup.text(valueTexts[i], x: centre, y: plotBottom - length - 4, anchor: "middle", size: 10, fill: SVGMarkup.textColor))
            }
            if i % labelEvery == 0 {
                let label = SVGMarkup.truncate(item.label, maxWidth: slot * Double(labelEvery) - 4, fontSize: font)
                body.append(SVGMarkup.text(label, x: centre, y: plotBottom + 14, anchor: "middle", size: font, fill: SVGMarkup.textColor))
            }
            body.append("</g>")
        }
        if items.isEmpty {
            body.append(SVGMarkup.text(emptyText, x: (plotLeft + plotRight) / 2, y: plotBottom - 8, anchor: "middle", fill: SVGMarkup.mutedColor))
        }
        let description = listDescription("Biểu đồ cột", items.map { ($0.label, VietnameseNumber.grouped($0.value)) })
        return SVGMarkup.document(width: w, height: h, title: title, description: description, body: body)
    }

    // MARK: - Shared

    static func widest(_ texts: [String], fontSize: Double) -> Double {
        texts.map { SVGMarkup.textWidth($0, fontSize: fontSize) }.max() ?? 0
    }

    /// The data spelled out for screen readers, which cannot see the bars.
    static func listDescription(_ kind: String, _ entries: [(String, String)]) -> String {
        guard !entries.isEmpty else { return "\(kind), chưa có dữ liệu." }
        let list = entries.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
        return "\(kind), \(entries.count) mục. \(list)."
    }
}
