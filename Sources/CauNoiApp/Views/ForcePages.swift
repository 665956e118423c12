import CauNoiCore
import Foundation

/// "Điều phối lực lượng": where help is short, and the reinforcement requests of the caller's area.
enum ForcesPage {
    struct ShortageRow: Equatable, Sendable {
        /// The place in the whole ranking (kept when a search shows only some communes).
        var rank: Int
        var code: String
        var communeName: String
        var provinceName: String
        var score: Int
        var reasons: [String]
    }

    struct RequestRow: Equatable, Sendable {
        var id: UUID
        var communeName: String
        var teamName: String = ""
        var askedOn: String = ""
        var people: Int
        var needs: String
        var from: String
        var status: ReinforcementStatus
        var proposed: Int
        var approved: Int
        var accepted: Int
    }

    struct Model: Equatable, Sendable {
        var weekLabel: String
        var communesChecked: Int
        var shortages: [ShortageRow]
        var totalShort: Int
        var requests: [RequestRow]
        var provinces: [EntryListPage.Option]
        var province: String?
        var query: String? = nil
        var notice: String?
        var error: String?
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let error: HTML = m.error.map { "<div class=\"alert\" role=\"alert\">\($0)</div>" } ?? .empty
        let provinceField: HTML = m.provinces.count > 1 ? """
            <label class="field"><span>Tỉnh, thành phố</span><select name="tinh"><option value="">Cả nước</option>\
            \(m.provinces.map { "<option value=\"\($0.value)\"\($0.value == m.province ? " selected" : "")>\($0.label)</option>" as HTML })</select></label>
            """ : .empty
        let filter: HTML = """
            <form method="get" action="\(SiteRoute.forces().path)" class="inline noprint">\(provinceField)\
            <label class="field"><span>Tìm xã, phường</span><input type="search" name="q" value="\(m.query ?? "")" placeholder="Ví dụ: cua nam"></label>\
            <button type="submit" class="secondary">Xem</button></form>
            """
        let rows = m.shortages.map { r -> HTML in
            let reasons = HTML.join(r.reasons.map { "<li>\($0)</li>" as HTML }, separator: "")
            return """
            <tr><td class="num">\(r.rank)</td><td><b>\(r.communeName)</b><br><span class="muted">\(r.provinceName)</span></td>\
            <td class="num">\(r.score)</td><td><ul class="reasons">\(reasons)</ul></td>\
            <td><a href="\(SiteRoute.reinforcementNew(commune: r.code).path)">Đề nghị tăng cường</a></td></tr>
            """
        }
        let shortTable: HTML = m.shortages.isEmpty ? "<p>Không có xã, phường nào đang thiếu hỗ trợ theo các tiêu chí dưới đây.</p>" : """
            <div class="table-wrap"><table><thead><tr><th>#</th><th>Xã, phường</th><th>Điểm</th><th>Lý do</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(m.totalShort > m.shortages.count ? "<p class=\"muted\">Hiện \(VietnameseNumber.grouped(m.shortages.count)) / \(VietnameseNumber.grouped(m.totalShort)) xã, phường có lý do; chọn một tỉnh để xem hết.</p>" as HTML : .empty)
            """
        let requestRows = m.requests.map { r -> HTML in
            let progress = "\(r.accepted)/\(r.people) đã nhận" + (r.approved > 0 ? ", \(r.approved) chờ TNV trả lời" : "") + (r.proposed > 0 ? ", \(r.proposed) chờ duyệt" : "")
            return """
            <tr><td><a href="\(SiteRoute.reinforcement(r.id).path)">\(r.communeName)</a><br><span class="muted">\(r.teamName) · đề nghị \(r.askedOn)</span></td><td class="num">\(r.people)</td><td>\(r.needs)</td>\
            <td>\(r.from)</td><td>\(r.status.vietnamese)<br><span class="muted">\(progress)</span></td></tr>
            """
        }
        let requests: HTML = m.requests.isEmpty ? "<p>Chưa có đề nghị tăng cường nào.</p>" : """
            <div class="table-wrap"><table><thead><tr><th>Xã, phường</th><th>Số người</th><th>Yêu cầu</th><th>Từ ngày</th><th>Trạng thái</th></tr></thead>
            <tbody>\(requestRows)</tbody></table></div>
            """
        let proposeAll: HTML = m.requests.contains { $0.status.isActive } ? """
            <form method="post" action="\(SiteRoute.forcesPropose.path)">\(context.csrfField)\
            <input type="hidden" name="province" value="\(m.province ?? "")">\
            <button type="submit">Đề xuất người cho mọi đề nghị đang mở\(m.province == nil ? "" : " của tỉnh")</button></form>
            """ : .empty
        return Layout.page(title: "Điều phối lực lượng", section: .forces, context: context, body: """
        <h1>Điều phối lực lượng</h1>
        \(notice)\(error)
        <p class="muted">Xếp hạng theo \(m.weekLabel); đã xét \(VietnameseNumber.grouped(m.communesChecked)) xã, phường. \
        Điểm: chưa có đội hình hoạt động 100; tải trên mỗi TNV từ gấp đôi trung vị của tỉnh 40–70; mỗi khó khăn đề nghị tăng cường 30; \
        vùng biên giới, hải đảo, vùng sâu, vùng đồng bào thiếu người nói tiếng địa phương 35; chưa đủ 100% hoàn thành khóa học tới 20; \
        TNV kết thúc trong 14 ngày chưa có người thay 10 mỗi người.</p>
        <h2>Đề nghị tăng cường</h2>
        <p><a class="button" href="\(SiteRoute.reinforcementNew().path)">Tạo đề nghị tăng cường</a> \
        <a href="\(SiteRoute.rotation().path)">Kế hoạch luân chuyển (khi sinh viên quay lại trường)</a> · \
        <a href="\(SiteRoute.equipment.path)">Thiết bị, đường truyền</a></p>
        \(proposeAll)
        \(requests)
        <h2>Nơi đang thiếu hỗ trợ</h2>
        \(filter)
        \(shortTable)
        """)
    }
}

