import Fluent
import Foundation

/// A node of the administrative hierarchy: the nation, a province or a commune.
/// The GSO code is the primary key, so links and foreign keys read naturally ("79", "26506").
final class OrgUnit: Model, @unchecked Sendable {
    static let schema = "org_units"
    static let nationalCode = "VN"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    /// Diacritic-, case- and normalisation-folded name for search.
    @Field(key: "name_search") var nameSearch: String
    @Field(key: "level") var level: String
    @Field(key: "unit_type") var unitType: String
    @OptionalField(key: "parent_code") var parentCode: String?
    /// The province a unit belongs to (itself for a province, nil for the nation): scopes queries in one step.
    @OptionalField(key: "province_code") var provinceCode: String?
    @Field(key: "is_border") var isBorder: Bool
    @Field(key: "is_island") var isIsland: Bool
    @Field(key: "is_remote") var isRemote: Bool
    @Field(key: "is_ethnic_area") var isEthnicArea: Bool
    /// Comma-separated `Language` raw values: portable across SQLite and PostgreSQL and filterable.
    @Field(key: "languages") var languages: String
    @OptionalField(key: "service_centre_address") var serviceCentreAddress: String?
    @OptionalField(key: "hotline") var hotline: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
