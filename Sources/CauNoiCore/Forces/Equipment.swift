import Foundation

/// What a support point in a hard area may lack ("cơ sở vật chất, trang thiết bị, đường truyền và phần mềm").
public enum EquipmentItem: String, CaseIterable, Codable, Sendable {
    case computer, phone, printer, internet, power, software, other

    public var vietnamese: String {
        switch self {
        case .computer: "Máy tính"
        case .phone: "Điện thoại thông minh, máy tính bảng"
        case .printer: "Máy in, máy quét"
        case .internet: "Đường truyền Internet"
        case .power: "Nguồn điện (máy phát, pin lưu trữ)"
        case .software: "Phần mềm"
        case .other: "Khác"
        }
    }
}

public enum SupportPointKind: String, CaseIterable, Codable, Sendable {
    case serviceCentre = "service_centre", village, mobileTeam = "mobile_team"

    public var vietnamese: String {
        switch self {
        case .serviceCentre: "Trung tâm phục vụ hành chính công của xã"
        case .village: "Điểm hỗ trợ tại thôn, bản"
        case .mobileTeam: "Đội lưu động"
        }
    }
}

/// A partner's pledge: pledged → delivered → in use.
public enum PledgeStatus: String, CaseIterable, Codable, Sendable {
    case pledged, delivered, inUse = "in_use"

    public var vietnamese: String {
        switch self {
        case .pledged: "Đã cam kết"
        case .delivered: "Đã bàn giao"
        case .inUse: "Đang sử dụng"
        }
    }

    public var next: PledgeStatus? {
        switch self {
        case .pledged: .delivered
        case .delivered: .inUse
        case .inUse: nil
        }
    }

    /// Counts toward meeting a need once it has arrived.
    public var meetsNeed: Bool { self != .pledged }
}

/// A need as typed: which point, what, how many.
public struct EquipmentNeedDraft: Codable, Sendable, Hashable {
    public var communeCode: String?
    public var pointKind: String?
    public var pointName: String?
    public var item: String?
    public var quantity: Int?
    public var note: String?
    public init() {}

    enum CodingKeys: String, CodingKey {
        case communeCode = "commune_code", pointKind = "point_kind", pointName = "point_name", item, quantity, note
    }
}

public struct ValidEquipmentNeed: Sendable, Hashable {
    public var communeCode: String
    public var pointKind: SupportPointKind
    public var pointName: String?
    public var item: EquipmentItem
    public var quantity: Int
    public var note: String?

    public static func validate(_ d: EquipmentNeedDraft) -> Result<Self, ValidationFailure> {
        var errors = FieldErrors()
        let commune = CommonRules.communeCode(d.communeCode, field: "commune_code", errors: &errors)
        let kind = CommonRules.enumValue(d.pointKind, SupportPointKind.self, field: "point_kind", errors: &errors)
        let name = FreeText.check(d.pointName, field: "point_name", maxLength: 120, required: false, errors: &errors)
        let item = CommonRules.enumValue(d.item, EquipmentItem.self, field: "item", errors: &errors)
        let quantity = EquipmentQuantity.check(d.quantity, errors: &errors)
        let note = FreeText.check(d.note, field: "note", maxLength: 500, required: false, shape: .prose, errors: &errors)
        guard errors.isEmpty, let commune, let kind, let item, let quantity else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(.init(communeCode: commune, pointKind: kind, pointName: name, item: item, quantity: quantity, note: note))
    }
}

/// A partner's pledge as typed.
public struct PledgeDraft: Codable, Sendable, Hashable {
    public var needID: String?
    public var partner: String?
    public var item: String?
    public var quantity: Int?
    public var communeCode: String?
    public var note: String?
    public init() {}

    enum CodingKeys: String, CodingKey { case needID = "need_id", partner, item, quantity, communeCode = "commune_code", note }
}

public struct ValidPledge: Sendable, Hashable {
    public var needID: UUID?
    public var partner: String
    public var item: EquipmentItem
    public var quantity: Int
    public var communeCode: String
    public var note: String?

    public static func validate(_ d: PledgeDraft) -> Result<Self, ValidationFailure> {
        var errors = FieldErrors()
        let need = (d.needID ?? "").isEmpty ? nil : errors.parseUUID(d.needID, field: "need_id")
        // A partner is an organisation (a business, a union), never a private person's contact.
        let partner = FreeText.check(d.partner, field: "partner", maxLength: 160, required: true, errors: &errors)
        let item = CommonRules.enumValue(d.item, EquipmentItem.self, field: "item", errors: &errors)
        let quantity = EquipmentQuantity.check(d.quantity, errors: &errors)
        let commune = CommonRules.communeCode(d.communeCode, field: "commune_code", errors: &errors)
        let note = FreeText.check(d.note, field: "note", maxLength: 500, required: false, shape: .prose, errors: &errors)
        guard errors.isEmpty, let partner, let item, let quantity, let commune else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(.init(needID: need, partner: partner, item: item, quantity: quantity, communeCode: commune, note: note))
    }
}

enum EquipmentQuantity {
    static let maximum = 10_000

    static func check(_ value: Int?, errors: inout FieldErrors) -> Int? {
        guard let value else {
            errors.add("quantity", "Bắt buộc nhập số lượng.", "quantity is required.")
            return nil
        }
        guard (1...maximum).contains(value) else {
            errors.add("quantity", "Số lượng phải từ 1 đến \(VietnameseNumber.grouped(maximum)).", "quantity must be between 1 and \(maximum).")
            return nil
        }
        return value
    }
}