/// The form to ask for more people in a commune.
enum ReinforcementFormPage {
    struct Model: Equatable, Sendable {
        var form: ReinforcementForm
        var communeLabel: String?
        var teams: [EntryListPage.Option]
        var errors: [String: String] = [:]
        /// The standard of the campaign running in the commune's province: a competency may be required.
        var standard: CompetencyStandard = .empty
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        let languages = Language.allCases.filter { $0 != .vi }.map { (value: $0.rawValue, label: $0.vietnamese) }
        let skills = ForceSkill.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let teams: HTML = m.teams.isEmpty
            ? "<p class=\"error\">\(m.communeLabel == nil ? "Chọn xã, phường trước (gõ tên rồi bấm “Tìm đội”)." : "Xã này chưa có đội hình hoạt động: hãy tạo đội hình trước, rồi đề nghị người tăng cường cho đội.")</p>"
            : Layout.select("Đội nhận người", name: "team_id", options: m.teams.map { (value: $0.value, label: $0.label) }, selected: f.teamID,
                            error: e["team_id"], includeBlank: m.teams.count > 1)
        return Layout.page(title: "Đề nghị tăng cường", section: .forces, context: context, body: """
        <h1>Đề nghị tăng cường lực lượng</h1>
        \(Layout.errorSummary(e))
        <form method="get" action="\(SiteRoute.reinforcementNew().path)" class="inline noprint">\
        <label class="field"><span>Xã, phường</span><input type="text" name="xa" value="\(m.communeLabel ?? f.commune ?? "")" required></label>\
        <input type="hidden" name="kho-khan" value="\(f.difficultyID ?? "")"><button type="submit" class="secondary">Tìm đội</button></form>
        \(m.communeLabel.map { "<p>Xã, phường: <b>\($0)</b></p>" as HTML } ?? .empty)
        <form method="post" action="\(SiteRoute.reinforcementNew().path)">\(context.csrfField)
        <input type="hidden" name="commune" value="\(f.commune ?? "")">
        <input type="hidden" name="difficulty_id" value="\(f.difficultyID ?? "")">
        \(e["commune_code"].map { "<p class=\"error\">\($0)</p>" as HTML } ?? .empty)
        \(teams)
        \(Layout.field("Số người cần", name: "people", value: f.people ?? "2", error: e["people"], type: "number", required: true,
                       attributes: " min=\"1\" max=\"\(ValidReinforcementRequest.maxPeople)\" inputmode=\"numeric\""))
        \(Layout.checkboxes("Tiếng dân tộc cần", name: "languages", options: languages, checked: Set(f.languages ?? []), error: e["languages"]))
        <label class="check"><input type="checkbox" name="languages_required" value="1"\(f.languagesRequired != nil ? " checked" : "" as HTML)> Bắt buộc biết tiếng đã chọn (không thì chỉ ưu tiên)</label>
        \(Layout.checkboxes("Kỹ năng cần (mức khá trở lên)", name: "skills", options: skills, checked: Set(f.skills ?? []), error: e["skills"]))
        <label class="check"><input type="checkbox" name="skills_required" value="1"\(f.skillsRequired != nil ? " checked" : "" as HTML)> Bắt buộc có kỹ năng đã chọn</label>
        <label class="check"><input type="checkbox" name="motorbike_required" value="1"\(f.motorbikeRequired != nil ? " checked" : "" as HTML)> Cần có xe máy (đi thôn, bản xa)</label>
        \(m.standard.isEmpty ? HTML.empty : Layout.select("Năng lực bắt buộc (theo bộ tiêu chuẩn)", name: "competency",
                        options: m.standard.competencies.map { (value: $0.code, label: $0.name) }, selected: f.competency, error: e["competency"], includeBlank: true))
        \(m.standard.isEmpty ? HTML.empty : Layout.select("Cấp tối thiểu", name: "competency_level",
                        options: m.standard.levels.enumerated().map { (value: String($0.offset + 1), label: "Cấp \($0.offset + 1) — \($0.element.name)") },
                        selected: f.competencyLevel, error: e["competency_level"]))
        \(Layout.field("Từ ngày", name: "from_date", value: f.fromDate, error: e["from_date"], type: "date", required: true))
        \(Layout.field("Đến ngày", name: "to_date", value: f.toDate, error: e["to_date"], type: "date", hint: "Để trống nếu chưa định ngày kết thúc."))
        \(Layout.textarea("Ghi chú", name: "note", value: f.note, error: e["note"], hint: "Không ghi thông tin cá nhân của người dân."))
        <button type="submit">Gửi đề nghị</button>
        </form>
        """)
    }
}

