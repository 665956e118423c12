import Foundation

/// Number formatting in Vietnamese convention: "." groups thousands and ","
/// separates decimals. Hand-written instead of `NumberFormatter` so output
/// never depends on the server's locale data or ICU version.
public enum VietnameseNumber {
    /// 460000 → "460.000", -1200 → "-1.200".
    public static func grouped(_ n: Int) -> String {
        let digits = groupDigits(String(n.magnitude))
        return n < 0 ? "-" + digits : digits
    }

    /// Rounds to `fractionDigits` (half away from zero) and trims trailing
    /// zeros: (2.17, 2) → "2,17", (1234.5, 1) → "1.234,5", (3.0, 2) → "3".
    ///
    /// `fractionDigits` is clamped to 0...9 so the scaled value fits in an
    /// integer; non-finite input yields "—" because there is nothing honest to show.
    public static func decimal(_ x: Double, fractionDigits: Int) -> String {
        guard x.isFinite else { return "—" }
        let digits = min(max(fractionDigits, 0), 9)
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (x.magnitude * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else {
            // Too large for the integer path; such values only show up in bad
            // data, so drop the fraction rather than fail.
            let whole = String(format: "%.0f", x.magnitude)
            return (x < 0 ? "-" : "") + groupDigits(whole)
        }
        let units = UInt64(scaled)
        if units == 0 { return "0" }
        let whole = units / scale
        var text = groupDigits(String(whole))
        if digits > 0 {
            var fraction = String(units % scale)
            fraction = String(repeating: "0", count: digits - fraction.count) + fraction
            while fraction.last == "0" { fraction.removeLast() }
            if !fraction.isEmpty { text += "," + fraction }
        }
        return (x < 0 ? "-" : "") + text
    }

    /// 0.8732 → "87,3%".
    public static func percent(_ ratio: Double, fractionDigits: Int = 1) -> String {
        decimal(ratio * 100, fractionDigits: fractionDigits) + "%"
    }

    /// Report-style approximation, e.g. for "đã hỗ trợ hơn 460.000 lượt".
    ///
    /// Rounding rule (half away from zero), chosen by the size of `n`:
    /// - n < 10.000: exact, "5.013".
    /// - 10.000 ≤ n < 100.000: nearest 1.000, "gần 55.000" for 54.870.
    /// - 100.000 ≤ n < 1.000.000: nearest 10.000, "hơn 460.000" for 460.312.
    /// - n ≥ 1.000.000: nearest 10.000 shown as millions with up to two
    ///   decimals, "2,17 triệu" for 2.170.000.
    /// If rounding reaches a million (999.999 → 1.000.000) the million form is
    /// used. The prefix tells the reader which way we rounded: "gần" when the
    /// shown figure is above the truth, "hơn" when below, none when exact.
    /// Negative values are not counts; they are returned exactly.
    public static func approximate(_ n: Int) -> String {
        guard n >= 10_000 else { return grouped(n) }
        let step = n < 100_000 ? 1_000 : 10_000
        let rounded = roundHalfUp(n, step: step)
        let prefix = rounded > n ? "gần " : (rounded < n ? "hơn " : "")
        return prefix + (rounded >= 1_000_000 ? millions(rounded) : grouped(rounded))
    }

    // MARK: - Internals

    /// `value` is a multiple of 10.000, so two decimals of a million are exact.
    private static func millions(_ value: Int) -> String {
        let whole = value / 1_000_000
        let hundredths = (value % 1_000_000) / 10_000
        var text = grouped(whole)
        if hundredths != 0 {
            var fraction = hundredths < 10 ? "0\(hundredths)" : "\(hundredths)"
            if fraction.last == "0" { fraction.removeLast() }
            text += "," + fraction
        }
        return text + " triệu"
    }

    /// Avoids `n + step / 2`, which could overflow near `Int.max`.
    private static func roundHalfUp(_ n: Int, step: Int) -> Int {
        let base = n / step * step
        let remainder = n - base
        guard remainder * 2 >= step, base <= Int.max - step else { return base }
        return base + step
    }

    static func groupDigits(_ digits: String) -> String {
        let count = digits.count
        guard count > 3 else { return digits }
        var out = ""
        out.reserveCapacity(count + count / 3)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (count - i) % 3 == 0 { out.append(".") }
            out.append(ch)
        }
        return out
    }
}
