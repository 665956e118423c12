import CauNoiCore
import Foundation

/// "Giám sát": findings still open (those the province must handle first) and the latest visits of the area.
enum SupervisionPage {
    struct Model: Equatable, Sendable {
        var findings: [SupervisionQueries.FindingRow]
        var visits: [SupervisionQueries.VisitRow]
        var mayResolveBreach: Bool
        var notice: String? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let visits = m.visits.map { v -> HTML in
            let kept: HTML = v.notKept.isEmpty ? "Đạt tất cả" : "Không đạt: \(v.notKept.joined(separator: "; "))"
            return """
            <tr><td><a href="\(SiteRoute.supervisionVisit(v.id).path)">\(BriefingDates.dayMonthYear(v.visitedOn))</a></td><td><b>\(v.teamName)</b><br><span class="muted">\(v.communeName)</span></td>\
            <td>\(kept)</td><td class="num">\(v.openFindings)</td><td>\(v.by)</td></tr>
            """
        }
        let visitTable: HTML = m.visits.isEmpty ? "<p>Chưa có lần giám sát nào.</p>" : """
            <div class="table-wrap"><table><thead><tr><th>Ngày</th><th>Đội hình</th><th>Kết quả</th><th>Phát hiện đang mở</th><th>Người giám sát</th></tr></thead>
            <tbody>\(visits)</tbody></table></div>
            """
        return Layout.page(title: "Giám sát", section: .supervision, context: context, body: """
        <h1>Giám sát việc giữ quy tắc và chất lượng hỗ trợ</h1>
        \(notice)
        <p class="noprint"><a class="button" href="\(SiteRoute.supervisionNew().path)">Ghi lần giám sát</a></p>
        <h2>Phát hiện đang mở (\(VietnameseNumber.grouped(m.findings.count)))</h2>
        \(FindingList.render(m.findings, mayClose: true, mayResolveBreach: m.mayResolveBreach, context: context, showPlace: true))
        <h2>Các lần giám sát gần đây</h2>
        \(visitTable)
        """)
    }
}

/// Findings with their state, owner, due date and, while open, a form to close them with what was done.
enum FindingList {
    static func render(_ rows: [SupervisionQueries.FindingRow], mayClose: Bool, mayResolveBreach: Bool, context: PageContext, showPlace: Bool,
                       errors: [UUID: String] = [:]) -> HTML {
        guard !rows.isEmpty else { return "<p>Không có phát hiện nào.</p>" }
        let items = rows.map { f -> HTML in
            let flags: [HTML] = [
                f.breach ? (f.state == .closed ? "<b class=\"badge\">Vi phạm quy tắc</b>" : "<b class=\"badge danger\">Vi phạm quy tắc — cấp tỉnh xử lý</b>") : nil,
                f.state == .overdue ? "<b class=\"badge warn\">Quá hạn</b>" : nil,
            ].compactMap { $0 }
            let place: HTML = showPlace ? "<a href=\"\(SiteRoute.supervisionVisit(f.visitID).path)\">\(f.teamName)</a> — \(f.communeName)<br>" : .empty
            let closing: HTML
            if f.state == .closed {
                closing = "<p class=\"muted\">Đã khắc phục \(f.closedOn.flatMap(LocalDate.init(iso:)).map(BriefingDates.dayMonthYear) ?? "")\(f.closedBy.map { " (\($0))" } ?? ""): \(f.closedNote ?? "")</p>"
            } else if !mayClose {
                closing = .empty
            } else if !f.breach || mayResolveBreach {
                let error: HTML = errors[f.id].map { "<p class=\"error\">\($0)</p>" } ?? .empty
                closing = """
                <form method="post" action="\(SiteRoute.findingClose(f.id).path)" class="noprint">\(context.csrfField)\(showPlace ? "<input type=\"hidden\" name=\"back\" value=\"list\">" as HTML : .empty)
                <label class="field"><span>Đã khắc phục thế nào?</span><input type="text" name="closed_note" required></label>\(error)
                <button type="submit" class="secondary">Đóng phát hiện</button></form>
                """
            } else {
                closing = "<p class=\"hint\">Đã chuyển cấp tỉnh xử lý.</p>"
            }
            return """
            <li>\(place)\(HTML.join(flags, separator: " "))
            <p>\(f.item.map { "<b>\($0)</b>: " as HTML } ?? .empty)\(f.description)</p>
            <p>Việc cần làm: \(f.action) — <b>\(f.owner)</b>, hạn \(BriefingDates.dayMonthYear(f.dueOn))\(f.state == .closed ? "" : " (\(f.state.vietnamese.lowercased()))")</p>
            \(closing)</li>
            """
        }
        return "<ul class=\"queue\">\(items)</ul>"
    }
}

