import CauNoiCore
import Fluent
import Foundation

/// A training session (`training_sessions`): held by the centre, a province or a commune.
final class TrainingSession: Model, @unchecked Sendable {
    static let schema = "training_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    /// "VN", a province or a commune code.
    @Field(key: "unit_code") var unitCode: String
    /// "" for a central session.
    @Field(key: "province_code") var provinceCode: String
    /// "" unless a commune holds the session.
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "title") var title: String
    @Field(key: "held_on") var heldOn: String
    @Field(key: "format") var format: String
    /// Comma-separated unit codes of the connection points.
    @Field(key: "connected_units") var connectedUnits: String
    @OptionalField(key: "trainer") var trainer: String?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// Read from the unit: "VN" is the centre, two digits a province, five a commune.
    var level: TrainingTier { TrainingTier(unitCode: unitCode) ?? .commune }
    var connectedList: [String] { connectedUnits.split(separator: ",").map(String.init) }
    /// Where it lives: a central session belongs to nobody's province (only the centre writes it).
    var place: RecordPlace {
        RecordPlace(provinceCode: provinceCode.nonEmpty, communeCodes: communeCode.isEmpty ? [] : [communeCode])
    }
}

final class TrainingSessionTopic: Model, @unchecked Sendable {
    static let schema = "training_session_topics"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "topic") var topic: String

    init() {}
}

/// One volunteer at one session; `source` is "tick" (marked on the page) or "import" (from a sheet).
final class TrainingAttendance: Model, @unchecked Sendable {
    static let schema = "training_attendance"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "volunteer_id") var volunteerID: UUID
    @Field(key: "source") var source: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}

/// The latest assessment of a volunteer on a competency of a campaign's standard (history lives in the audit).
final class CompetencyAssessment: Model, @unchecked Sendable {
    static let schema = "competency_assessments"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "volunteer_id") var volunteerID: UUID
    @Field(key: "competency") var competency: String
    @Field(key: "level") var level: Int
    @Field(key: "assessed_on") var assessedOn: String
    @Field(key: "assessed_by") var assessedBy: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
