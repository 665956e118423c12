/// A kind of help counted in support entries ("Cài đặt, kích hoạt VNeID").
public struct SupportCategory: Codable, Hashable, Sendable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A training course volunteers must complete before joining the campaign.
public struct Course: Codable, Hashable, Sendable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A campaign's fixed parameters. Defined in code, not data, because
/// category codes are keys in stored entries and must never drift.
public struct CampaignDefinition: Sendable, Hashable {
    public let code: String
    public let name: String
    public let start: LocalDate
    public let end: LocalDate
    /// In display order.
    public let categories: [SupportCategory]
    public let requiredCourses: [Course]

    /// Campaigns are programmer-defined constants, so an inverted period is
    /// a bug to catch at start-up rather than an input to report.
    public init(code: String, name: String, start: LocalDate, end: LocalDate,
                categories: [SupportCategory], requiredCourses: [Course]) {
        precondition(start <= end, "Campaign \(code) ends before it starts")
        self.code = code
        self.name = name
        self.start = start
        self.end = end
        self.categories = categories
        self.requiredCourses = requiredCourses
    }

    public var range: DateRange { DateRange(unchecked: start, end) }

    public func category(code: String) -> SupportCategory? {
        categories.first { $0.code == code }
    }

    public static let summer2025 = CampaignDefinition(
        code: "he-2025",
        name: "Đội hình thanh niên tình nguyện hỗ trợ vận hành chính quyền địa phương 2 cấp — Hè 2025",
        start: LocalDate(unchecked: 2025, 7, 1),
        end: LocalDate(unchecked: 2025, 8, 31),
        categories: [
            SupportCategory(code: "phan_luong", name: "Phân luồng, hướng dẫn chung"),
            SupportCategory(code: "thu_tuc", name: "Hướng dẫn thủ tục hành chính"),
            SupportCategory(code: "thiet_bi_cong", name: "Thao tác trên thiết bị công cộng"),
            SupportCategory(code: "vneid", name: "Cài đặt, kích hoạt VNeID"),
            SupportCategory(code: "dinh_danh", name: "Tài khoản định danh điện tử"),
            SupportCategory(code: "ho_so", name: "Nộp hồ sơ trực tuyến"),
            SupportCategory(code: "thanh_toan", name: "Thanh toán trực tuyến"),
            SupportCategory(code: "tra_cuu", name: "Tra cứu kết quả giải quyết"),
            SupportCategory(code: "tai_nha", name: "Hỗ trợ tại nhà"),
            SupportCategory(code: "ky_nang_so", name: "Kỹ năng số (Bình dân học vụ số)"),
            SupportCategory(code: "dang_vien", name: "Cập nhật dữ liệu đảng viên"),
        ],
        requiredCourses: [
            Course(code: "binh_dan_hoc_vu_so", name: "Bình dân học vụ số"),
            Course(code: "tnv_chinh_quyen_2_cap", name: "Thanh niên tình nguyện hỗ trợ chính quyền địa phương 2 cấp"),
        ]
    )
}
