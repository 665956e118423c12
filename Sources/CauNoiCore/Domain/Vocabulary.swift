// Shared vocabulary of the campaign. Raw values are the stable wire and
// storage codes; `vietnamese` is the label shown to users.

public enum OrgLevel: String, CaseIterable, Codable, Sendable {
    case national, province, commune

    /// The level a GSO unit code names: "VN" the nation, 2 digits a province, 5 digits a commune.
    /// The one place the shape of a code decides its level.
    public init?(unitCode code: String) {
        guard code != "VN" else { self = .national; return }
        guard code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        switch code.utf8.count {
        case 2: self = .province
        case 5: self = .commune
        default: return nil
        }
    }

    public var vietnamese: String {
        switch self {
        case .national: "Trung ương"
        case .province: "Cấp tỉnh"
        case .commune: "Cấp xã"
        }
    }
}

/// Kinds of administrative unit after the 2025 reorganisation (two local levels).
public enum UnitType: String, CaseIterable, Codable, Sendable {
    case tinh = "tinh"
    case thanhPhoTrungUong = "thanh_pho_trung_uong"
    case xa = "xa"
    case phuong = "phuong"
    case dacKhu = "dac_khu"
    case quocGia = "quoc_gia"

    public var vietnamese: String {
        switch self {
        case .tinh: "Tỉnh"
        case .thanhPhoTrungUong: "Thành phố trung ương"
        case .xa: "Xã"
        case .phuong: "Phường"
        case .dacKhu: "Đặc khu"
        case .quocGia: "Quốc gia"
        }
    }

    /// Reads the type column of the official divisions file ("thành phố
    /// trung ương", "xã", …) regardless of case, accents or normalisation.
    /// Raw codes ("thanh_pho_trung_uong") are accepted too.
    public static func fromVietnamese(_ s: String) -> UnitType? {
        let key = VietnameseText.fold(s)
        return allCases.first { VietnameseText.fold($0.vietnamese) == key || $0.rawValue == key }
    }
}

public enum Gender: String, CaseIterable, Codable, Sendable {
    case male, female, other

    public var vietnamese: String {
        switch self {
        case .male: "Nam"
        case .female: "Nữ"
        case .other: "Khác"
        }
    }
}

public enum ForceType: String, CaseIterable, Codable, Sendable {
    case local, reinforcement, student

    public var vietnamese: String {
        switch self {
        case .local: "Tại chỗ"
        case .reinforcement: "Tăng cường"
        case .student: "Sinh viên"
        }
    }
}

public enum SkillLevel: String, CaseIterable, Codable, Sendable {
    case basic, intermediate, advanced

    public var vietnamese: String {
        switch self {
        case .basic: "Cơ bản"
        case .intermediate: "Khá"
        case .advanced: "Thành thạo"
        }
    }
}

public enum VolunteerStatus: String, CaseIterable, Codable, Sendable {
    case active, paused, left

    public var vietnamese: String {
        switch self {
        case .active: "Đang hoạt động"
        case .paused: "Tạm nghỉ"
        case .left: "Đã rời"
        }
    }
}

public enum TeamKind: String, CaseIterable, Codable, Sendable {
    case serviceCentre = "service_centre"
    case mobile
    case communityDigital = "community_digital"
    case homeSupport = "home_support"

    public var vietnamese: String {
        switch self {
        case .serviceCentre: "Đội hình tại Trung tâm phục vụ hành chính công"
        case .mobile: "Đội hình lưu động"
        case .communityDigital: "Tổ công nghệ số cộng đồng"
        case .homeSupport: "Đội hỗ trợ tại nhà"
        }
    }
}

public enum BeneficiaryGroup: String, CaseIterable, Codable, Sendable {
    case elderly
    case ethnicMinority = "ethnic_minority"
    case disabled

    public var vietnamese: String {
        switch self {
        case .elderly: "Người cao tuổi"
        case .ethnicMinority: "Đồng bào dân tộc thiểu số"
        case .disabled: "Người khuyết tật"
        }
    }
}

public enum SupportPlace: String, CaseIterable, Codable, Sendable {
    case serviceCentre = "service_centre"
    case home
    case village
    case mobilePoint = "mobile_point"

    public var vietnamese: String {
        switch self {
        case .serviceCentre: "Trung tâm phục vụ hành chính công"
        case .home: "Tại nhà người dân"
        case .village: "Thôn, bản, ấp"
        case .mobilePoint: "Điểm lưu động"
        }
    }

    /// A place by its label or code, accents and case optional; "Tại nhà" (the earlier label) still means home.
    public static func named(_ text: String) -> SupportPlace? {
        let folded = VietnameseText.fold(text)
        if folded == "tai nha" { return .home }
        return allCases.first { $0.rawValue == text || VietnameseText.fold($0.vietnamese) == folded }
    }
}

/// Languages a volunteer can support citizens in.
public enum Language: String, CaseIterable, Codable, Sendable {
    case vi, km, tay, thai, muong, hmong, nung, dao, jrai, ede, bana, cham

    public var vietnamese: String {
        switch self {
        case .vi: "Tiếng Việt"
        case .km: "Khmer"
        case .tay: "Tày"
        case .thai: "Thái"
        case .muong: "Mường"
        case .hmong: "H'Mông"
        case .nung: "Nùng"
        case .dao: "Dao"
        case .jrai: "Gia Rai"
        case .ede: "Ê Đê"
        case .bana: "Ba Na"
        case .cham: "Chăm"
        }
    }
}
