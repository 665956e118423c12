import CauNoiCore
import Vapor

struct OrgUnitDTO: Content, Equatable {
    struct Attributes: Codable, Equatable, Sendable {
        var isBorder: Bool
        var isIsland: Bool
        var isRemote: Bool
        var isEthnicArea: Bool
        var languages: [String]
        var serviceCentreAddress: String?
        var hotline: String?

        enum CodingKeys: String, CodingKey {
            case isBorder = "is_border", isIsland = "is_island", isRemote = "is_remote"
            case isEthnicArea = "is_ethnic_area", languages
            case serviceCentreAddress = "service_centre_address", hotline
        }
    }

    var code: String
    var name: String
    var level: String
    var type: String
    var typeName: String
    var parentCode: String?
    var provinceCode: String?
    var attributes: Attributes

    enum CodingKeys: String, CodingKey {
        case code, name, level, type, attributes
        case typeName = "type_name", parentCode = "parent_code", provinceCode = "province_code"
    }

    init(_ unit: OrgUnit) {
        code = unit.id ?? ""
        name = unit.name
        level = unit.level
        type = unit.unitType
        typeName = UnitType(rawValue: unit.unitType)?.vietnamese ?? unit.unitType
        parentCode = unit.parentCode
        provinceCode = unit.provinceCode
        attributes = Attributes(
            isBorder: unit.isBorder, isIsland: unit.isIsland, isRemote: unit.isRemote, isEthnicArea: unit.isEthnicArea,
            languages: unit.languageList, serviceCentreAddress: unit.serviceCentreAddress, hotline: unit.hotline)
    }
}

struct OrgUnitListDTO: Content {
    var items: [OrgUnitDTO]
    var count: Int
}

extension OrgUnit {
    var languageList: [String] { languages.split(separator: ",").map(String.init) }
    var level_: OrgLevel? { OrgLevel(rawValue: level) }
}

enum LanguageList {
    static func encode(_ languages: [Language]) -> String { languages.map(\.rawValue).joined(separator: ",") }
}
