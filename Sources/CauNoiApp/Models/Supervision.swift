import CauNoiCore
import Fluent
import Foundation

/// A supervision visit to a team (`supervision_visits`).
final class SupervisionVisit: Model, @unchecked Sendable {
    static let schema = "supervision_visits"

    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "team_id") var teamID: UUID
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "visited_on") var visitedOn: String
    /// `ChecklistItem` raw value → `ChecklistAnswer` raw value, as JSON.
    @Field(key: "answers") var answers: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var place: RecordPlace { RecordPlace(provinceCode: provinceCode, communeCodes: [communeCode], teamIDs: [teamID]) }

    var answerMap: [ChecklistItem: ChecklistAnswer] {
        let raw = (try? JSONDecoder().decode([String: String].self, from: Data(answers.utf8))) ?? [:]
        return Dictionary(uniqueKeysWithValues: raw.compactMap { k, v in
            ChecklistItem(rawValue: k).flatMap { item in ChecklistAnswer(rawValue: v).map { (item, $0) } }
        })
    }

    static func encode(_ answers: [ChecklistItem: ChecklistAnswer]) -> String {
        let raw = Dictionary(uniqueKeysWithValues: answers.map { ($0.key.rawValue, $0.value.rawValue) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(raw)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// A finding of a visit: what to do, who, by when; open until closed with what was done.
final class SupervisionFinding: Model, @unchecked Sendable {
    static let schema = "supervision_findings"

    @ID(key: .id) var id: UUID?
    @Field(key: "visit_id") var visitID: UUID
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "team_id") var teamID: UUID
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "province_code") var provinceCode: String
    @OptionalField(key: "item") var item: String?
    @Field(key: "description") var description: String
    @Field(key: "action") var action: String
    @Field(key: "owner") var owner: String
    @Field(key: "due_on") var dueOn: String
    /// The day it was recorded (the visit's day, or later when added afterwards).
    @Field(key: "found_on") var foundOn: String
    @Field(key: "breach") var breach: Bool
    @Field(key: "status") var status: String
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "closed_note") var closedNote: String?
    @OptionalField(key: "closed_by") var closedBy: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var place: RecordPlace { RecordPlace(provinceCode: provinceCode, communeCodes: [communeCode], teamIDs: [teamID]) }
    var checklistItem: ChecklistItem? { item.flatMap(ChecklistItem.init(rawValue:)) }

    func state(today: LocalDate) -> FindingState {
        FindingState.of(closed: status == "closed", dueOn: LocalDate(iso: dueOn) ?? today, today: today)
    }
}
