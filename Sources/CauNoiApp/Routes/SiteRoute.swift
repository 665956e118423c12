import Foundation
import Vapor

/// Links to pages (and the files pages offer), with their query strings. Paths come from `Endpoint`,
/// which also registers the routes, so no URL is written twice.
enum SiteRoute: Equatable, Sendable {
    case home
    case units(query: String? = nil)
    case unit(String)
    case volunteers(commune: String? = nil, query: String? = nil)
    case volunteerNew(commune: String? = nil)
    case volunteer(UUID)
    case teams(commune: String? = nil)
    case teamNew(commune: String? = nil)
    case team(UUID)
    case teamMembers(UUID)
    case stylesheet
    case upload
    case login(next: String? = nil)
    case logout
    case setup(token: String? = nil)
    case audit(action: String? = nil)
    case briefing(campaign: String? = nil, week: String? = nil, unit: String? = nil, measure: String? = nil, sort: String? = nil)
    case fieldApp
    case templateXLSX(campaign: String? = nil)
    case templateCSV(campaign: String? = nil)
    case rollupCSV(campaign: String, unit: String, week: String)
    case rollupXLSX(campaign: String, unit: String, week: String)
    case campaigns
    case campaignNew
    case campaign(String)
    /// `saved`: what was just done ("1" saved, "duyet" approved, "tra-lai" sent back), said on the page.
    case weeklyReports(campaign: String? = nil, week: String? = nil, saved: String? = nil)
    case weeklyReportNew(campaign: String? = nil, week: String? = nil)
    case weeklyReportApprove(UUID)
    case weeklyReportReopen(UUID)
    case difficulties(resolved: Bool = false)
    case difficultyMove(UUID)
    case accounts(query: String? = nil)
    case accountNew(team: UUID? = nil)
    case accountReset(UUID)
    case accountEndSessions(UUID)
    case accountDisable(UUID)
    case tokens
    case tokenRevoke(UUID)
    case entries(campaign: String? = nil, from: String? = nil, to: String? = nil, team: String? = nil, page: Int? = nil)
    case entry(UUID)
    case volunteerImport
    case courseImport
    case volunteerExport(commune: String? = nil)
    case help(query: String? = nil)
    case helpCommune(String)
    case helpScript
    case helpRequestNew(commune: String? = nil)
    case helpRequestStatus(code: String? = nil, justSent: Bool = false)
    case helpQueue(saved: Bool = false)
    case helpRequestMove(UUID)
    case guides(query: String? = nil)
    case guide(UUID)
    case guideNew
    case guideEdit(UUID)
    case guideImport
    case volunteerCourse(UUID)
    case weeklyReportEdit(UUID)
    case smsSetup
    case forces(province: String? = nil)
    case forcesPropose
    case reinforcementNew(commune: String? = nil, difficulty: UUID? = nil)
    case reinforcement(UUID, done: String? = nil)
    case moves(answered: String? = nil)
    case rotation(day: String? = nil)
    case equipment
    case practices(query: String? = nil, status: String? = nil)
    case practiceNew(report: UUID? = nil, commune: String? = nil, indicator: String? = nil)
    case practiceCandidates
    case practiceEdit(UUID)
    case practice(UUID, done: String? = nil)
    case equipmentNeedNew
    case pledgeNew
    case pledgeAdvance(UUID)
    case moveAnswer(UUID)
    case training(campaign: String? = nil, unit: String? = nil)
    case trainingNew(campaign: String? = nil, parent: UUID? = nil)
    case trainingSession(UUID, done: String? = nil, commune: String? = nil)
    case trainingImport(UUID)
    case trainingCoverageCSV(campaign: String?, unit: String?)
    case trainingCoverageXLSX(campaign: String?, unit: String?)
    case competencies(campaign: String? = nil, done: String? = nil)
    case volunteerAssess(UUID)
    case supervision(done: String? = nil)
    case supervisionNew(team: UUID? = nil)
    case supervisionVisit(UUID, done: String? = nil)
    case findingClose(UUID)

