import Foundation
import Vapor

/// Every page of the site: controllers register these patterns and views build links from the cases,
/// so no URL string is written twice.
enum SiteRoute: Equatable, Sendable {
    case home
    case units(query: String? = nil)
    case unit(String)
    case volunteers(commune: String? = nil, query: String? = nil)
    case volunteerNew
    case volunteer(UUID)
    case teams(commune: String? = nil)
    case teamNew
    case team(UUID)
    case teamMembers(UUID)
    case stylesheet
    case upload
    case login(next: String? = nil)
    case logout
    case setup(token: String? = nil)
    case audit(action: String? = nil)
    case briefing(week: String? = nil, unit: String? = nil, measure: String? = nil, sort: String? = nil)

    static let unitsSegment: PathComponent = "don-vi"
    static let volunteersSegment: PathComponent = "tinh-nguyen-vien"
    static let teamsSegment: PathComponent = "doi-hinh"
    static let newSegment: PathComponent = "moi"
    static let membersSegment: PathComponent = "thanh-vien"
    static let loginSegment: PathComponent = "dang-nhap"
    static let logoutSegment: PathComponent = "dang-xuat"
    static let setupSegment: PathComponent = "thiet-lap"
    static let auditSegment: PathComponent = "nhat-ky"
    static let briefingSegment: PathComponent = "giao-ban"
    static let uploadSegment: PathComponent = "tai-len"

    var path: String {
        switch self {
        case .home: "/"
        case .units(let query): "/don-vi" + Self.queryString(["q": query])
        case .unit(let code): "/don-vi/\(Self.encode(code))"
        case .volunteers(let commune, let query): "/tinh-nguyen-vien" + Self.queryString(["xa": commune, "q": query])
        case .volunteerNew: "/tinh-nguyen-vien/moi"
        case .volunteer(let id): "/tinh-nguyen-vien/\(id.uuidString.lowercased())"
        case .teams(let commune): "/doi-hinh" + Self.queryString(["xa": commune])
        case .teamNew: "/doi-hinh/moi"
        case .team(let id): "/doi-hinh/\(id.uuidString.lowercased())"
        case .teamMembers(let id): "/doi-hinh/\(id.uuidString.lowercased())/thanh-vien"
        case .stylesheet: "/assets/app.css"
        case .upload: "/tai-len"
        case .login(let next): "/dang-nhap" + Self.queryString(["tiep": next])
        case .logout: "/dang-xuat"
        case .setup(let token): "/thiet-lap" + Self.queryString(["ma": token])
        case .audit(let action): "/nhat-ky" + Self.queryString(["hanh-dong": action])
        case .briefing(let week, let unit, let measure, let sort):
            "/giao-ban" + Self.queryString(["tuan": week, "don-vi": unit, "to-mau": measure, "sap-xep": sort])
        }
    }

    private static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? ""
    }

    private static func queryString(_ items: KeyValuePairs<String, String?>) -> String {
        let parts = items.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(key)=\(encode(value))"
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#/")
        return set
    }()
}
