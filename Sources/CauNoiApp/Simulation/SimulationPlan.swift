import CauNoiCore
import Foundation

/// How big a simulated campaign is. `seeds` is the summer 2025 campaign's real size.
public enum SimulationScale: String, CaseIterable, Sendable {
    case tiny, seeds, tenfold = "10x"

    var teams: Int { self == .tiny ? 120 : 11_937 }
    var volunteers: Int { self == .tiny ? 3_100 : 308_000 }
    var supports: Int {
        switch self {
        case .tiny: 21_700
        case .seeds: 2_170_000
        case .tenfold: 21_700_000
        }
    }
}

/// A small deterministic generator (64-bit LCG): the same seed gives the same campaign.
struct SimulationRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E3779B97F4A7C15 &+ 1 }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        var z = state
        z = (z ^ (z >> 33)) &* 0xff51afd7ed558ccd
        return z ^ (z >> 33)
    }
}

/// The campaign's rhythm: a ramp-up over the first two weeks, quieter weekends.
enum CampaignRhythm {
    static func weight(dayIndex: Int, weekday: Int) -> Double {
        let ramp = min(1.0, 0.35 + Double(dayIndex) * 0.05)
        let week: Double = weekday == 7 ? 0.35 : (weekday == 6 ? 0.7 : 1.0)
        return ramp * week
    }
}
