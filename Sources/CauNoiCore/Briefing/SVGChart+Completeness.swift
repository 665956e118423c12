extension SVGChart {
    // Blue / orange / dark red: tells the three states apart for
    // red-green colour-blind readers too.
    static let onTimeColor = "#2166ac"
    static let lateColor = "#f4a582"
    static let missingColor = "#b2182b"
    static let nothingDue = "Không có báo cáo phải nộp"

    /// Report-submission status per unit (or per week): one bar per row split
    /// into on time / late / missing, each row scaled to its own total so
    /// units of different size compare by share. The on-time share is
    /// printed at the end of the bar; a row with nothing due says so instead
    /// of drawing an empty bar that would read as 0%.
    public static func completeness(
        title: String, rows: [(label: String, onTime: Int, late: Int, missing: Int)]
    ) -> String {
        let w = 640.0
        let rowHeight = 22.0
        let gap = 8.0
        let font = 12.0
        let pad = SVGMarkup.padding
        let legendY = SVGMarkup.titleBand
        let top = legendY + 24
        let labelWidth = min(max(widest(rows.map(\.label), fontSize: font), 40), w * 0.35)
        let barX = pad + labelWidth + 8
        let barMax = w - barX - (SVGMarkup.textWidth("100%", fontSize: font) + 8) - pad

        var body = [SVGMarkup.heading(title, width: w)]
        body += legend(y: legendY, fontSize: font)
        for (i, row) in rows.enumerated() {
            let parts = [max(row.onTime, 0), max(row.late, 0), max(row.missing, 0)]
            let total = parts.reduce(0, +)
            let y = top + Double(i) * (rowHeight + gap)
            let baseline = y + rowHeight / 2 + font * 0.35
            body.append("<g><title>\(SVGMarkup.escape("\(row.label): \(statusText(row))"))</title>")
            body.append(SVGMarkup.text(SVGMarkup.truncate(row.label, maxWidth: labelWidth, fontSize: font),
                                       x: barX - 6, y: baseline, anchor: "end", fill: SVGMarkup.textColor))
            if total > 0 {
                // Boundaries are rounded once and shared by neighbouring
                // segments, so rounding never leaves a hairline gap.
                var start = barX
                var cumulative = 0
                for (value, colour) in zip(parts, [onTimeColor, lateColor, missingColor]) {
                    cumulative += value
                    let end = ((barX + Double(cumulative) / Double(total) * barMax) * 10).rounded() / 10
                    if value > 0 {
                        body.append(SVGMarkup.rect(x: start, y: y, width: end - start, height: rowHeight, fill: colour))
                    }
                    start = end
                }
            } else {
                body.append(SVGMarkup.text(nothingDue, x: barX, y: baseline, fill: SVGMarkup.mutedColor))
            }
            let share = total > 0 ? VietnameseNumber.percent(Double(parts[0]) / Double(total), fractionDigits: 0) : "—"
            body.append(SVGMarkup.text(share, x: barX + barMax + 4, y: baseline, fill: SVGMarkup.mutedColor))
            body.append("</g>")
        }
        let height: Double
        if rows.isEmpty {
            body.append(SVGMarkup.text(emptyText, x: pad, y: top + 16, fill: SVGMarkup.mutedColor))
            height = top + 24 + pad
        } else {
            height = top + Double(rows.count) * (rowHeight + gap) - gap + pad
        }
        return SVGMarkup.document(width: w, height: height, title: title,
                                  description: completenessDescription(rows), body: body)
    }

    private static func legend(y: Double, fontSize: Double) -> [String] {
        var x = SVGMarkup.padding
        var out: [String] = []
        for (name, colour) in [("Đúng hạn", onTimeColor), ("Muộn", lateColor), ("Chưa nộp", missingColor)] {
            out.append(SVGMarkup.rect(x: x, y: y, width: 12, height: 12, fill: colour))
            out.append(SVGMarkup.text(name, x: x + 16, y: y + 10, fill: SVGMarkup.textColor))
            x += 16 + SVGMarkup.textWidth(name, fontSize: fontSize) + 16
        }
        return out
    }

    private static func statusText(_ row: (label: String, onTime: Int, late: Int, missing: Int)) -> String {
        "đúng hạn \(VietnameseNumber.grouped(row.onTime)), muộn \(VietnameseNumber.grouped(row.late)), "
            + "chưa nộp \(VietnameseNumber.grouped(row.missing))"
    }

    private static func completenessDescription(_ rows: [(label: String, onTime: Int, late: Int, missing: Int)]) -> String {
        let kind = "Biểu đồ thanh xếp chồng về tình trạng nộp báo cáo"
        guard !rows.isEmpty else { return "\(kind), chưa có dữ liệu." }
        let list = rows.map { "\($0.label): \(statusText($0))" }.joined(separator: "; ")
        return "\(kind), \(rows.count) mục. \(list). Số ở cuối mỗi thanh là tỷ lệ nộp đúng hạn."
    }
}