struct SupervisionForm: Codable, Equatable, Sendable {
    var teamID: String?
    var visitedOn: String?
    var answers: [String: String]?
    var note: String?
    var item1: String?, description1: String?, action1: String?, owner1: String?, dueOn1: String?
    var item2: String?, description2: String?, action2: String?, owner2: String?, dueOn2: String?

    enum CodingKeys: String, CodingKey {
        case teamID = "team_id", visitedOn = "visited_on", answers, note
        case item1, description1, action1, owner1, dueOn1 = "due_on1", item2, description2, action2, owner2, dueOn2 = "due_on2"
    }

    var draft: SupervisionVisitDraft {
        var d = SupervisionVisitDraft()
        d.visitedOn = visitedOn
        d.answers = answers
        d.note = note
        func finding(_ item: String?, _ description: String?, _ action: String?, _ owner: String?, _ due: String?) -> FindingDraft {
            var f = FindingDraft()
            f.item = item; f.description = description; f.action = action; f.owner = owner; f.dueOn = due
            return f
        }
        d.findings = [finding(item1, description1, action1, owner1, dueOn1), finding(item2, description2, action2, owner2, dueOn2)]
        return d
    }

    /// The draft's error fields ("findings[1].owner") as the form's names ("owner2").
    static func formField(_ field: String) -> String {
        for (index, suffix) in [(0, "1"), (1, "2")] where field.hasPrefix("findings[\(index)].") {
            return String(field.dropFirst("findings[\(index)].".count)) + suffix
        }
        return field
    }
}

/// "Ghi lần giám sát": the team, the day, the checklist, and up to two findings (more can be added on the visit's page).
enum SupervisionFormPage {
    struct Model: Equatable, Sendable {
        var teams: [EntryListPage.Option]
        var form: SupervisionForm
        var errors: [String: String] = [:]
    }

    static func itemOptions() -> [(value: String, label: String)] {
        ChecklistItem.allCases.map { (value: $0.rawValue, label: $0.vietnamese) } + [(value: "other", label: "Khác")]
    }

