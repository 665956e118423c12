import CauNoiCore
import Fluent
import Foundation

/// A volunteer's levels on the campaign's competency standard, with how each was earned, and the assessment form for
/// their team leader (and the officers above).
struct CompetencySection: Equatable, Sendable {
    struct Line: Equatable, Sendable {
        var code: String
        var name: String
        var level: Int
        var levelName: String
        /// The level the last assessment gave (0: none).
        var assessed: Int
        var how: String
    }

    var campaignCode: String
    var campaignName: String
    var lines: [Line]
    var levelNames: [String]
    var highestAssessable: Int
    var mayAssess: Bool
    var form: AssessmentForm?
    var errors: [String: String] = [:]
    var saved = false

    static func load(_ volunteer: Volunteer, place: RecordPlace, form: AssessmentForm?, errors: [String: String], saved: Bool,
                     actor: Actor, on db: any Database) async throws -> CompetencySection? {
        guard let campaign = try await TrainingQueries.standardCampaign(form?.campaign, province: volunteer.provinceCode, today: actor.today, on: db),
              let standard = campaign.definition?.competencyStandard, let id = volunteer.id else { return nil }
        let evidence = try await TrainingQueries.evidence([id], campaign: campaign, on: db)[id] ?? .init()
        let lines = standard.competencies.map { c -> Line in
            let level = standard.level(of: c, evidence)
            var how: [String] = []
            if !evidence.courses.isDisjoint(with: c.courses) { how.append("khóa học") }
            if evidence.sessionTopics.contains(c.code) { how.append("tập huấn") }
            if let a = evidence.assessed[c.code], a > 0 { how.append("đội trưởng đánh giá cấp \(a)") }
            return Line(code: c.code, name: c.name, level: level, levelName: standard.levelName(level), assessed: evidence.assessed[c.code] ?? 0,
                        how: how.joined(separator: ", "))
        }
        return CompetencySection(campaignCode: campaign.code, campaignName: campaign.name, lines: lines,
                                 levelNames: standard.levels.map(\.name), highestAssessable: standard.highestAssessable,
                                 mayAssess: actor.policy.allowsEverywhere(.assessCompetency, on: place), form: form, errors: errors, saved: saved)
    }

    func render(volunteerID: UUID?, context: PageContext) -> HTML {
        guard !lines.isEmpty else {
            return "<h2>Năng lực</h2><p class=\"muted\">\(campaignName) chưa có bộ tiêu chuẩn năng lực.</p>"
        }
        let rows = lines.map { l -> HTML in
            "<tr><td>\(l.name)</td><td><b>\(l.levelName)</b></td><td class=\"muted\">\(l.how.isEmpty ? "—" : l.how)</td></tr>"
        }
        let saved: HTML = saved ? "<div class=\"notice\" role=\"status\">Đã lưu đánh giá năng lực.</div>" : .empty
        var assessForm: HTML = .empty
        if mayAssess, let volunteerID, highestAssessable > 0 {
            let options = (0...highestAssessable).map { n in (value: String(n), label: n == 0 ? "Chưa đạt / chưa đánh giá" : "Cấp \(n) — \(levelNames[n - 1])") }
            let selects = lines.map { l -> HTML in
                Layout.select(l.name, name: "level[\(l.code)]", options: options, selected: form?.levels?[l.code] ?? String(l.assessed),
                              error: errors["level.\(l.code)"])
            }
            assessForm = """
            <details\(errors.isEmpty ? "" : " open" as HTML)><summary>Đánh giá năng lực</summary>
            <form method="post" action="\(SiteRoute.volunteerAssess(volunteerID).path)">\(context.csrfField)
            <input type="hidden" name="campaign" value="\(campaignCode)">
            \(HTML.join(selects, separator: "\n"))
            \(Layout.textarea("Nhận xét (không ghi thông tin cá nhân của người dân)", name: "note", value: self.form?.note, error: errors["note"], rows: 2))
            <button type="submit">Lưu đánh giá</button>
            </form></details>
            """
        }
        return """
        <h2>Năng lực</h2>
        <p class="muted">Theo bộ tiêu chuẩn của \(campaignName)</p>
        \(saved)
        <div class="table-wrap"><table><thead><tr><th>Năng lực</th><th>Cấp độ</th><th>Có được nhờ</th></tr></thead><tbody>\(rows)</tbody></table></div>
        \(assessForm)
        """
    }
}
