import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

/// What a browser does with forms and cookies, for tests that drive pages.
enum Browser {
    /// Reads `name=value` of a Set-Cookie header.
    static func cookie(_ res: TestingHTTPResponse, _ name: String) -> String? {
        for header in res.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            if pair.hasPrefix(name + "=") { return String(pair.dropFirst(name.count + 1)) }
        }
        return nil
    }

    static func formCSRF(_ html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    /// Logs in through the form as a browser would; returns the answer and the session cookie value.
    /// `next` is the form's hidden `tiep` field, sent as given.
    static func login(_ app: Application, _ username: String, _ password: String, oldSession: String? = nil,
                      next: String? = nil) async throws -> (TestingHTTPResponse, String?) {
        // A browser sends whatever cookies it holds, on the form page and on the post.
        let old = oldSession.map { "caunoi_session=\($0)" }
        let page = try await app.send(.GET, "dang-nhap", token: "", headers: old.map { ["Cookie": $0] } ?? [:])
        let csrf = try #require(formCSRF(page.body.string))
        var cookies = cookie(page, CSRFMiddleware.preSessionCookie).map { "\(CSRFMiddleware.preSessionCookie)=\($0)" } ?? ""
        if let old { cookies += cookies.isEmpty ? old : "; " + old }
        var body = "_csrf=\(enc(csrf))&username=\(enc(username))&password=\(enc(password))"
        if let next { body += "&tiep=\(enc(next))" }
        let res = try await app.send(.POST, "dang-nhap", rawBody: body, contentType: .urlEncodedForm, token: "", headers: ["Cookie": cookies])
        return (res, cookie(res, "caunoi_session"))
    }
}
