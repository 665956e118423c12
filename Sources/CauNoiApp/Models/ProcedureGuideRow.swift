import CauNoiCore
import Fluent
import Foundation

/// A stored procedure guide (`CreateProcedureGuide`); lists are kept one item per line.
final class ProcedureGuideRow: Model, @unchecked Sendable {
    static let schema = "procedure_guides"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @OptionalField(key: "office") var office: String?
    @Field(key: "documents") var documents: String
    @Field(key: "steps") var steps: String
    @OptionalField(key: "fee") var fee: String?
    @OptionalField(key: "duration") var duration: String?
    @OptionalField(key: "legal_basis") var legalBasis: String?
    @Field(key: "source_url") var sourceURL: String
    @Field(key: "checked_on") var checkedOn: String
    @OptionalField(key: "province_code") var provinceCode: String?
    @Field(key: "version") var version: Int
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: String?

    init() {}

    var guide: ProcedureGuide {
        ProcedureGuide(title: title, office: office, documents: documents.split(separator: "\n").map(String.init),
                       steps: steps.split(separator: "\n").map(String.init), fee: fee, duration: duration, legalBasis: legalBasis,
                       sourceURL: sourceURL, checkedOn: LocalDate(iso: checkedOn) ?? LocalDate(year: 2025, month: 1, day: 1)!, provinceCode: provinceCode)
    }

    func apply(_ g: ProcedureGuide) {
        title = g.title; office = g.office; documents = g.documents.joined(separator: "\n"); steps = g.steps.joined(separator: "\n")
        fee = g.fee; duration = g.duration; legalBasis = g.legalBasis; sourceURL = g.sourceURL; checkedOn = g.checkedOn.iso
        provinceCode = g.provinceCode
    }
}

/// One earlier version of a guide, as JSON, with who changed it and when.
final class ProcedureGuideVersion: Model, @unchecked Sendable {
    static let schema = "procedure_guide_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "guide_id") var guide: ProcedureGuideRow
    @Field(key: "version") var version: Int
    @Field(key: "snapshot") var snapshot: String
    @Field(key: "changed_at") var changedAt: Date
    @OptionalField(key: "changed_by") var changedBy: String?

    init() {}
}