/// What the form posts (and gives back with errors).
struct ReinforcementForm: Codable, Equatable, Sendable {
    var commune: String?
    var teamID: String?
    var difficultyID: String?
    var people: String?
    var languages: [String]?
    var languagesRequired: String?
    var skills: [String]?
    var skillsRequired: String?
    var motorbikeRequired: String?
    var competency: String?
    var competencyLevel: String?
    var fromDate: String?
    var toDate: String?
    var note: String?

    enum CodingKeys: String, CodingKey {
        case commune, teamID = "team_id", difficultyID = "difficulty_id", people, languages, languagesRequired = "languages_required"
        case skills, skillsRequired = "skills_required", motorbikeRequired = "motorbike_required", fromDate = "from_date", toDate = "to_date", note
        case competency, competencyLevel = "competency_level"
    }

    func draft(communeCode: String?) -> ReinforcementRequestDraft {
        var d = ReinforcementRequestDraft()
        d.communeCode = communeCode
        d.teamID = teamID
        d.difficultyID = difficultyID
        d.people = people.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? (people.nonEmpty == nil ? nil : -1)
        d.languages = languages
        d.languagesRequired = languagesRequired != nil
        d.skills = skills
        d.skillsRequired = skillsRequired != nil
        d.motorbikeRequired = motorbikeRequired != nil
        d.competency = competency.nonEmpty
        d.competencyLevel = d.competency == nil ? nil : competencyLevel.flatMap { Int($0) }
        d.fromDate = fromDate.nonEmpty
        d.toDate = toDate.nonEmpty
        d.note = note
        return d
    }
}

/// One request, its proposed moves and the decisions on them.
enum ReinforcementPage {
    struct MoveRow: Equatable, Sendable {
        var id: UUID
        var volunteerName: String
        var homeName: String
        var fromTeam: String?
        var kilometres: Double
        var reasons: String
        var status: MoveStatus
        var decidedBy: String?
        var answeredBy: String?
    }

