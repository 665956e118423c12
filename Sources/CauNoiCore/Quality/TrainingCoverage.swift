import Foundation

/// Training coverage of one unit: of its active volunteers, how many attended a session on each topic.
public struct TrainingCoverage: Sendable, Hashable {
    public var unitCode: String
    public var active: Int
    /// Attended at least one session of the campaign, any topic.
    public var trainedAny: Int
    /// Topic (competency code) → active volunteers who attended a session on it.
    public var byTopic: [String: Int]

    public init(unitCode: String, active: Int, trainedAny: Int, byTopic: [String: Int]) {
        self.unitCode = unitCode; self.active = active; self.trainedAny = trainedAny; self.byTopic = byTopic
    }

    public func share(_ topic: String) -> Double? {
        active > 0 ? Double(byTopic[topic] ?? 0) / Double(active) : nil
    }

    public var shareAny: Double? { active > 0 ? Double(trainedAny) / Double(active) : nil }

    /// The units' sum (a province from its communes); a volunteer active in two units counts in each, so the
    /// caller sums units that do not overlap (or asks the database for the parent directly).
    public static func total(_ rows: [TrainingCoverage], unitCode: String) -> TrainingCoverage {
        var byTopic: [String: Int] = [:]
        for r in rows { for (t, n) in r.byTopic { byTopic[t, default: 0] += n } }
        return TrainingCoverage(unitCode: unitCode, active: rows.reduce(0) { $0 + $1.active },
                                trainedAny: rows.reduce(0) { $0 + $1.trainedAny }, byTopic: byTopic)
    }

    /// The topics a volunteer still needs: those of the standard not among the topics of the sessions attended,
    /// in the standard's order.
    public static func stillNeeded(_ standard: CompetencyStandard, attendedTopics: Set<String>) -> [Competency] {
        standard.competencies.filter { !attendedTopics.contains($0.code) }
    }
}
