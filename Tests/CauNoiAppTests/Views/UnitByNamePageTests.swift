import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Communes by name in forms and search")
struct UnitByNamePageTests {
    @Test("forms take a commune's name, old name or code and show names back; search finds 'ba dinh ha noi' and pre-2025 names",
          arguments: Engine.enabled)
    func byName(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let enc = Browser.enc
            func post(_ path: String, _ body: String, token: String = province) async throws -> TestingHTTPResponse {
                try await app.send(.POST, path, rawBody: body, contentType: .urlEncodedForm, token: token)
            }

            // A volunteer whose ward is given by its pre-2025 name: Phúc Xá (Ba Đình) is now Hồng Hà.
            let volunteer = try await post("tinh-nguyen-vien/moi", "full_name=\(enc("Đỗ Thu Hà"))&phone=0947000031&gender=female"
                                           + "&home_commune_code=\(enc("phường Phúc Xá, quận Ba Đình"))&force_type=local&consent_date=2025-07-01")
            #expect(volunteer.status == .seeOther, "\(volunteer.body.string)")
            let stored = try #require(try await Volunteer.query(on: app.db).filter(\.$phone == "0947000031").first())
            #expect(stored.$homeCommune.id == "00097")
            let page = try await app.send(.GET, "tinh-nguyen-vien/\(try stored.requireID().uuidString.lowercased())", token: province).body.string
            #expect(page.contains("value=\"Phường Hồng Hà, Thành phố Hà Nội\""))

            // A team by name without accents, covering two communes by name; the page names them, never bare codes.
            let team = try await post("doi-hinh/moi", "name=\(enc("Đội lưu động Ba Đình"))&home_commune_code=\(enc("ba dinh"))&kind=mobile"
                                      + "&covered_communes=\(enc("hong ha; Hoàn Kiếm"))&active_from=2025-07-01")
            #expect(team.status == .seeOther, "\(team.body.string)")
            let row = try #require(try await Team.query(on: app.db).filter(\.$name == "Đội lưu động Ba Đình").first())
            #expect(row.$homeCommune.id == "00004")
            #expect(Set(try await TeamQueries.coverage(of: try row.requireID(), on: app.db)) == ["00097", "00070"])
            let teamPage = try await app.send(.GET, "doi-hinh/\(try row.requireID().uuidString.lowercased())", token: province).body.string
            #expect(teamPage.contains("Phường Ba Đình, Thành phố Hà Nội") && teamPage.contains("Phường Hồng Hà, Thành phố Hà Nội")
                    && teamPage.contains("Phường Hoàn Kiếm, Thành phố Hà Nội"))
            #expect(!teamPage.contains(">00004<"))

            // Nationwide, "Ba Đình" is two places: the form says which, keeps what was typed, stores nothing.
            let teams = try await Team.query(on: app.db).count()
            let ambiguous = try await post("doi-hinh/moi", "name=X&home_commune_code=\(enc("Ba Đình"))&kind=mobile&active_from=2025-07-01",
                                           token: TestUsers.adminToken)
            #expect(ambiguous.status == .unprocessableEntity && ambiguous.body.string.contains("Xã Ba Đình (Thanh Hóa)")
                    && ambiguous.body.string.contains("value=\"Ba Đình\""))
            let unknown = try await post("doi-hinh/moi", "name=X&home_commune_code=\(enc("Không Có Xã Này"))&kind=mobile&active_from=2025-07-01")
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("Không tìm thấy đơn vị"))
            #expect(try await Team.query(on: app.db).count() == teams)

            // Search: the province's name tells namesakes apart; old names lead to today's commune.
            let search = try await app.send(.GET, "don-vi?q=\(enc("ba dinh ha noi"))").body.string
            #expect(search.contains("Phường Ba Đình") && !search.contains("Xã Ba Đình"))
            #expect(try await app.send(.GET, "don-vi?q=\(enc("phuc xa ba dinh"))").body.string.contains("Phường Hồng Hà"))
            let api = try await app.send(.GET, "api/v1/org-units?q=\(enc("ba dinh"))&level=commune").content.decode(OrgUnitListDTO.self)
            // Three namesakes: Hà Nội's ward, Thanh Hóa's "Ba Đình" and Quảng Ngãi's "Ba Dinh".
            #expect(Set(api.items.prefix(3).map(\.code)) == ["00004", "16171", "21499"])
        }
    }
}