    struct Model: Equatable, Sendable {
        var id: UUID
        var communeName: String
        var teamID: UUID
        var teamName: String
        var people: Int
        var needs: String
        var from: String
        var to: String?
        var note: String?
        var status: ReinforcementStatus
        var createdBy: String
        var moves: [MoveRow]
        var notice: String? = nil
        var error: String? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let action = SiteRoute.reinforcement(m.id).path
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let error: HTML = m.error.map { "<div class=\"alert\" role=\"alert\">Chưa lưu: \($0)</div>" } ?? .empty
        let undecided = m.moves.filter { $0.status == .proposed }
        let rows = m.moves.map { r -> HTML in
            let pick: HTML = r.status == .proposed ? "<input type=\"checkbox\" name=\"move_ids[]\" value=\"\(r.id.uuidString.lowercased())\" checked aria-label=\"Chọn \(r.volunteerName)\">" : .empty
            let who: HTML = [r.decidedBy.map { "duyệt: \($0)" }, r.answeredBy.map { "trả lời: \($0)" }].compactMap { $0 }.isEmpty ? .empty
                : "<br><span class=\"muted\">\([r.decidedBy.map { "xử lý: \($0)" }, r.answeredBy.map { "trả lời: \($0)" }].compactMap { $0 }.joined(separator: "; "))</span>"
            return """
            <tr><td>\(pick)</td><td><b>\(r.volunteerName)</b><br><span class="muted">\(r.homeName)\(r.fromTeam.map { " · đang ở \($0)" } ?? "")</span></td>\
            <td>\(r.reasons)</td><td>\(r.status.vietnamese)\(who)</td></tr>
            """
        }
        let table: HTML = m.moves.isEmpty ? "<p>Chưa có đề xuất. Bấm “Đề xuất người” để CauNoi tìm người phù hợp nhất.</p>" : """
            <form method="post" action="\(action)">\(context.csrfField)
            <div class="table-wrap"><table><thead><tr><th></th><th>Tình nguyện viên</th><th>Vì sao</th><th>Trạng thái</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(undecided.isEmpty ? HTML.empty : "<button type=\"submit\" name=\"action\" value=\"approve\">Duyệt các đề xuất đã chọn</button> <button type=\"submit\" name=\"action\" value=\"reject\" class=\"secondary\">Không duyệt các đề xuất đã chọn</button>")
            </form>
            """
        let propose: HTML = m.status.isActive ? """
            <form method="post" action="\(action)">\(context.csrfField)<input type="hidden" name="action" value="propose">\
            <button type="submit"\(undecided.isEmpty ? "" : " class=\"secondary\"" as HTML)>\(m.moves.isEmpty ? "Đề xuất người" : "Đề xuất lại các chỗ còn trống")</button></form>
            """ : .empty
        return Layout.page(title: "Đề nghị tăng cường \(m.communeName)", section: .forces, context: context, body: """
        <p class="noprint"><a href="\(SiteRoute.forces().path)">← Điều phối lực lượng</a></p>
        <h1>Tăng cường cho \(m.communeName)</h1>
        \(notice)\(error)
        <p class="summary">\(progress(m))</p>
        <dl class="facts"><dt>Đội nhận</dt><dd><a href="\(SiteRoute.team(m.teamID).path)">\(m.teamName)</a></dd><dt>Số người</dt><dd>\(m.people)</dd><dt>Yêu cầu</dt><dd>\(m.needs)</dd>\
        <dt>Thời gian</dt><dd>từ \(m.from)\(m.to.map { " đến \($0)" } ?? "")</dd><dt>Trạng thái</dt><dd>\(m.status.vietnamese)</dd>\
        <dt>Người đề nghị</dt><dd>\(m.createdBy)</dd>\(m.note.map { "<dt>Ghi chú</dt><dd>\($0)</dd>" as HTML } ?? .empty)</dl>
        <p class="muted">CauNoi đề xuất phương án tối ưu: tổng quãng đường ít nhất, cộng thêm chi phí khi thiếu tiếng hay kỹ năng được ưu tiên \
        (50 km mỗi tiếng, 30 km mỗi kỹ năng) và khi TNV vừa được điều động (40 km trong 30 ngày, 15 km trong 90 ngày); \
        không rút đội nào xuống dưới số thành viên tối thiểu; mỗi TNV chỉ ở một đề xuất. TNV hoặc đội trưởng nhận hay từ chối sau khi được duyệt.</p>
        \(propose)
        \(table)
        \(m.status.isActive ? """
            <form method="post" action="\(action)" class="noprint">\(context.csrfField)<input type="hidden" name="action" value="cancel">\
            <button type="submit" class="secondary">Hủy đề nghị (không cần thêm người)</button></form>
            """ as HTML : .empty)
        """)
    }
}

extension ReinforcementPage {
    /// "Đã nhận 1/2 người; còn 1 chỗ chưa có người phù hợp: bấm “Đề xuất lại…”".
    static func progress(_ m: Model) -> String {
        let count = { (s: MoveStatus) in m.moves.filter { $0.status == s }.count }
        let accepted = count(.accepted), approved = count(.approved), proposed = count(.proposed)
        var parts = ["Đã nhận \(accepted)/\(m.people) người"]
        if approved > 0 { parts.append("\(approved) chờ TNV trả lời") }
        if proposed > 0 { parts.append("\(proposed) đề xuất chờ duyệt") }
        let open = m.people - accepted - approved - proposed
        guard m.status.isActive else { return parts.joined(separator: "; ") + "." }
        if open > 0 { parts.append("còn \(open) chỗ chưa có người: bấm “\(m.moves.isEmpty ? "Đề xuất người" : "Đề xuất lại các chỗ còn trống")”") }
        return parts.joined(separator: "; ") + "."
    }
}

