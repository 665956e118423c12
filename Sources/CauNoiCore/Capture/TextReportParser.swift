import Foundation

/// One-line reports a leader can send by SMS where there is no data coverage:
/// `TNV <mã đội> <ngày/tháng> VNEID 12 HOSO 30 TT 5 TV 8`.
public struct TextReport: Sendable, Hashable {
    public var teamCode: String
    public var date: LocalDate
    public var counts: [String: Int]
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

    public static let syntax = "TNV <mã đội> <ngày/tháng> VNEID 12 HOSO 30"

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
            case .badNumber(let s): "Sau mục \(s) cần một số lượt, vd \(s) 12."
            case .repeatedKeyword(let s): "Mục \(s) bị ghi hai lần."
            case .noCounts: "Chưa có số lượt nào. Vd: \(TextReportParser.syntax)"
            }
        }
    }

    /// `year` completes "dd/mm" (the campaign's year).
    public static func parse(_ text: String, year: Int) -> Result<TextReport, Failure> {
        let tokens = VietnameseText.fold(text).uppercased()
            .split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == ":" || $0 == "\n" })
            .map(String.init)
        guard tokens.first == "TNV" else { return .failure(.notAReport) }
        guard tokens.count >= 2 else { return .failure(.missingTeam) }
        let team = tokens[1]
        guard tokens.count >= 3 else { return .failure(.badDate("")) }
        guard let date = parseDate(tokens[2], year: year) else { return .failure(.badDate(tokens[2])) }
        var counts: [String: Int] = [:]
        var seen = Set<String>()
        var index = 3
        while index < tokens.count {
            let key = tokens[index]
            guard let category = keywords.first(where: { $0.keyword == key })?.category else { return .failure(.unknownKeyword(key)) }
            guard index + 1 < tokens.count, let n = Int(tokens[index + 1]), n >= 0 else { return .failure(.badNumber(key)) }
            guard seen.insert(key).inserted else { return .failure(.repeatedKeyword(key)) }
            counts[category, default: 0] += n
            index += 2
        }
        guard counts.values.contains(where: { $0 > 0 }) else { return .failure(.noCounts) }
        return .success(TextReport(teamCode: team, date: date, counts: counts.filter { $0.value > 0 }))
    }

    /// "12/8", "12/08", "12/08/2025", "12-08" or "12.08".
    static func parseDate(_ s: String, year: Int) -> LocalDate? {
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).compactMap { Int($0) }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let y = parts.count == 3 ? (parts[2] < 100 ? 2000 + parts[2] : parts[2]) : year
        return LocalDate(year: y, month: parts[1], day: parts[0])
    }
}
