import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Account and token pages")
struct AccountPageTests {
    @Test("a province admin creates accounts by unit name, sends a new link, signs one out and disables one, all in its own area",
          arguments: Engine.enabled)
    func accounts(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"), username: "tinh.hanoi")
            _ = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"), username: "xa.hoankiem")
            _ = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "79"), username: "tinh.hcm")
            let team = try await app.team(members: [try await app.volunteer(phone: "0947000011")])
            let enc = Browser.enc
            func post(_ path: String, _ body: String, token: String = province) async throws -> TestingHTTPResponse {
                try await app.send(.POST, path, rawBody: body, contentType: .urlEncodedForm, token: token)
            }
            func users() async throws -> Int { try await User.query(on: app.db).count() }

            // The list holds Hà Nội's accounts with their roles by name, not Hồ Chí Minh's.
            let list = try await app.send(.GET, "tai-khoan", token: province)
            #expect(list.status == .ok)
            #expect(list.body.string.contains("xa.hoankiem") && list.body.string.contains("Quản trị cấp xã — Phường Hoàn Kiếm (Thành phố Hà Nội)"))
            #expect(!list.body.string.contains("tinh.hcm"))
            #expect(list.body.string.contains(">Tài khoản</a>"))   // in the menu
            let found = try await app.send(.GET, "tai-khoan?q=\(enc("HOAN KIEM"))", token: province).body.string
            #expect(found.contains("<small>xa.hoankiem</small>") && !found.contains("<small>tinh.hanoi</small>"))

            // Mistakes are named on their field, what was typed stays, nothing is stored.
            let before = try await users()
            let outside = try await post("tai-khoan/moi", "display_name=\(enc("Cán bộ Vũng Tàu"))&username=canbo.vt&role=commune_admin&unit=\(enc("Vũng Tàu"))")
            #expect(outside.status == .unprocessableEntity)
            #expect(outside.body.string.contains("Không tìm thấy đơn vị có tên này trong phạm vi của bạn.") && outside.body.string.contains("Cán bộ Vũng Tàu"))
            let noRole = try await post("tai-khoan/moi", "display_name=A&username=a.b.c&role=&unit=")
            #expect(noRole.status == .unprocessableEntity && noRole.body.string.contains("Chọn một vai trò."))
            let taken = try await post("tai-khoan/moi", "display_name=X&username=xa.hoankiem&role=commune_admin&unit=\(enc("hoan kiem"))")
            #expect(taken.status == .unprocessableEntity && taken.body.string.contains("Tên đăng nhập đã được dùng."))
            #expect(try await users() == before)

            // By name without accents: the one-time link is shown once, on the page, never in a URL.
            let made = try await post("tai-khoan/moi", "display_name=\(enc("Nguyễn Văn Ba"))&username=ba.dinh&role=commune_admin&unit=\(enc("ba dinh"))")
            #expect(made.status == .created)
            #expect(made.body.string.contains("/thiet-lap?ma=") && made.body.string.contains("Nguyễn Văn Ba"))
            #expect(made.headers.first(name: .location) == nil)
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "ba.dinh").first())
            let userID = try user.requireID()
            #expect(try await AssignmentStore.assignments(of: userID, on: app.db) == [RoleAssignment(role: .communeAdmin, unitCode: "00004")])

            // The centre sees both Ba Đình (Hà Nội's ward, Thanh Hóa's commune) and is asked to say which.
            let ambiguous = try await post("tai-khoan/moi", "display_name=Y&username=y.y.y&role=commune_admin&unit=\(enc("Ba Đình"))",
                                           token: TestUsers.adminToken)
            #expect(ambiguous.status == .unprocessableEntity && ambiguous.body.string.contains("Xã Ba Đình (Thanh Hóa)"))

            // A team leader for one of the province's teams, picked from the list.
            let form = try await app.send(.GET, "tai-khoan/moi", token: province).body.string
            #expect(form.contains(team.id.uuidString.lowercased()) && form.contains(">Quản trị cấp xã</option>") && !form.contains(">Quản trị Trung ương</option>"))
            let leader = try await post("tai-khoan/moi", "display_name=\(enc("Đội trưởng"))&username=doi.truong&role=team_leader&team=\(team.id.uuidString.lowercased())")
            #expect(leader.status == .created)

            // A new link: the first one stops working.
            let firstLinks = try await SetupToken.query(on: app.db).filter(\.$userID == userID).all()
            #expect(firstLinks.count == 1 && firstLinks[0].usedAt == nil)
            let reset = try await post("tai-khoan/\(userID.uuidString.lowercased())/lien-ket-mat-khau", "")
            #expect(reset.status == .ok && reset.body.string.contains("Đã cấp liên kết mới") && reset.body.string.contains("/thiet-lap?ma="))
            let links = try await SetupToken.query(on: app.db).filter(\.$userID == userID).all()
            #expect(links.count == 2 && links.filter { $0.usedAt == nil }.count == 1)

            // Sign out everywhere, then disable; another province's account answers "not found", and nobody disables themselves.
            let hcm = try #require(try await User.query(on: app.db).filter(\.$username == "tinh.hcm").first()?.requireID())
            #expect(try await post("tai-khoan/\(hcm.uuidString.lowercased())/vo-hieu-hoa", "").status == .notFound)
            #expect(try await post("tai-khoan/\(hcm.uuidString.lowercased())/lien-ket-mat-khau", "").status == .notFound)
            let me = try #require(try await User.query(on: app.db).filter(\.$username == "tinh.hanoi").first()?.requireID())
            #expect(try await post("tai-khoan/\(me.uuidString.lowercased())/vo-hieu-hoa", "").status == .conflict)
            let ended = try await post("tai-khoan/\(userID.uuidString.lowercased())/dang-xuat", "")
            #expect(ended.status == .seeOther && ended.headers.first(name: .location) == "/tai-khoan?da-luu=dang-xuat")
            let disabled = try await post("tai-khoan/\(userID.uuidString.lowercased())/vo-hieu-hoa", "")
            #expect(disabled.status == .seeOther)
            #expect(try await User.find(userID, on: app.db)?.isActive == false)
            let after = try await app.send(.GET, "tai-khoan?da-luu=vo-hieu-hoa", token: province).body.string
            #expect(after.contains("Đã vô hiệu hoá tài khoản") && after.contains("<b>Đã vô hiệu hoá</b>"))
            #expect(try await post("tai-khoan/\(userID.uuidString.lowercased())/lien-ket-mat-khau", "").status == .conflict)

            // Team leaders and volunteers have no account pages.
            let leaderToken = try await app.token(for: RoleAssignment(role: .teamLeader, teamID: team.id))
            #expect(try await app.send(.GET, "tai-khoan", token: leaderToken).status == .forbidden)
            #expect(!(try await app.send(.GET, "", token: leaderToken).body.string.contains(">Tài khoản</a>")))
        }
    }

    @Test("anyone signed in makes a token with their own role, sees it once, and revokes it; another's token is not theirs",
          arguments: Engine.enabled)
    func tokens(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let other = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00073"))
            func post(_ path: String, _ body: String, token: String = commune) async throws -> TestingHTTPResponse {
                try await app.send(.POST, path, rawBody: body, contentType: .urlEncodedForm, token: token)
            }
            let bad = try await post("ma-truy-cap", "name=&days=abc")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Thời hạn là số ngày từ 1 đến 365."))
            let tooLong = try await post("ma-truy-cap", "name=SMS&days=999")
            #expect(tooLong.status == .unprocessableEntity)
            let before = try await APIToken.query(on: app.db).count()
            let made = try await post("ma-truy-cap", "name=\(Browser.enc("Cổng SMS"))&days=30")
            #expect(made.status == .created)
            let secret = try #require(made.body.string.firstMatch(of: /value="(cn_[A-Za-z0-9_-]+)"/)?.1)
            #expect(try await APIToken.query(on: app.db).count() == before + 1)
            // The new token works, with the commune's role.
            #expect(try await app.send(.GET, "api/v1/volunteers", token: String(secret)).status == .ok)
            let page = try await app.send(.GET, "ma-truy-cap", token: commune).body.string
            #expect(page.contains("Cổng SMS") && page.contains("Quản trị cấp xã — Phường Hoàn Kiếm (Thành phố Hà Nội)") && page.contains("Đang dùng được"))
            #expect(!page.contains(String(secret)))   // shown once only
            let id = try #require(try await APIToken.query(on: app.db).filter(\.$name == "Cổng SMS").first()?.requireID()).uuidString.lowercased()
            #expect(try await post("ma-truy-cap/\(id)/thu-hoi", "", token: other).status == .notFound)
            #expect(try await post("ma-truy-cap/\(id)/thu-hoi", "").status == .seeOther)
            #expect(try await app.send(.GET, "api/v1/volunteers", token: String(secret)).status == .forbidden)
            #expect(try await app.send(.GET, "ma-truy-cap", token: commune).body.string.contains("Đã thu hồi"))
        }
    }
}
