/// Shared pieces of the briefing SVGs.
///
/// Written by hand rather than through an XML library so the output is
/// byte-identical for identical input on every platform: the tests compare
/// the SVG text itself, and the same week prints the same briefing.
enum SVGMarkup {
    static let fontFamily = "Roboto, Arial, sans-serif"
    static let textColor = "#222"
    static let mutedColor = "#555"
    static let padding = 8.0
    /// Room for the visible title line above every chart.
    static let titleBand = 32.0

    /// Escapes for both text and attribute values, and drops code points
    /// XML 1.0 forbids (control characters pasted from spreadsheets would
    /// otherwise make the whole document unreadable).
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: if isXMLChar(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// Coordinates with at most one decimal and "." as separator, whatever
    /// the server locale; "-0" never appears.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let clamped = min(max(x, -1e12), 1e12)
        let tenths = Int((clamped * 10).rounded(.toNearestOrAwayFromZero))
        if tenths == 0 { return "0" }
        let magnitude = tenths.magnitude
        let whole = "\(magnitude / 10)"
        let fraction = magnitude % 10
        return (tenths < 0 ? "-" : "") + (fraction == 0 ? whole : "\(whole).\(fraction)")
    }

    /// Rough advance width for sans-serif text. There are no font metrics on
    /// the server, and layout only needs to avoid overlap, not be exact.
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.56
    }

    /// Shortens `text` with "…" so it fits `maxWidth`; the full text stays in
    /// a tooltip or the description.
    static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> String {
        guard textWidth(text, fontSize: fontSize) > maxWidth else { return text }
        let fitting = max(Int(maxWidth / (fontSize * 0.56)) - 1, 1)
        return String(text.prefix(fitting)) + "…"
    }

    static func text(
        _ content: String, x: Double, y: Double, anchor: String? = nil,
        size: Double? = nil, weight: String? = nil, fill: String? = nil
    ) -> String {
        var attributes = "x=\"\(number(x))\" y=\"\(number(y))\""
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        if let size { attributes += " font-size=\"\(number(size))\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let fill { attributes += " fill=\"\(fill)\"" }
        return "<text \(attributes)>\(escape(content))</text>"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = "") -> String {
        let tail = extra.isEmpty ? "" : " " + extra
        return "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(width, 0)))\" height=\"\(number(max(height, 0)))\" fill=\"\(fill)\"\(tail)/>"
    }

    /// Visible chart title, truncated to the width; the full title is in `<title>`.
    static func heading(_ title: String, width: Double) -> String {
        let size = 14.0
        let shown = truncate(title, maxWidth: width - 2 * padding, fontSize: size)
        return text(shown, x: padding, y: 21, size: size, weight: "bold", fill: textColor)
    }

    /// Wraps `body` in an accessible `<svg>` sized only by its viewBox, so it
    /// scales to the container (phones included). Ids for the aria references
    /// come from a content hash: stable across runs, and distinct charts on
    /// one page do not collide.
    static func document(width: Double, height: Double, title: String, description: String, body: [String]) -> String {
        let inner = body.joined(separator: "\n")
        let id = "cn" + hex(fnv1a(title + "\u{1F}" + description + "\u{1F}" + inner))
        return [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\""
                + " role=\"img\" aria-labelledby=\"\(id)-t\" aria-describedby=\"\(id)-d\" lang=\"vi\""
                + " font-family=\"\(fontFamily)\" font-size=\"12\">",
            "<title id=\"\(id)-t\">\(escape(title))</title>",
            "<desc id=\"\(id)-d\">\(escape(description))</desc>",
            inner,
            "</svg>",
        ].joined(separator: "\n") + "\n"
    }

    // MARK: - Internals

    private static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// FNV-1a rather than `Hasher`, which is seeded per process.
    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
