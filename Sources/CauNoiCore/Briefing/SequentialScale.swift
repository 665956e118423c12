/// Five equal-width classes between a lower and an upper bound, for the
/// province map. Equal intervals rather than quantiles so the same colour
/// means the same value range every week and maps can be compared.
struct SequentialScale: Sendable, Equatable {
    static let classCount = 5

    let lower: Double
    let upper: Double

    /// `domain` fixes the bounds (e.g. 0...1 for a rate); otherwise the
    /// smallest and largest value present are used.
    init?(values: [Double], domain: ClosedRange<Double>?) {
        if let domain, domain.lowerBound.isFinite, domain.upperBound.isFinite {
            lower = domain.lowerBound
            upper = domain.upperBound
            return
        }
        guard let min = values.min(), let max = values.max() else { return nil }
        lower = min
        upper = max
    }

    /// All values equal: there is no range to split, so one class is used.
    var isDegenerate: Bool { upper <= lower }

    /// 0…4; values outside the bounds fall in the end classes. A degenerate
    /// scale puts everything in the middle class, since neither "lowest" nor
    /// "highest" would be true.
    func classIndex(_ value: Double) -> Int {
        guard !isDegenerate else { return Self.classCount / 2 }
        let scaled = (value - lower) * Double(Self.classCount) / (upper - lower)
        guard scaled.isFinite else { return 0 }
        return min(max(Int(scaled.rounded(.down)), 0), Self.classCount - 1)
    }

    /// Class boundaries, lowest first: classCount + 1 values.
    var breaks: [Double] {
        (0...Self.classCount).map { lower + (upper - lower) * Double($0) / Double(Self.classCount) }
    }
}
