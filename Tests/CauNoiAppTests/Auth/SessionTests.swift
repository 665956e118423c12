import CauNoiCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Sign-in, sessions, CSRF and throttling")
struct SessionTests {
    @Test("a 70-character Vietnamese passphrase works, NFD or NFC; one letter changed does not", arguments: Engine.enabled)
    func longPassphrase(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let passphrase = "Đội hình thanh niên tình nguyện xã Hoàn Kiếm hỗ trợ người dân mỗi ngày"
            #expect(passphrase.count == 70)
            #expect(passphrase.utf8.count > 72)
            try await TestUsers.makeUser("lan", password: passphrase, assignments: [RoleAssignment(role: .communeAdmin, unitCode: "00070")], on: app.db)
            let (ok, session) = try await Browser.login(app, "Lan", passphrase.decomposedStringWithCanonicalMapping)
            #expect(ok.status == .seeOther)
            #expect(session != nil)
            let wrong = String(passphrase.dropLast()) + "x"
            let (bad, none) = try await Browser.login(app, "lan", wrong)
            #expect(bad.status == .unauthorized)
            #expect(bad.body.string.contains("Sai tên đăng nhập hoặc mật khẩu"))
            #expect(none == nil)
            // Same first 72 bytes, different ending: bcrypt alone would accept it.
            let (truncated, _) = try await Browser.login(app, "lan", String(passphrase.prefix(60)) + "khác hẳn đi")
            #expect(truncated.status == .unauthorized)
        }
    }

    @Test("login issues a new session id; logout and disabling end it on the server", arguments: Engine.enabled)
    func sessionLifecycle(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            try await TestUsers.makeUser("binh", password: "mật khẩu đủ dài", assignments: [RoleAssignment(role: .provinceAdmin, unitCode: "01")], on: app.db)
            let (first, s1) = try await Browser.login(app, "binh", "mật khẩu đủ dài")
            #expect(first.status == .seeOther)
            let session1 = try #require(s1)
            let setCookie = first.headers[.setCookie].joined(separator: "\n")
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
            let (_, s2) = try await Browser.login(app, "binh", "mật khẩu đủ dài", oldSession: session1)
            let session2 = try #require(s2)
            #expect(session1 != session2)

            let me = try await app.send(.GET, "api/v1/auth/me", token: "", headers: ["Cookie": "caunoi_session=\(session2)"])
            #expect(me.status == .ok)
            let csrf = try #require(try me.content.decode(MeDTO.self).csrfToken)

            // A state change with the session cookie but no CSRF token is refused.
            let noToken = try await app.send(.PATCH, "api/v1/org-units/01", json: ["is_border": true], token: "",
                                             headers: ["Cookie": "caunoi_session=\(session2)"])
            #expect(noToken.status == .forbidden)
            let form = try await app.send(.POST, "don-vi/00070", rawBody: "is_border=1", contentType: .urlEncodedForm, token: "",
                                          headers: ["Cookie": "caunoi_session=\(session2)"])
            #expect(form.status == .forbidden)
            #expect(try await OrgUnit.find("00070", on: app.db)?.isBorder == false)
            let withToken = try await app.send(.PATCH, "api/v1/org-units/01", json: ["is_border": true], token: "",
                                               headers: ["Cookie": "caunoi_session=\(session2)", "X-CSRF-Token": csrf])
            #expect(withToken.status == .ok)

            let logout = try await app.send(.POST, "api/v1/auth/logout", token: "", headers: ["Cookie": "caunoi_session=\(session2)", "X-CSRF-Token": csrf])
            #expect(logout.status == .noContent)
            #expect(try await app.send(.GET, "api/v1/auth/me", token: "", headers: ["Cookie": "caunoi_session=\(session2)"]).status == .unauthorized)

            // Disabling the account ends its remaining session (session1).
            #expect(try await app.send(.GET, "api/v1/auth/me", token: "", headers: ["Cookie": "caunoi_session=\(session1)"]).status == .ok)
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "binh").first())
            #expect(try await app.send(.POST, "api/v1/users/\(user.id!)/disable").status == .ok)
            #expect(try await app.send(.GET, "api/v1/auth/me", token: "", headers: ["Cookie": "caunoi_session=\(session1)"]).status == .unauthorized)
            #expect(try await UserSession.query(on: app.db).filter(\.$user.$id == user.id!).count() == 0)
            let (again, _) = try await Browser.login(app, "binh", "mật khẩu đủ dài")
            #expect(again.status == .unauthorized)

            let actions = Set(try await AuditEntry.query(on: app.db).all().map(\.action))
            #expect(actions.isSuperset(of: ["login", "login_failed", "logout", "org_unit.update", "user.disable", "csrf_rejected"]))
        }
    }

    @Test("sessions expire after 8 idle hours and after 7 days", arguments: Engine.enabled)
    func expiry(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            try await TestUsers.makeUser("cuong", password: "mật khẩu đủ dài", assignments: [RoleAssignment(role: .communeAdmin, unitCode: "00070")], on: app.db)
            let (_, s) = try await Browser.login(app, "cuong", "mật khẩu đủ dài")
            let token = try #require(s)
            let session = try #require(try await UserSession.find(Secrets.hash(token), on: app.db))
            session.lastSeenAt = fixedNow.addingTimeInterval(-9 * 3600)
            try await session.save(on: app.db)
            #expect(try await app.send(.GET, "api/v1/auth/me", token: "", headers: ["Cookie": "caunoi_session=\(token)"]).status == .unauthorized)

            let (_, s2) = try await Browser.login(app, "cuong", "mật khẩu đủ dài")
            let token2 = try #require(s2)
            let old = try #require(try await UserSession.find(Secrets.hash(token2), on: app.db))
            old.expiresAt = fixedNow.addingTimeInterval(-1)
            try await old.save(on: app.db)
            #expect(try await app.send(.GET, "api/v1/auth/me", token: "", headers: ["Cookie": "caunoi_session=\(token2)"]).status == .unauthorized)
        }
    }

    @Test("five failures lock an account or an address for 15 minutes", arguments: Engine.enabled)
    func throttling(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            try await TestUsers.makeUser("dung", password: "mật khẩu đúng rồi", assignments: [RoleAssignment(role: .communeAdmin, unitCode: "00070")], on: app.db)
            for _ in 0..<5 {
                let res = try await app.send(.POST, "api/v1/auth/login", json: ["username": "dung", "password": "sai mật khẩu"], token: "")
                #expect(res.status == .unauthorized)
            }
            let locked = try await app.send(.POST, "api/v1/auth/login", json: ["username": "dung", "password": "mật khẩu đúng rồi"], token: "")
            #expect(locked.status == .tooManyRequests)
            let retry = try #require(locked.headers.first(name: .retryAfter).flatMap(Int.init))
            #expect(retry > 0 && retry <= 900)
            #expect(try locked.content.decode(APIErrorBody.self).error.message.contains("thử lại sau"))
            // Other usernames from the same address are locked too.
            let other = try await app.send(.POST, "api/v1/auth/login", json: ["username": "ai-do", "password": "bất kỳ mật khẩu"], token: "")
            #expect(other.status == .tooManyRequests)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "login_throttled").count() == 2)
        }
    }

    @Test("first start prints a one-time link that creates the first central admin", arguments: Engine.enabled)
    func firstAdmin(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            try await APIToken.query(on: app.db).delete()
            try await RoleAssignmentRow.query(on: app.db).delete()
            try await User.query(on: app.db).delete()
            let link = try #require(try await SetupLinks.firstAdminLinkIfNeeded(app))
            let token = try #require(URLComponents(string: link)?.queryItems?.first { $0.name == "ma" }?.value)
            let page = try await app.send(.GET, "thiet-lap?ma=\(token)", token: "")
            #expect(page.status == .ok)
            let pre = try #require(Browser.cookie(page, CSRFMiddleware.preSessionCookie))
            let csrf = try #require(Browser.formCSRF(page.body.string))
            let body = "_csrf=\(Browser.enc(csrf))&ma=\(Browser.enc(token))&username=quantri&display_name=Qu%E1%BA%A3n%20tr%E1%BB%8B&password=\(Browser.enc("một câu mật khẩu dài"))&password_confirm=\(Browser.enc("một câu mật khẩu dài"))"
            let created = try await app.send(.POST, "thiet-lap", rawBody: body, contentType: .urlEncodedForm, token: "",
                                             headers: ["Cookie": "\(CSRFMiddleware.preSessionCookie)=\(pre)"])
            #expect(created.status == .seeOther)
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "quantri").first())
            #expect(try await AssignmentStore.assignments(of: user.id!, on: app.db) == [RoleAssignment(role: .centralAdmin, unitCode: "VN")])
            let reuse = try await app.send(.POST, "thiet-lap", rawBody: body, contentType: .urlEncodedForm, token: "",
                                           headers: ["Cookie": "\(CSRFMiddleware.preSessionCookie)=\(pre)"])
            #expect(reuse.status == .notFound)
            #expect(try await SetupLinks.firstAdminLinkIfNeeded(app) == nil)
            let (login, _) = try await Browser.login(app, "quantri", "một câu mật khẩu dài")
            #expect(login.status == .seeOther)
        }
    }

    @Test("tokens: own scope or narrower, revocable, expiring", arguments: Engine.enabled)
    func tokens(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let narrower = try await app.send(.POST, "api/v1/tokens", json: ["name": AnyEncodable("Máy xã"), "role": AnyEncodable("commune_admin"),
                                                                              "unit_code": AnyEncodable("00070"), "days": AnyEncodable(30)], token: province)
            #expect(narrower.status == .created)
            let issued = try narrower.content.decode(TokenDTO.self)
            let secret = try #require(issued.token)
            #expect(try await APIToken.query(on: app.db).filter(\.$tokenHash == secret).count() == 0)
            #expect(try await app.send(.GET, "api/v1/volunteers", token: secret).status == .ok)
            let listed = try await app.send(.GET, "api/v1/tokens", token: province).content.decode([TokenDTO].self)
            #expect(listed.allSatisfy { $0.token == nil })

            for (role, unit) in [("central_admin", "VN"), ("province_admin", "79"), ("commune_admin", "26506")] {
                let broader = try await app.send(.POST, "api/v1/tokens", json: ["name": "x", "role": role, "unit_code": unit], token: province)
                #expect(broader.status == .forbidden, "token \(role) \(unit)")
            }
            #expect(try await app.send(.POST, "api/v1/tokens/\(issued.id)/revoke", token: province).status == .ok)
            #expect(try await app.send(.GET, "api/v1/volunteers", token: secret).status == .forbidden)

            let expired = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let row = try #require(try await APIToken.query(on: app.db).filter(\.$tokenHash == Secrets.hash(expired)).first())
            row.expiresAt = fixedNow.addingTimeInterval(-60)
            try await row.save(on: app.db)
            #expect(try await app.send(.GET, "api/v1/volunteers", token: expired).status == .forbidden)
        }
    }

    @Test("admins create users only within their scope", arguments: Engine.enabled)
    func userCreation(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let ok = try await app.send(.POST, "api/v1/users", json: UserDraft(username: "Xa.HoanKiem", displayName: "Cán bộ xã",
                                                                              assignments: [AssignmentDraft(role: "commune_admin", unitCode: "00070")]), token: province)
            #expect(ok.status == .created)
            let user = try ok.content.decode(UserDTO.self)
            #expect(user.username == "xa.hoankiem")
            #expect(user.setupLink?.contains("/thiet-lap?ma=") == true)
            let escalate = try await app.send(.POST, "api/v1/users", json: UserDraft(username: "trunguong", displayName: "X",
                                                                                    assignments: [AssignmentDraft(role: "central_admin")]), token: province)
            #expect(escalate.status == .forbidden)
            let elsewhere = try await app.send(.POST, "api/v1/users", json: UserDraft(username: "hcm", displayName: "X",
                                                                                     assignments: [AssignmentDraft(role: "commune_admin", unitCode: "26506")]), token: province)
            #expect(elsewhere.status == .forbidden)
            // The central admin account is beyond a province admin's reach.
            let admin = try #require(try await User.query(on: app.db).filter(\.$username == "admin").first())
            #expect(try await app.send(.POST, "api/v1/users/\(admin.id!)/disable", token: province).status == .notFound)
            #expect(try await User.find(admin.id!, on: app.db)?.isActive == true)
        }
    }

    @Test("CSV export neutralises formulas and cookies are __Host- over HTTPS")
    func csvAndCookies() async throws {
        #expect(CSVWriter.neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")")
        #expect(CSVWriter.neutralise("+84912") == "'+84912")
        #expect(CSVWriter.neutralise("-1") == "'-1")
        #expect(CSVWriter.neutralise("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.neutralise("Nguyễn") == "Nguyễn")
        #expect(CSVWriter.cell("a,b") == "\"a,b\"")
        #expect(SessionCookie.name(secure: true) == "__Host-caunoi")
        let value = SessionCookie.value("t", secure: true)
        #expect(value.isSecure && value.isHTTPOnly && value.sameSite == .lax && value.path == "/" && value.domain == nil)
        let config = AppConfig(database: .sqlite(path: "x"), publicURL: "https://caunoi.example.vn")
        #expect(config.secureCookies)

        try await withCauNoi(.sqlite) { app in
            _ = try await app.volunteer("=HYPERLINK(\"http://evil\")", phone: "0911222333")
            let csv = try await app.send(.GET, "api/v1/exports/volunteers.csv").body.string
            #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""))
        }
    }
}
