import CauNoiCore
import Foundation

/// The audit trail as people read it: what happened in Vietnamese, and a link to the object where it has a page.
enum AuditLabels {
    static let actions: [String: String] = [
        "login": "Đăng nhập", "login_failed": "Đăng nhập sai", "login_throttled": "Tạm khóa đăng nhập vì sai nhiều lần",
        "logout": "Đăng xuất", "setup": "Mở liên kết thiết lập", "password_set": "Đặt mật khẩu", "first_admin_created": "Tạo quản trị đầu tiên",
        "permission_denied": "Bị từ chối: không có quyền",
        "api_token.create": "Tạo mã truy cập", "api_token.revoke": "Thu hồi mã truy cập",
        "user.create": "Tạo tài khoản", "user.disable": "Vô hiệu hoá tài khoản", "user.end_sessions": "Đăng xuất tài khoản mọi nơi",
        "user.reset_link": "Cấp liên kết đặt mật khẩu",
        "campaign.create": "Tạo chiến dịch", "campaign.update": "Sửa chiến dịch",
        "org_unit.update": "Sửa thông tin đơn vị",
        "volunteer.create": "Thêm tình nguyện viên", "volunteer.update": "Sửa tình nguyện viên", "volunteer.import": "Nhập danh sách tình nguyện viên",
        "volunteer.course": "Ghi nhận khóa học", "export.volunteers": "Xuất danh sách tình nguyện viên (dữ liệu cá nhân)",
        "team.create": "Thêm đội hình", "team.update": "Sửa đội hình", "team.member_join": "Thêm thành viên vào đội", "team.member_leave": "Thành viên rời đội",
        "support_entries.batch": "Gửi bản ghi hỗ trợ", "support_entries.upload": "Tải lên bảng tính", "support_entries.sms": "Báo cáo qua tin nhắn",
        "support_entry.correct": "Sửa bản ghi hỗ trợ",
        "weekly_report.submit": "Nộp báo cáo tuần", "weekly_report.edit": "Sửa báo cáo tuần", "weekly_report.approve": "Duyệt báo cáo tuần",
        "weekly_report.reopen": "Trả lại báo cáo tuần",
        "difficulty.acknowledged": "Tiếp nhận khó khăn", "difficulty.escalated": "Chuyển khó khăn lên Trung ương",
        "difficulty.resolved": "Giải quyết khó khăn", "difficulty.open": "Mở lại khó khăn",
    ]

    /// "Duyệt báo cáo tuần"; an action without a label shows as recorded.
    static func action(_ raw: String) -> String { actions[raw] ?? raw }

    /// The object's kind in Vietnamese and, where it has a page, a link to it.
    static func object(type: String?, id: String?) -> (label: String, link: String?)? {
        guard let type else { return nil }
        let kind = ObjectKind(rawValue: type)?.vietnamese ?? type
        guard let id, !id.isEmpty else { return (kind, nil) }
        let link: String? = switch ObjectKind(rawValue: type) {
        case .volunteer: UUID(uuidString: id).map { SiteRoute.volunteer($0).path }
        case .team: UUID(uuidString: id).map { SiteRoute.team($0).path }
        case .supportEntry: UUID(uuidString: id).map { SiteRoute.entry($0).path }
        case .orgUnit: SiteRoute.unit(id).path
        case .campaign: SiteRoute.campaign(id).path
        default: nil
        }
        return (kind, link)
    }
}
