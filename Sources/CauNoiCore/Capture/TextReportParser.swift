import Foundation

/// One-line reports a leader can send by SMS where there is no data coverage:
/// `TNV <mã đội> <ngày/tháng> VNEID 12 HOSO 30 TT 5 TV 8`.
public struct TextReport: Sendable, Hashable {
    public var teamCode: String
    public var date: LocalDate
    public var counts: [String: Int]
    /// `CD <mã chiến dịch>` names the campaign when several run at once (lower case, as codes are stored).
    public var campaign: String? = nil
}

public enum TextReportParser {
    /// Keyword → category code. Short, unaccented, easy to type on a feature phone.
    public static let keywords: [(keyword: String, category: String, meaning: String)] = [
        ("PL", "phan_luong", "Phân luồng, hướng dẫn chung"),
        ("TV", "thu_tuc", "Tư vấn, hướng dẫn thủ tục hành chính"),
        ("TTHC", "thu_tuc", "Hướng dẫn thủ tục hành chính"),
        ("TB", "thiet_bi_cong", "Thao tác trên thiết bị công cộng"),
        ("VNEID", "vneid", "Cài đặt, kích hoạt VNeID"),
        ("DD", "dinh_danh", "Tài khoản định danh điện tử"),
        ("HOSO", "ho_so", "Nộp hồ sơ trực tuyến"),
        ("TT", "thanh_toan", "Thanh toán trực tuyến"),
        ("TC", "tra_cuu", "Tra cứu kết quả giải quyết"),
        ("TN", "tai_nha", "Hỗ trợ tại nhà"),
        ("KNS", "ky_nang_so", "Kỹ năng số (Bình dân học vụ số)"),
        ("DV", "dang_vien", "Cập nhật dữ liệu đảng viên"),
    ]

    public static let syntax = "TNV <mã đội> <ngày/tháng> VNEID 12 HOSO 30 [CD <mã chiến dịch>]"

    public enum Failure: Error, Sendable, Equatable {
        case notAReport
        case missingTeam
        case badDate(String)
        case unknownKeyword(String)
        case badNumber(String)
        case repeatedKeyword(String)
        case noCounts

        /// Short enough for one SMS, Vietnamese first.
        public var reply: String {
            switch self {
            case .notAReport: "Sai cú pháp. Gửi: \(TextReportParser.syntax)"
            case .missingTeam: "Thiếu mã đội. Gửi: \(TextReportParser.syntax)"
            case .badDate(let s): "Ngày \"\(s)\" không hợp lệ, ghi dạng ngày/tháng, vd 12/08."
            case .unknownKeyword(let s): "Không hiểu mục \"\(s)\". Dùng: " + TextReportParser.keywords.map(\.keyword).joined(separator: " ")
            case .badNumber(let s): s == "CD" ? "Sau CD cần đúng một mã chiến dịch, vd CD he-2026." : "Sau mục \(s) cần một số lượt, vd \(s) 12."
            case .repeatedKeyword(let s): "Mục \(s) bị ghi hai lần."
            case .noCounts: "Chưa có số lượt nào. Vd: \(TextReportParser.syntax)"
            }
        }
    }

    /// "dd/mm" without a year is the latest such day up to `today` (a report on 30/12 sent on 2 January is last year's).
    public static func parse(_ text: String, today: LocalDate) -> Result<TextReport, Failure> {
        let tokens = VietnameseText.fold(text).uppercased()
            .split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == ":" || $0 == "\n" })
            .map(String.init)
        guard tokens.first == "TNV" else { return .failure(.notAReport) }
        guard tokens.count >= 2 else { return .failure(.missingTeam) }
        let team = tokens[1]
        guard tokens.count >= 3 else { return .failure(.badDate("")) }
        guard let date = parseDate(tokens[2], today: today) else { return .failure(.badDate(tokens[2])) }
        var counts: [String: Int] = [:]
        var seen = Set<String>()
        var index = 3
        var campaign: String?
        while index < tokens.count {
            let key = tokens[index]
            if key == "CD" {
                guard index + 1 < tokens.count, campaign == nil else { return .failure(.badNumber(key)) }
                campaign = tokens[index + 1].lowercased()
                index += 2
                continue
            }
            guard let category = keywords.first(where: { $0.keyword == key })?.category else { return .failure(.unknownKeyword(key)) }
            guard index + 1 < tokens.count, let n = Int(tokens[index + 1]), n >= 0 else { return .failure(.badNumber(key)) }
            guard seen.insert(key).inserted else { return .failure(.repeatedKeyword(key)) }
            counts[category, default: 0] += n
            index += 2
        }
        guard counts.values.contains(where: { $0 > 0 }) else { return .failure(.noCounts) }
        return .success(TextReport(teamCode: team, date: date, counts: counts.filter { $0.value > 0 }, campaign: campaign))
    }

    /// "12/8", "12/08", "12/08/2025", "12-08" or "12.08".
    static func parseDate(_ s: String, today: LocalDate) -> LocalDate? {
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).compactMap { Int($0) }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        if parts.count == 3 { return LocalDate(year: parts[2] < 100 ? 2000 + parts[2] : parts[2], month: parts[1], day: parts[0]) }
        if let thisYear = LocalDate(year: today.year, month: parts[1], day: parts[0]), thisYear <= today { return thisYear }
        return LocalDate(year: today.year - 1, month: parts[1], day: parts[0])
    }
}