/// Moves waiting for the volunteer's (or their leader's) answer.
enum MovesPage {
    struct Row: Equatable, Sendable {
        var id: UUID
        var volunteerName: String
        var communeName: String
        var teamName: String
        var start: String
        var until: String?
        var note: String?
        var reasons: String
    }

    struct Model: Equatable, Sendable {
        var rows: [Row]
        var notice: String? = nil
        var error: String? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let error: HTML = m.error.map { "<div class=\"alert\" role=\"alert\">\($0)</div>" } ?? .empty
        let items = m.rows.map { r -> HTML in
            """
            <li><b>\(r.volunteerName)</b> được đề nghị tăng cường cho <b>\(r.teamName)</b>, \(r.communeName), từ \(r.start)\(r.until.map { " đến \($0)" } ?? "").\
            <br><span class="muted">Vì: \(r.reasons)</span>\(r.note.map { "<br>Ghi chú: \($0)" as HTML } ?? .empty)
            <form method="post" action="\(SiteRoute.moveAnswer(r.id).path)" class="inline">\(context.csrfField)\
            <button type="submit" name="answer" value="accept">Nhận</button> <button type="submit" name="answer" value="decline" class="secondary">Từ chối</button></form></li>
            """
        }
        return Layout.page(title: "Điều động", section: .moves, context: context, body: """
        <h1>Điều động tăng cường</h1>
        \(notice)\(error)
        <p class="muted">Khi nhận, TNV rời đội hiện tại từ ngày trước ngày bắt đầu và vào đội mới; lịch sử đội hình được giữ lại.</p>
        \(m.rows.isEmpty ? "<p>Không có đề nghị điều động nào đang chờ trả lời.</p>" as HTML : "<ul class=\"queue\">\(items)</ul>")
        """)
    }
}

/// "Kế hoạch luân chuyển": for a date, the teams that fall below their minimum and the local replacements proposed.
enum RotationPage {
    struct Replacement: Equatable, Sendable {
        var name: String
        var reasons: String
    }

    struct Row: Equatable, Sendable {
        var teamName: String
        var communeName: String
        var membersThatDay: Int
        var minimum: Int
        var leaving: Int
        var replacements: [Replacement]
    }

    struct Model: Equatable, Sendable {
        var day: String
        var dayLabel: String
        var rows: [Row]
        var notice: String? = nil
        var error: String? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let error: HTML = m.error.map { "<div class=\"alert\" role=\"alert\">\($0)</div>" } ?? .empty
        let rows = m.rows.map { r -> HTML in
            let people: HTML = r.replacements.isEmpty ? "<span class=\"muted\">Chưa tìm được người thay trong khu vực.</span>"
                : "<ul class=\"reasons\">\(r.replacements.map { "<li><b>\($0.name)</b>: \($0.reasons)</li>" as HTML })</ul>"
            return """
            <tr><td><b>\(r.teamName)</b><br><span class="muted">\(r.communeName)</span></td><td class="num">\(r.membersThatDay)/\(r.minimum)</td>\
            <td class="num">\(r.leaving)</td><td>\(people)</td></tr>
            """
        }
        let table: HTML = m.rows.isEmpty ? "<p>Không đội nào xuống dưới số thành viên tối thiểu vào ngày \(m.dayLabel).</p>" : """
            <div class="table-wrap"><table><thead><tr><th>Đội hình</th><th>Còn / tối thiểu</th><th>Rời đội trước ngày</th><th>Đề xuất người thay</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <form method="post" action="\(SiteRoute.rotation().path)">\(context.csrfField)<input type="hidden" name="day" value="\(m.day)">\
            <button type="submit">Tạo đề nghị tăng cường cho \(m.rows.count) đội và đề xuất người</button></form>
            <p class="muted">Mỗi đội thiếu người có một đề nghị tăng cường từ ngày \(m.dayLabel); Ban điều phối duyệt, TNV hoặc đội trưởng nhận như mọi đề nghị.</p>
            """
        return Layout.page(title: "Kế hoạch luân chuyển", section: .forces, context: context, body: """
        <p class="noprint"><a href="\(SiteRoute.forces().path)">← Điều phối lực lượng</a></p>
        <h1>Kế hoạch luân chuyển</h1>
        \(notice)\(error)
        <p>Khi sinh viên quay lại trường, những đội nào còn dưới số thành viên tối thiểu, và ai trong lực lượng tại chỗ có thể thay.</p>
        <form method="get" action="\(SiteRoute.rotation().path)" class="inline noprint">\
        <label class="field"><span>Ngày</span><input type="date" name="ngay" value="\(m.day)" required></label>\
        <button type="submit" class="secondary">Xem</button></form>
        \(table)
        """)
    }
}
