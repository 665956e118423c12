/// Gridline values for a count axis: multiples of 1, 2 or 5 × 10ⁿ, which
/// readers take in at a glance (0, 200.000, 400.000, 600.000).
enum NiceScale {
    /// Ticks from 0 up to the first multiple of the step that reaches
    /// `maxValue`, about `target` steps in all. `[0]` when there is nothing
    /// to scale, so callers never divide by a zero axis.
    static func ticks(maxValue: Int, target: Int = 4) -> [Int] {
        // Counts above 10^15 only come from corrupt data; capping keeps the
        // arithmetic below free of overflow.
        let top = min(maxValue, 1_000_000_000_000_000)
        guard top > 0 else { return [0] }
        let steps = max(target, 1)
        let raw = (top + steps - 1) / steps
        var magnitude = 1
        while magnitude * 10 <= raw { magnitude *= 10 }
        let step = [1, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let count = (top + step - 1) / step
        return (0...count).map { $0 * step }
    }
}
