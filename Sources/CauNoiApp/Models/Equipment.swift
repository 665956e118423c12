import CauNoiCore
import Fluent
import Foundation

/// What one support point lacks (`equipment_needs`).
final class EquipmentNeed: Model, @unchecked Sendable {
    static let schema = "equipment_needs"

    @ID(key: .id) var id: UUID?
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "point_kind") var pointKind: String
    @OptionalField(key: "point_name") var pointName: String?
    @Field(key: "item") var item: String
    @Field(key: "quantity") var quantity: Int
    @OptionalField(key: "note") var note: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A partner's pledge (`equipment_pledges`).
final class EquipmentPledge: Model, @unchecked Sendable {
    static let schema = "equipment_pledges"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "need_id") var needID: UUID?
    @Field(key: "commune_code") var communeCode: String
    @Field(key: "province_code") var provinceCode: String
    @Field(key: "partner") var partner: String
    @Field(key: "item") var item: String
    @Field(key: "quantity") var quantity: Int
    @OptionalField(key: "note") var note: String?
    @Field(key: "status") var status: String
    @Field(key: "pledged_on") var pledgedOn: String
    @OptionalField(key: "delivered_on") var deliveredOn: String?
    @OptionalField(key: "in_use_on") var inUseOn: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var state: PledgeStatus { PledgeStatus(rawValue: status) ?? .pledged }
}
