import Foundation
import Vapor

/// Every route the server answers, by name: controllers register these (`RoutesBuilder.on(_:use:)`),
/// links are built from them (`path(_:)`, and `SiteRoute` for pages with their query strings), and a
/// test holds this list equal to what is registered. A URL is written here and nowhere else.
enum Endpoint: String, CaseIterable, Sendable {
    case home, apiAudit, apiLogin, apiLogout, apiMe, apiCampaigns, apiCampaignCreate, apiCampaign, apiCampaignUpdate
    case apiDifficulties, apiDifficultyMove, apiVolunteersExport, apiOrgUnits, apiOrgUnit, apiOrgUnitEdit
    case apiCompleteness, apiRollup, apiRollupCSV, apiRollupXLSX, apiSMSInbound, apiEntries
    case apiEntryCorrect, apiEntryHistory, apiEntriesBatch, apiTemplateCSV, apiTemplateXLSX, apiEntriesUpload
    case apiTeams, apiTeamCreate, apiTeam, apiTeamUpdate, apiTeamJoin, apiTeamLeave
    case apiTokens, apiTokenIssue, apiTokenRevoke, apiUserCreate, apiUser, apiUserDisable
    case apiUserEndSessions, apiVolunteers, apiVolunteerCreate, apiVolunteer, apiVolunteerUpdate, apiVolunteerCourse
    case apiWeeklyReports, apiWeeklyReportSubmit, apiWeeklyReport, apiWeeklyReportEdit, apiWeeklyReportApprove, apiWeeklyReportReopen
    case stylesheet, loginPage, loginSubmit, logoutSubmit, teamsPage, teamPage
    case teamPageSave, teamMembersSave, teamNewPage, teamNewSave, unitsPage, unitPage
    case unitPageSave, fieldApp, fieldAppFile, briefingPage, health, auditPage
    case openAPI, uploadPage, uploadSubmit, setupPage, setupSubmit, volunteersPage
    case volunteerPage, volunteerPageSave, volunteerNewPage, volunteerNewSave
    case campaignsPage, campaignNewPage, campaignNewSave, campaignPage, campaignPageSave
    case weeklyReportsPage, weeklyReportNewPage, weeklyReportNewSave, weeklyReportApproveSubmit, weeklyReportReopenSubmit
    case difficultiesPage, difficultyMoveSubmit
    case accountsPage, accountNewPage, accountNewSave, accountResetSubmit, accountEndSessionsSubmit, accountDisableSubmit
    case tokensPage, tokenIssueSubmit, tokenRevokeSubmit
    case entriesPage, entryPage, entryCorrectSubmit
    case apiVolunteersImport, apiVolunteersTemplateXLSX, volunteerImportPage, volunteerImportSubmit, volunteerCourseSave
    case weeklyReportEditPage, weeklyReportEditSave, smsSetupPage, smsTestSubmit
    case apiCoursesImport, courseImportPage, courseImportSubmit, volunteerExportXLSX
    case helpPage, helpNearbySubmit, helpCommunePage, helpScript
    case helpRequestPage, helpRequestSubmit, helpRequestStatusPage, helpQueuePage, helpRequestMoveSubmit
    case apiHelpRequests
    case guidesPage, guidePage, guideNewPage, guideNewSave, guideEditPage, guideEditSave, apiGuides
    case guideImportPage, guideImportSubmit
    case forcesPage, forcesProposeSubmit, reinforcementNewPage, reinforcementNewSave, reinforcementPage, reinforcementPageSave
    case movesPage, moveAnswerSubmit, rotationPage, rotationSubmit
    case equipmentPage, equipmentNeedSave, pledgeSave, pledgeAdvanceSubmit
    case practicesPage, practiceNewPage, practiceNewSave, practicePage, practicePageSave, apiPractices, practiceCandidatesSubmit
    case practiceEditPage, practiceEditSave
    case apiShortages, apiReinforcements, apiReinforcementCreate, apiReinforcement, apiReinforcementProposals
    case apiReinforcementDecision, apiMoves, apiMoveAnswer
    case trainingPage, trainingNewPage, trainingNewSave, trainingCoverageCSV, trainingCoverageXLSX
    case trainingSessionPage, trainingSessionSave, trainingImportSubmit, competencyPage, competencySave, volunteerAssessSubmit
    case supervisionPage, supervisionNewPage, supervisionNewSave, supervisionVisitPage, supervisionVisitSave, findingCloseSubmit
    case metrics

