import CauNoiCore
import Vapor

/// What every page needs about the request: who is signed in and the token its forms must carry.
struct PageContext: Sendable, Equatable {
    var userName: String?
    var roleName: String?
    var csrfToken: String
    var canSeePeople: Bool
    var canReadAudit: Bool
    var canManageCampaigns = false
    var canManageUsers = false
    var canReadEntries = false
    /// Handles citizens' home-visit requests (commune officers and above, team leaders).
    var canHandleRequests = false
    var canCoordinateForces = false
    var canAnswerMoves = false
    var canManageEquipment = false
    var canManageTraining = false
    var canSupervise = false

    static let anonymous = PageContext(userName: nil, roleName: nil, csrfToken: "", canSeePeople: false, canReadAudit: false)

    var csrfField: HTML { "<input type=\"hidden\" name=\"\(CSRFMiddleware.formField)\" value=\"\(csrfToken)\">" }
}

extension Request {
    /// The page context, plus the pre-session CSRF cookie to set when nobody is signed in yet.
    func pageContext() -> (PageContext, HTTPCookies.Value?) {
        let (token, cookie) = CSRFMiddleware.token(for: self)
        let policy = policy
        return (PageContext(
            userName: principal?.displayName, roleName: principal?.primary?.role.vietnamese, csrfToken: token,
            canSeePeople: !policy.areas(for: .readPeople).isEmpty, canReadAudit: !policy.areas(for: .readAudit).isEmpty,
            canManageCampaigns: policy.allows(.manageCampaigns, on: RecordPlace(provinceCode: nil)),
            canManageUsers: !policy.areas(for: .manageUsers).isEmpty, canReadEntries: !policy.areas(for: .readEntries).isEmpty,
            canHandleRequests: !policy.areas(for: .writeEntries).isEmpty,
            canCoordinateForces: !policy.areas(for: .coordinateForces).isEmpty,
            canAnswerMoves: !policy.areas(for: .answerMove).isEmpty,
            canManageEquipment: !policy.areas(for: .manageEquipment).isEmpty,
            canManageTraining: !policy.areas(for: .manageTraining).isEmpty,
            canSupervise: !policy.areas(for: .superviseTeams).isEmpty), cookie)
    }

    /// Renders a page, setting the CSRF cookie if one was minted for it.
    func page(_ render: (PageContext) -> HTML, status: HTTPResponseStatus = .ok, personalData: Bool = false) -> Response {
        let (context, cookie) = pageContext()
        let response = HTMLResponse.page(render(context), status: status)
        if let cookie { response.cookies[CSRFMiddleware.preSessionCookie] = cookie }
        // Signed-in answers get no-store from SecurityHeadersMiddleware; this covers pages before sign-in (set-up).
        if personalData { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }
}