    static func findingBlock(_ n: String, item: String?, description: String?, action: String?, owner: String?, due: String?, errors e: [String: String]) -> HTML {
        """
        <fieldset class="field"><legend>Phát hiện \(n)</legend>
        \(Layout.select("Về mục", name: "item\(n)", options: itemOptions(), selected: item, error: e["item\(n)"], includeBlank: true))
        \(Layout.textarea("Phát hiện (không ghi tên, số giấy tờ, số điện thoại của người dân)", name: "description\(n)", value: description, error: e["description\(n)"], rows: 2))
        \(Layout.field("Việc cần làm", name: "action\(n)", value: action, error: e["action\(n)"]))
        \(Layout.field("Người phụ trách", name: "owner\(n)", value: owner, error: e["owner\(n)"], hint: "Chức danh hoặc tên, ví dụ “Đội trưởng”."))
        \(Layout.field("Hạn xử lý", name: "due_on\(n)", value: due, error: e["due_on\(n)"], type: "date"))
        </fieldset>
        """
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        let answers = [(value: "ok", label: ChecklistAnswer.ok.vietnamese), (value: "not_ok", label: ChecklistAnswer.notOk.vietnamese),
                       (value: "not_checked", label: ChecklistAnswer.notChecked.vietnamese)]
        let checklist = ChecklistItem.allCases.map { item -> HTML in
            Layout.select(item.vietnamese + (item.isConductRule ? " (quy tắc ứng xử)" : ""), name: "answers[\(item.rawValue)]", options: answers,
                          selected: f.answers?[item.rawValue], error: e["answers.\(item.rawValue)"], includeBlank: true)
        }
        return Layout.page(title: "Ghi lần giám sát", section: .supervision, context: context, body: """
        <h1>Ghi lần giám sát</h1>
        \(Layout.errorSummary(e))
        <form method="post" action="\(SiteRoute.supervisionNew().path)">\(context.csrfField)
        \(Layout.select("Đội hình được giám sát", name: "team_id", options: m.teams.map { (value: $0.value, label: $0.label) }, selected: f.teamID, error: e["team_id"], includeBlank: true))
        \(Layout.field("Ngày giám sát", name: "visited_on", value: f.visitedOn, error: e["visited_on"], type: "date", required: true))
        <fieldset class="field"><legend>Danh mục kiểm tra</legend>\(HTML.join(checklist, separator: "\n"))
        <p class="hint">Mục “Không đạt” cần một phát hiện về mục đó. Vi phạm quy tắc ứng xử được chuyển ngay cấp tỉnh.</p></fieldset>
        \(Layout.textarea("Ghi chú chung", name: "note", value: f.note, error: e["note"], rows: 2))
        \(findingBlock("1", item: f.item1, description: f.description1, action: f.action1, owner: f.owner1, due: f.dueOn1, errors: e))
        \(findingBlock("2", item: f.item2, description: f.description2, action: f.action2, owner: f.owner2, due: f.dueOn2, errors: e))
        <button type="submit">Lưu lần giám sát</button>
        </form>
        """)
    }
}

/// One visit: the checklist as answered, the findings and their follow-up, and a form to add a finding.
enum SupervisionVisitPage {
    struct Model: Equatable, Sendable {
        var id: UUID
        var teamID: UUID
        var teamName: String
        var communeName: String
        var visitedOn: LocalDate
        var by: String
        var answers: [ChecklistItem: ChecklistAnswer]
        var note: String?
        var findings: [SupervisionQueries.FindingRow]
        var mayResolveBreach: Bool
        var mayAdd: Bool
        var notice: String? = nil
        var findingForm = FindingDraft()
        var errors: [String: String] = [:]
        var closeErrors: [UUID: String] = [:]
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let rows = ChecklistItem.allCases.map { item -> HTML in
            let answer = m.answers[item] ?? .notChecked
            let mark: HTML = answer == .notOk ? "<b>\(answer.vietnamese)</b>" : "\(answer.vietnamese)"
            return "<tr><td>\(item.vietnamese)</td><td>\(mark)</td></tr>"
        }
        let f = m.findingForm, e = m.errors
        let add: HTML = m.mayAdd ? """
            <h2>Thêm phát hiện</h2>
            <form method="post" action="\(SiteRoute.supervisionVisit(m.id).path)">\(context.csrfField)
            \(SupervisionFormPage.findingBlock("", item: f.item, description: f.description, action: f.action, owner: f.owner, due: f.dueOn, errors: e))
            <button type="submit">Thêm phát hiện</button></form>
            """ : .empty
        return Layout.page(title: "Giám sát \(m.teamName)", section: .supervision, context: context, body: """
        <h1>Giám sát \(m.teamName)</h1>
        <p class="muted">\(m.communeName) — \(BriefingDates.dayMonthYear(m.visitedOn)), \(m.by)</p>
        \(notice)\(Layout.errorSummary(e))
        <div class="table-wrap"><table><thead><tr><th>Mục kiểm tra</th><th>Kết quả</th></tr></thead><tbody>\(rows)</tbody></table></div>
        \(m.note.map { "<p>\($0)</p>" as HTML } ?? .empty)
        <p class="noprint"><a href="\(SiteRoute.team(m.teamID).path)">Trang đội hình</a></p>
        <h2>Phát hiện và việc cần làm</h2>
        \(FindingList.render(m.findings, mayClose: m.mayAdd, mayResolveBreach: m.mayResolveBreach, context: context, showPlace: false, errors: m.closeErrors))
        \(add)
        """)
    }
}