    /// Method and path pattern (":name" marks a parameter).
    var spec: (method: HTTPMethod, pattern: String) {
        switch self {
        case .home: (.GET, "/")
        case .apiAudit: (.GET, "/api/v1/audit")
        case .apiLogin: (.POST, "/api/v1/auth/login")
        case .apiLogout: (.POST, "/api/v1/auth/logout")
        case .apiMe: (.GET, "/api/v1/auth/me")
        case .apiCampaigns: (.GET, "/api/v1/campaigns")
        case .apiCampaignCreate: (.POST, "/api/v1/campaigns")
        case .apiCampaign: (.GET, "/api/v1/campaigns/:code")
        case .apiCampaignUpdate: (.PUT, "/api/v1/campaigns/:code")
        case .apiDifficulties: (.GET, "/api/v1/difficulties")
        case .apiDifficultyMove: (.POST, "/api/v1/difficulties/:id/transition")
        case .apiVolunteersExport: (.GET, "/api/v1/exports/volunteers.csv")
        case .apiOrgUnits: (.GET, "/api/v1/org-units")
        case .apiOrgUnit: (.GET, "/api/v1/org-units/:code")
        case .apiOrgUnitEdit: (.PATCH, "/api/v1/org-units/:code")
        case .apiCompleteness: (.GET, "/api/v1/reports/completeness")
        case .apiRollup: (.GET, "/api/v1/reports/rollup")
        case .apiRollupCSV: (.GET, "/api/v1/reports/rollup.csv")
        case .apiRollupXLSX: (.GET, "/api/v1/reports/rollup.xlsx")
        case .apiSMSInbound: (.POST, "/api/v1/sms/inbound")
        case .apiEntries: (.GET, "/api/v1/support-entries")
        case .apiEntryCorrect: (.POST, "/api/v1/support-entries/:id/corrections")
        case .apiEntryHistory: (.GET, "/api/v1/support-entries/:id/history")
        case .apiEntriesBatch: (.POST, "/api/v1/support-entries/batch")
        case .apiTemplateCSV: (.GET, "/api/v1/support-entries/template.csv")
        case .apiTemplateXLSX: (.GET, "/api/v1/support-entries/template.xlsx")
        case .apiEntriesUpload: (.POST, "/api/v1/support-entries/upload")
        case .apiTeams: (.GET, "/api/v1/teams")
        case .apiTeamCreate: (.POST, "/api/v1/teams")
        case .apiTeam: (.GET, "/api/v1/teams/:id")
        case .apiTeamUpdate: (.PUT, "/api/v1/teams/:id")
        case .apiTeamJoin: (.POST, "/api/v1/teams/:id/members")
        case .apiTeamLeave: (.POST, "/api/v1/teams/:id/members/:volunteerID/end")
        case .apiTokens: (.GET, "/api/v1/tokens")
        case .apiTokenIssue: (.POST, "/api/v1/tokens")
        case .apiTokenRevoke: (.POST, "/api/v1/tokens/:id/revoke")
        case .apiUserCreate: (.POST, "/api/v1/users")
        case .apiUser: (.GET, "/api/v1/users/:id")
        case .apiUserDisable: (.POST, "/api/v1/users/:id/disable")
        case .apiUserEndSessions: (.POST, "/api/v1/users/:id/end-sessions")
        case .apiVolunteers: (.GET, "/api/v1/volunteers")
        case .apiVolunteerCreate: (.POST, "/api/v1/volunteers")
        case .apiVolunteer: (.GET, "/api/v1/volunteers/:id")
        case .apiVolunteerUpdate: (.PUT, "/api/v1/volunteers/:id")
        case .apiVolunteerCourse: (.POST, "/api/v1/volunteers/:id/courses")
        case .apiWeeklyReports: (.GET, "/api/v1/weekly-reports")
        case .apiWeeklyReportSubmit: (.POST, "/api/v1/weekly-reports")
        case .apiWeeklyReport: (.GET, "/api/v1/weekly-reports/:id")
        case .apiWeeklyReportEdit: (.PUT, "/api/v1/weekly-reports/:id")
        case .apiWeeklyReportApprove: (.POST, "/api/v1/weekly-reports/:id/approve")
        case .apiWeeklyReportReopen: (.POST, "/api/v1/weekly-reports/:id/reopen")
        case .stylesheet: (.GET, "/assets/app.css")
        case .loginPage: (.GET, "/dang-nhap")
        case .loginSubmit: (.POST, "/dang-nhap")
        case .logoutSubmit: (.POST, "/dang-xuat")
        case .teamsPage: (.GET, "/doi-hinh")
        case .teamPage: (.GET, "/doi-hinh/:id")
        case .teamPageSave: (.POST, "/doi-hinh/:id")
        case .teamMembersSave: (.POST, "/doi-hinh/:id/thanh-vien")
        case .teamNewPage: (.GET, "/doi-hinh/moi")
        case .teamNewSave: (.POST, "/doi-hinh/moi")
        case .unitsPage: (.GET, "/don-vi")
        case .unitPage: (.GET, "/don-vi/:code")
        case .unitPageSave: (.POST, "/don-vi/:code")
        case .fieldApp: (.GET, "/field")
        case .fieldAppFile: (.GET, "/field/:file")
        case .briefingPage: (.GET, "/giao-ban")
        case .health: (.GET, "/healthz")
        case .auditPage: (.GET, "/nhat-ky")
        case .openAPI: (.GET, "/openapi.json")
        case .uploadPage: (.GET, "/tai-len")
        case .uploadSubmit: (.POST, "/tai-len")
        case .setupPage: (.GET, "/thiet-lap")
        case .setupSubmit: (.POST, "/thiet-lap")
        case .volunteersPage: (.GET, "/tinh-nguyen-vien")
        case .volunteerPage: (.GET, "/tinh-nguyen-vien/:id")
        case .volunteerPageSave: (.POST, "/tinh-nguyen-vien/:id")
        case .volunteerNewPage: (.GET, "/tinh-nguyen-vien/moi")
        case .volunteerNewSave: (.POST, "/tinh-nguyen-vien/moi")
        case .campaignsPage: (.GET, "/chien-dich")
        case .campaignNewPage: (.GET, "/chien-dich/moi")
        case .campaignNewSave: (.POST, "/chien-dich/moi")
        case .campaignPage: (.GET, "/chien-dich/:code")
        case .campaignPageSave: (.POST, "/chien-dich/:code")
        case .weeklyReportsPage: (.GET, "/bao-cao-tuan")
        case .weeklyReportNewPage: (.GET, "/bao-cao-tuan/moi")
        case .weeklyReportNewSave: (.POST, "/bao-cao-tuan/moi")
        case .weeklyReportApproveSubmit: (.POST, "/bao-cao-tuan/:id/duyet")
        case .weeklyReportReopenSubmit: (.POST, "/bao-cao-tuan/:id/mo-lai")
        case .difficultiesPage: (.GET, "/kho-khan")
        case .difficultyMoveSubmit: (.POST, "/kho-khan/:id")
        case .accountsPage: (.GET, "/tai-khoan")
        case .accountNewPage: (.GET, "/tai-khoan/moi")
        case .accountNewSave: (.POST, "/tai-khoan/moi")
        case .accountResetSubmit: (.POST, "/tai-khoan/:id/lien-ket-mat-khau")
        case .accountEndSessionsSubmit: (.POST, "/tai-khoan/:id/dang-xuat")
        case .accountDisableSubmit: (.POST, "/tai-khoan/:id/vo-hieu-hoa")
        case .tokensPage: (.GET, "/ma-truy-cap")
        case .tokenIssueSubmit: (.POST, "/ma-truy-cap")
        case .tokenRevokeSubmit: (.POST, "/ma-truy-cap/:id/thu-hoi")
        case .entriesPage: (.GET, "/ban-ghi")
        case .entryPage: (.GET, "/ban-ghi/:id")
        case .entryCorrectSubmit: (.POST, "/ban-ghi/:id")
        case .apiVolunteersImport: (.POST, "/api/v1/volunteers/import")
        case .apiVolunteersTemplateXLSX: (.GET, "/api/v1/volunteers/template.xlsx")
        case .volunteerImportPage: (.GET, "/tinh-nguyen-vien/nhap")
        case .volunteerImportSubmit: (.POST, "/tinh-nguyen-vien/nhap")
        case .volunteerCourseSave: (.POST, "/tinh-nguyen-vien/:id/khoa-hoc")
        case .apiCoursesImport: (.POST, "/api/v1/course-completions/import")
        case .courseImportPage: (.GET, "/tinh-nguyen-vien/nhap-khoa-hoc")
        case .courseImportSubmit: (.POST, "/tinh-nguyen-vien/nhap-khoa-hoc")
        case .volunteerExportXLSX: (.GET, "/tinh-nguyen-vien/xuat.xlsx")
        case .helpPage: (.GET, "/tim-ho-tro")
        case .helpNearbySubmit: (.POST, "/tim-ho-tro")
        case .helpCommunePage: (.GET, "/tim-ho-tro/:code")
        case .helpScript: (.GET, "/tim-ho-tro/vi-tri.js")
        case .helpRequestPage: (.GET, "/ho-tro-tai-nha")
        case .helpRequestSubmit: (.POST, "/ho-tro-tai-nha")
        case .helpRequestStatusPage: (.GET, "/ho-tro-tai-nha/tra-cuu")
        case .helpQueuePage: (.GET, "/de-nghi-ho-tro")
        case .helpRequestMoveSubmit: (.POST, "/de-nghi-ho-tro/:id")
        case .apiHelpRequests: (.GET, "/api/v1/help-requests")
        case .guidesPage: (.GET, "/thu-tuc")
        case .guidePage: (.GET, "/thu-tuc/:id")
        case .guideNewPage: (.GET, "/thu-tuc/moi")
        case .guideNewSave: (.POST, "/thu-tuc/moi")
        case .guideEditPage: (.GET, "/thu-tuc/:id/sua")
        case .guideEditSave: (.POST, "/thu-tuc/:id/sua")
        case .apiGuides: (.GET, "/api/v1/guides")
        case .guideImportPage: (.GET, "/thu-tuc/nhap")
        case .guideImportSubmit: (.POST, "/thu-tuc/nhap")
        case .weeklyReportEditPage: (.GET, "/bao-cao-tuan/:id/sua")
        case .weeklyReportEditSave: (.POST, "/bao-cao-tuan/:id/sua")
        case .smsSetupPage: (.GET, "/tin-nhan")
        case .smsTestSubmit: (.POST, "/tin-nhan")
        case .forcesPage: (.GET, "/dieu-phoi")
        case .forcesProposeSubmit: (.POST, "/dieu-phoi/de-xuat")
        case .reinforcementNewPage: (.GET, "/dieu-phoi/de-nghi-moi")
        case .reinforcementNewSave: (.POST, "/dieu-phoi/de-nghi-moi")
        case .reinforcementPage: (.GET, "/dieu-phoi/de-nghi/:id")
        case .reinforcementPageSave: (.POST, "/dieu-phoi/de-nghi/:id")
        case .rotationPage: (.GET, "/dieu-phoi/luan-chuyen")
        case .rotationSubmit: (.POST, "/dieu-phoi/luan-chuyen")
        case .practicesPage: (.GET, "/cach-lam-hay")
        case .practiceNewPage: (.GET, "/cach-lam-hay/moi")
        case .practiceNewSave: (.POST, "/cach-lam-hay/moi")
        case .practicePage: (.GET, "/cach-lam-hay/:id")
        case .practicePageSave: (.POST, "/cach-lam-hay/:id")
        case .apiPractices: (.GET, "/api/v1/practices")
        case .practiceCandidatesSubmit: (.POST, "/cach-lam-hay/goi-y")
        case .practiceEditPage: (.GET, "/cach-lam-hay/:id/sua")
        case .practiceEditSave: (.POST, "/cach-lam-hay/:id/sua")
        case .equipmentPage: (.GET, "/thiet-bi")
        case .equipmentNeedSave: (.POST, "/thiet-bi/nhu-cau")
        case .pledgeSave: (.POST, "/thiet-bi/cam-ket")
        case .pledgeAdvanceSubmit: (.POST, "/thiet-bi/cam-ket/:id")
        case .movesPage: (.GET, "/dieu-dong")
        case .moveAnswerSubmit: (.POST, "/dieu-dong/:id")
        case .apiShortages: (.GET, "/api/v1/shortages")
        case .apiReinforcements: (.GET, "/api/v1/reinforcements")
        case .apiReinforcementCreate: (.POST, "/api/v1/reinforcements")
        case .apiReinforcement: (.GET, "/api/v1/reinforcements/:id")
        case .apiReinforcementProposals: (.POST, "/api/v1/reinforcement-proposals")
        case .apiReinforcementDecision: (.POST, "/api/v1/reinforcements/:id/decision")
        case .apiMoves: (.GET, "/api/v1/moves")
        case .apiMoveAnswer: (.POST, "/api/v1/moves/:id/answer")
        case .trainingPage: (.GET, "/tap-huan")
        case .trainingNewPage: (.GET, "/tap-huan/moi")
        case .trainingNewSave: (.POST, "/tap-huan/moi")
        case .trainingCoverageCSV: (.GET, "/tap-huan/do-phu.csv")
        case .trainingCoverageXLSX: (.GET, "/tap-huan/do-phu.xlsx")
        case .trainingSessionPage: (.GET, "/tap-huan/:id")
        case .trainingSessionSave: (.POST, "/tap-huan/:id")
        case .trainingImportSubmit: (.POST, "/tap-huan/:id/nhap")
        case .competencyPage: (.GET, "/nang-luc")
        case .competencySave: (.POST, "/nang-luc")
        case .volunteerAssessSubmit: (.POST, "/tinh-nguyen-vien/:id/nang-luc")
        case .supervisionPage: (.GET, "/giam-sat")
        case .supervisionNewPage: (.GET, "/giam-sat/moi")
        case .supervisionNewSave: (.POST, "/giam-sat/moi")
        case .supervisionVisitPage: (.GET, "/giam-sat/:id")
        case .supervisionVisitSave: (.POST, "/giam-sat/:id")
        case .findingCloseSubmit: (.POST, "/giam-sat/phat-hien/:id")
        case .metrics: (.GET, "/metrics")
        }
    }

    var method: HTTPMethod { spec.method }

    /// The pattern as Vapor's path components.
    var components: [PathComponent] {
        spec.pattern.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }

    /// A concrete path: each parameter of the pattern, in order, replaced by the next value (percent-encoded).
    func path(_ values: String...) -> String {
        var remaining = values[...]
        let parts = spec.pattern.split(separator: "/").map { part -> String in
            guard part.hasPrefix(":"), let value = remaining.popFirst() else { return String(part) }
            return value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? ""
        }
        precondition(remaining.isEmpty, "\(self): more values than parameters")
        return "/" + parts.joined(separator: "/")
    }
}

extension RoutesBuilder {
    /// Registers `endpoint`; `body` as in Vapor (uploads and batches collect more than the default).
    @discardableResult
    func on<Response: AsyncResponseEncodable>(_ endpoint: Endpoint, body: HTTPBodyStreamStrategy = .collect,
                                              use closure: @escaping @Sendable (Request) async throws -> Response) -> Route {
        on(endpoint.method, endpoint.components, body: body, use: closure)
    }
}
