import Foundation

/// The attributes admins may set on a unit; absent fields are left unchanged.
public struct UnitAttributesDraft: Codable, Sendable, Hashable {
    public var isBorder: Bool?
    public var isIsland: Bool?
    public var isRemote: Bool?
    public var isEthnicArea: Bool?
    public var languages: [String]?
    public var serviceCentreAddress: String?
    public var hotline: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case isBorder = "is_border", isIsland = "is_island", isRemote = "is_remote"
        case isEthnicArea = "is_ethnic_area", languages
        case serviceCentreAddress = "service_centre_address", hotline
    }
}

public struct UnitAttributesChange: Sendable, Hashable {
    public var isBorder: Bool?
    public var isIsland: Bool?
    public var isRemote: Bool?
    public var isEthnicArea: Bool?
    public var languages: [Language]?
    /// `.some(nil)` clears the address.
    public var serviceCentreAddress: String??
    public var hotline: String??
}

public enum UnitAttributesValidator {
    public static func validate(_ draft: UnitAttributesDraft, unitType: UnitType) -> Result<UnitAttributesChange, ValidationFailure> {
        var errors = FieldErrors()
        if unitType == .dacKhu, draft.isIsland == false {
            errors.add("is_island", "Đặc khu luôn là đơn vị hải đảo.", "A special zone is always an island.")
        }
        var change = UnitAttributesChange(
            isBorder: draft.isBorder, isIsland: draft.isIsland, isRemote: draft.isRemote, isEthnicArea: draft.isEthnicArea)
        if let languages = draft.languages {
            change.languages = CommonRules.languages(languages, field: "languages", errors: &errors)
        }
        if let address = draft.serviceCentreAddress {
            change.serviceCentreAddress = .some(FreeText.check(address, field: "service_centre_address", maxLength: 300, required: false, errors: &errors))
        }
        if let hotline = draft.hotline {
            change.hotline = .some(CommonRules.hotline(hotline, field: "hotline", errors: &errors))
        }
        return errors.isEmpty ? .success(change) : .failure(ValidationFailure(errors: errors.all))
    }
}
