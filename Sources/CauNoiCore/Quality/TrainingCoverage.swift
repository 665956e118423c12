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

    /// The topics a volunteer still needs: those of the standard not among the topics of the sessions attended,
    /// in the standard's order.
    public static func stillNeeded(_ standard: CompetencyStandard, attendedTopics: Set<String>) -> [Competency] {
        standard.competencies.filter { !attendedTopics.contains($0.code) }
    }
}