    var path: String {
        switch self {
        case .home: Endpoint.home.path()
        case .units(let query): Endpoint.unitsPage.path() + Self.queryString(["q": query])
        case .unit(let code): Endpoint.unitPage.path(code)
        case .volunteers(let commune, let query): Endpoint.volunteersPage.path() + Self.queryString(["xa": commune, "q": query])
        case .volunteerNew(let commune): Endpoint.volunteerNewPage.path() + Self.queryString(["xa": commune])
        case .volunteer(let id): Endpoint.volunteerPage.path(id.uuidString.lowercased())
        case .teams(let commune): Endpoint.teamsPage.path() + Self.queryString(["xa": commune])
        case .teamNew(let commune): Endpoint.teamNewPage.path() + Self.queryString(["xa": commune])
        case .team(let id): Endpoint.teamPage.path(id.uuidString.lowercased())
        case .teamMembers(let id): Endpoint.teamMembersSave.path(id.uuidString.lowercased())
        case .stylesheet: Endpoint.stylesheet.path()
        case .upload: Endpoint.uploadPage.path()
        case .login(let next): Endpoint.loginPage.path() + Self.queryString(["tiep": next])
        case .logout: Endpoint.logoutSubmit.path()
        case .setup(let token): Endpoint.setupPage.path() + Self.queryString(["ma": token])
        case .audit(let action): Endpoint.auditPage.path() + Self.queryString(["hanh-dong": action])
        case .briefing(let campaign, let week, let unit, let measure, let sort):
            Endpoint.briefingPage.path() + Self.queryString(["chien-dich": campaign, "tuan": week, "don-vi": unit, "to-mau": measure, "sap-xep": sort])
        // The field app is served as a directory, so its service worker's scope is /field/.
        case .fieldApp: Endpoint.fieldApp.path() + "/"
        case .templateXLSX(let campaign): Endpoint.apiTemplateXLSX.path() + Self.queryString(["campaign": campaign])
        case .templateCSV(let campaign): Endpoint.apiTemplateCSV.path() + Self.queryString(["campaign": campaign])
        case .rollupCSV(let campaign, let unit, let week):
            Endpoint.apiRollupCSV.path() + Self.queryString(["campaign": campaign, "unit": unit, "week": week])
        case .rollupXLSX(let campaign, let unit, let week):
            Endpoint.apiRollupXLSX.path() + Self.queryString(["campaign": campaign, "unit": unit, "week": week])
        case .campaigns: Endpoint.campaignsPage.path()
        case .campaignNew: Endpoint.campaignNewPage.path()
        case .campaign(let code): Endpoint.campaignPage.path(code)
        case .weeklyReports(let campaign, let week, let saved):
            Endpoint.weeklyReportsPage.path() + Self.queryString(["chien-dich": campaign, "tuan": week, "da-luu": saved])
        case .weeklyReportNew(let campaign, let week): Endpoint.weeklyReportNewPage.path() + Self.queryString(["chien-dich": campaign, "tuan": week])
        case .weeklyReportApprove(let id): Endpoint.weeklyReportApproveSubmit.path(id.uuidString.lowercased())
        case .weeklyReportReopen(let id): Endpoint.weeklyReportReopenSubmit.path(id.uuidString.lowercased())
        case .difficulties(let resolved): Endpoint.difficultiesPage.path() + Self.queryString(["da-giai-quyet": resolved ? "1" : nil])
        case .difficultyMove(let id): Endpoint.difficultyMoveSubmit.path(id.uuidString.lowercased())
        case .accounts(let query): Endpoint.accountsPage.path() + Self.queryString(["q": query])
        case .accountNew(let team): Endpoint.accountNewPage.path() + Self.queryString(["doi": team?.uuidString.lowercased()])
        case .accountReset(let id): Endpoint.accountResetSubmit.path(id.uuidString.lowercased())
        case .accountEndSessions(let id): Endpoint.accountEndSessionsSubmit.path(id.uuidString.lowercased())
        case .accountDisable(let id): Endpoint.accountDisableSubmit.path(id.uuidString.lowercased())
        case .tokens: Endpoint.tokensPage.path()
        case .tokenRevoke(let id): Endpoint.tokenRevokeSubmit.path(id.uuidString.lowercased())
        case .entries(let campaign, let from, let to, let team, let page):
            Endpoint.entriesPage.path() + Self.queryString(["chien-dich": campaign, "tu": from, "den": to, "doi": team,
                                                            "trang": page.flatMap { $0 > 1 ? String($0) : nil }])
        case .entry(let id): Endpoint.entryPage.path(id.uuidString.lowercased())
        case .volunteerImport: Endpoint.volunteerImportPage.path()
        case .courseImport: Endpoint.courseImportPage.path()
        case .volunteerExport(let commune): Endpoint.volunteerExportXLSX.path() + Self.queryString(["xa": commune])
        case .help(let query): Endpoint.helpPage.path() + Self.queryString(["q": query])
        case .helpCommune(let code): Endpoint.helpCommunePage.path(code)
        case .helpScript: Endpoint.helpScript.path()
        case .helpRequestNew(let commune): Endpoint.helpRequestPage.path() + Self.queryString(["xa": commune])
        case .helpRequestStatus(let code, let justSent): Endpoint.helpRequestStatusPage.path() + Self.queryString(["ma": code, "moi": justSent ? "1" : nil])
        case .helpQueue(let saved): Endpoint.helpQueuePage.path() + Self.queryString(["da-luu": saved ? "1" : nil])
        case .helpRequestMove(let id): Endpoint.helpRequestMoveSubmit.path(id.uuidString.lowercased())
        case .guides(let query): Endpoint.guidesPage.path() + Self.queryString(["q": query])
        case .guide(let id): Endpoint.guidePage.path(id.uuidString.lowercased())
        case .guideNew: Endpoint.guideNewPage.path()
        case .guideEdit(let id): Endpoint.guideEditPage.path(id.uuidString.lowercased())
        case .guideImport: Endpoint.guideImportPage.path()
        case .volunteerCourse(let id): Endpoint.volunteerCourseSave.path(id.uuidString.lowercased())
        case .weeklyReportEdit(let id): Endpoint.weeklyReportEditPage.path(id.uuidString.lowercased())
        case .smsSetup: Endpoint.smsSetupPage.path()
        case .forces(let province): Endpoint.forcesPage.path() + Self.queryString(["tinh": province])
        case .forcesPropose: Endpoint.forcesProposeSubmit.path()
        case .reinforcementNew(let commune, let difficulty):
            Endpoint.reinforcementNewPage.path() + Self.queryString(["xa": commune, "kho-khan": difficulty?.uuidString.lowercased()])
        case .reinforcement(let id, let done): Endpoint.reinforcementPage.path(id.uuidString.lowercased()) + Self.queryString(["xong": done])
        case .moves(let answered): Endpoint.movesPage.path() + Self.queryString(["da-tra-loi": answered])
        case .equipment: Endpoint.equipmentPage.path()
        case .practices(let query, let status): Endpoint.practicesPage.path() + Self.queryString(["q": query, "trang-thai": status])
        case .practiceNew(let report, let commune, let indicator):
            Endpoint.practiceNewPage.path() + Self.queryString(["bao-cao": report?.uuidString.lowercased(), "xa": commune, "chi-so": indicator])
        case .practiceCandidates: Endpoint.practiceCandidatesSubmit.path()
        case .practiceEdit(let id): Endpoint.practiceEditPage.path(id.uuidString.lowercased())
        case .practice(let id, let done): Endpoint.practicePage.path(id.uuidString.lowercased()) + Self.queryString(["xong": done])
        case .equipmentNeedNew: Endpoint.equipmentNeedSave.path()
        case .pledgeNew: Endpoint.pledgeSave.path()
        case .pledgeAdvance(let id): Endpoint.pledgeAdvanceSubmit.path(id.uuidString.lowercased())
        case .rotation(let day): Endpoint.rotationPage.path() + Self.queryString(["ngay": day])
        case .moveAnswer(let id): Endpoint.moveAnswerSubmit.path(id.uuidString.lowercased())
        case .training(let campaign, let unit): Endpoint.trainingPage.path() + Self.queryString(["chien-dich": campaign, "don-vi": unit])
        case .trainingNew(let campaign, let parent):
            Endpoint.trainingNewPage.path() + Self.queryString(["chien-dich": campaign, "goc": parent?.uuidString.lowercased()])
        case .trainingSession(let id, let done, let commune):
            Endpoint.trainingSessionPage.path(id.uuidString.lowercased()) + Self.queryString(["xong": done, "xa": commune])
        case .trainingImport(let id): Endpoint.trainingImportSubmit.path(id.uuidString.lowercased())
        case .trainingCoverageCSV(let campaign, let unit): Endpoint.trainingCoverageCSV.path() + Self.queryString(["chien-dich": campaign, "don-vi": unit])
        case .trainingCoverageXLSX(let campaign, let unit): Endpoint.trainingCoverageXLSX.path() + Self.queryString(["chien-dich": campaign, "don-vi": unit])
        case .competencies(let campaign, let done): Endpoint.competencyPage.path() + Self.queryString(["chien-dich": campaign, "xong": done])
        case .volunteerAssess(let id): Endpoint.volunteerAssessSubmit.path(id.uuidString.lowercased())
        case .supervision(let done): Endpoint.supervisionPage.path() + Self.queryString(["xong": done])
        case .supervisionNew(let team): Endpoint.supervisionNewPage.path() + Self.queryString(["doi": team?.uuidString.lowercased()])
        case .supervisionVisit(let id, let done): Endpoint.supervisionVisitPage.path(id.uuidString.lowercased()) + Self.queryString(["xong": done])
        case .findingClose(let id): Endpoint.findingCloseSubmit.path(id.uuidString.lowercased())
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
