import CauNoiCore
import Foundation

/// "Tập huấn": the campaign's sessions in the person's area and training coverage by unit (who still needs what).
enum TrainingPage {
    struct SessionRow: Equatable, Sendable {
        var id: UUID
        var title: String
        var tier: TrainingTier
        var unitName: String
        var heldOn: LocalDate
        var format: TrainingFormat
        var topics: [String]
        var attendance: Int
        var parentTitle: String?
    }

    struct CoverageRow: Equatable, Sendable {
        var name: String
        /// Drill-down link (a province's communes, a commune's people); nil for the total.
        var link: String?
        var coverage: TrainingCoverage
    }

    struct Model: Equatable, Sendable {
        var campaignCode: String
        var campaignName: String
        var campaigns: [EntryListPage.Option] = []
        var unitParam: String
        var unitName: String
        var competencies: [Competency]
        var sessions: [SessionRow] = []
        var coverage: [CoverageRow] = []
        var total: CoverageRow?
        var needs: [TrainingQueries.Need] = []
        var asOf: LocalDate
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let picker: HTML = m.campaigns.count > 1 ? """
            <form method="get" action="\(SiteRoute.training().path)" class="inline noprint">
            \(Layout.select("Chiến dịch", name: "chien-dich", options: m.campaigns.map { (value: $0.value, label: $0.label) }, selected: m.campaignCode, error: nil))
            <button type="submit" class="secondary">Xem</button></form>
            """ : .empty
        let standardNote: HTML = m.competencies.isEmpty
            ? "<div class=\"alert\" role=\"alert\">Chiến dịch chưa có bộ tiêu chuẩn năng lực, nên chưa ghi được buổi tập huấn. <a href=\"\(SiteRoute.competencies(campaign: m.campaignCode).path)\">Khai báo bộ tiêu chuẩn</a> (Trung ương).</div>"
            : .empty
        let sessions = m.sessions.map { s -> HTML in
            let parent: HTML = s.parentTitle.map { "<br><span class=\"muted\">Tập huấn lại theo: \($0)</span>" } ?? .empty
            return """
            <tr><td><a href="\(SiteRoute.trainingSession(s.id).path)">\(s.title)</a>\(parent)</td><td>\(s.tier.vietnamese)\(s.unitName.isEmpty ? "" : ": \(s.unitName)")</td>\
            <td>\(BriefingDates.dayMonthYear(s.heldOn))</td><td>\(s.format.vietnamese)</td><td>\(s.topics.joined(separator: "; "))</td>\
            <td class="num">\(VietnameseNumber.grouped(s.attendance))</td></tr>
            """
        }
        let sessionTable: HTML = m.sessions.isEmpty ? "<p>Chưa có buổi tập huấn nào.</p>" : """
            <div class="table-wrap"><table><thead><tr><th>Buổi tập huấn</th><th>Cấp tổ chức</th><th>Ngày</th><th>Hình thức</th><th>Chủ đề</th><th>Số người dự</th></tr></thead>
            <tbody>\(sessions)</tbody></table></div>
            """
        return Layout.page(title: "Tập huấn", section: .training, context: context, body: """
        <h1>Tập huấn và năng lực — \(m.unitName)</h1>
        <p class="muted">\(m.campaignName)</p>
        \(picker)\(standardNote)
        <p class="noprint"><a class="button" href="\(SiteRoute.trainingNew(campaign: m.campaignCode).path)">Ghi buổi tập huấn</a> \
        <a href="\(SiteRoute.competencies(campaign: m.campaignCode).path)">Bộ tiêu chuẩn năng lực</a></p>
        <h2>Độ phủ tập huấn (đến \(BriefingDates.dayMonthYear(m.asOf)))</h2>
        <p class="hint">Tỷ lệ tình nguyện viên đang hoạt động (đang ở một đội hình) đã dự ít nhất một buổi tập huấn về từng chủ đề.</p>
        \(coverageTable(m))
        \(needs(m))
        <p class="noprint"><a class="button" href="\(SiteRoute.trainingCoverageCSV(campaign: m.campaignCode, unit: m.unitParam).path)">Tải bảng độ phủ (CSV)</a> \
        <a class="button" href="\(SiteRoute.trainingCoverageXLSX(campaign: m.campaignCode, unit: m.unitParam).path)">Tải XLSX</a></p>
        <h2>Các buổi tập huấn</h2>
        \(sessionTable)
        """)
    }

    static func percent(_ share: Double?) -> String { share.map { VietnameseNumber.percent($0) } ?? "—" }

    private static func coverageTable(_ m: Model) -> HTML {
        let rows = m.coverage + (m.total.map { [$0] } ?? [])
        guard !rows.isEmpty else { return "<p>Chưa có tình nguyện viên nào đang ở đội hình trong đơn vị này.</p>" }
        let header = m.competencies.map { "<th class=\"num\">\($0.name)</th>" as HTML }
        let body = rows.map { r -> HTML in
            let name: HTML = r.link.map { "<a href=\"\($0)\">\(r.name)</a>" } ?? "<b>\(r.name)</b>"
            let cells = m.competencies.map { "<td class=\"num\" data-label=\"\($0.name)\">\(percent(r.coverage.share($0.code)))</td>" as HTML }
            return """
            <tr><td>\(name)</td><td class="num" data-label="TNV đang hoạt động">\(VietnameseNumber.grouped(r.coverage.active))</td>\
            <td class="num" data-label="Đã dự tập huấn">\(percent(r.coverage.shareAny))</td>\(cells)</tr>
            """
        }
        return """
        <div class="table-wrap"><table class="wide cards compact"><thead><tr><th>Đơn vị</th><th class="num">TNV đang hoạt động</th><th class="num">Đã dự tập huấn</th>\(header)</tr></thead>
        <tbody>\(body)</tbody></table></div>
        """
    }

    private static func needs(_ m: Model) -> HTML {
        guard !m.needs.isEmpty else { return .empty }
        let items = m.needs.prefix(500).map { n -> HTML in
            "<li><a href=\"\(SiteRoute.volunteer(n.volunteerID).path)\">\(n.name)</a>: \(n.missing.joined(separator: "; "))</li>"
        }
        return "<h3>Còn cần tập huấn (\(VietnameseNumber.grouped(m.needs.count)) người)</h3><ul>\(items)</ul>"
    }
}

struct TrainingSessionForm: Codable, Equatable, Sendable {
    var campaign: String?
    var parentID: String?
    var title: String?
    var unit: String?
    var heldOn: String?
    var topics: [String]?
    var format: String?
    var connected: String?
    var trainer: String?
    var note: String?

    enum CodingKeys: String, CodingKey {
        case campaign, parentID = "parent_id", title, unit, heldOn = "held_on", topics, format, connected, trainer, note
    }
}

/// "Ghi buổi tập huấn": a session, or a follow-on that re-trains locally what a session above taught.
enum TrainingFormPage {
    struct Model: Equatable, Sendable {
        var form: TrainingSessionForm
        var campaignName: String
        var competencies: [Competency]
        var parentTitle: String?
        var errors: [String: String] = [:]
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        let parent: HTML = m.parentTitle.map { "<p>Tập huấn lại tại địa phương nội dung của buổi: <b>\($0)</b>.</p>" } ?? .empty
        return Layout.page(title: "Ghi buổi tập huấn", section: .training, context: context, body: """
        <h1>Ghi buổi tập huấn</h1>
        <p class="muted">\(m.campaignName)</p>
        \(parent)\(Layout.errorSummary(e))
        \(m.competencies.isEmpty ? "<div class=\"alert\" role=\"alert\">Chiến dịch chưa có bộ tiêu chuẩn năng lực nên chưa có chủ đề để chọn. <a href=\"\(SiteRoute.competencies(campaign: f.campaign).path)\">Khai báo bộ tiêu chuẩn</a> (Trung ương) trước khi ghi buổi tập huấn.</div>" as HTML : .empty)
        <form method="post" action="\(SiteRoute.trainingNew().path)">\(context.csrfField)
        <input type="hidden" name="campaign" value="\(f.campaign ?? "")"><input type="hidden" name="parent_id" value="\(f.parentID ?? "")">
        \(Layout.field("Tên buổi tập huấn", name: "title", value: f.title, error: e["title"], required: true))
        \(Layout.field("Đơn vị tổ chức", name: "unit", value: f.unit, error: e["unit_code"] ?? e["unit"] ?? e["parent_id"], required: true,
                       hint: m.parentTitle == nil ? "“Trung ương”, tên tỉnh hoặc tên xã, phường (có dấu hoặc không)."
                           : "Đơn vị cấp dưới của buổi gốc: tên tỉnh, hoặc tên xã, phường (có dấu hoặc không)."))
        \(Layout.field("Ngày tập huấn", name: "held_on", value: f.heldOn, error: e["held_on"], type: "date", required: true))
        \(Layout.checkboxes("Chủ đề (năng lực được tập huấn)", name: "topics", options: m.competencies.map { (value: $0.code, label: $0.name) },
                            checked: Set(f.topics ?? []), error: e["topics"]))
        \(Layout.select("Hình thức", name: "format", options: TrainingFormat.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }, selected: f.format, error: e["format"]))
        \(Layout.textarea("Các điểm cầu kết nối (nếu có)", name: "connected", value: f.connected, error: e["connected_units"] ?? e["connected"], rows: 3,
                          hint: "Mỗi dòng một tỉnh hoặc xã, phường; hoặc mã cách nhau bởi dấu phẩy."))
        \(Layout.field("Giảng viên, báo cáo viên", name: "trainer", value: f.trainer, error: e["trainer"]))
        \(Layout.textarea("Ghi chú", name: "note", value: f.note, error: e["note"], rows: 3))
        <button type="submit">Lưu buổi tập huấn</button>
        </form>
        """)
    }
}

/// One session: what it covered, who attended (ticked or imported from the sign-in sheet), and its follow-ons.
enum TrainingSessionPage {
    struct Person: Equatable, Sendable {
        var id: UUID
        var name: String
        var commune: String
        var source: String?
    }

    struct ParentLink: Equatable, Sendable {
        var id: UUID
        var title: String
    }

    struct FollowOn: Equatable, Sendable {
        var id: UUID
        var title: String
        var unitName: String
        var heldOn: LocalDate
        var attendance: Int
    }

    struct Model: Equatable, Sendable {
        var id: UUID
        var title: String
        var tier: TrainingTier
        var unitName: String
        var heldOn: LocalDate
        var format: TrainingFormat
        var topics: [String]
        var connected: [String]
        var trainer: String?
        var note: String?
        var parent: ParentLink?
        var attendees: [Person] = []
        var candidates: [Person] = []
        var candidatesCapped = false
        /// The commune the tick list is narrowed to (province and central sessions need one).
        var commune: String?
        var needsCommune = false
        var followOns: [FollowOn] = []
        var held: Bool
        /// The reader records this session's attendance (its own area's trainers); others see how many attended.
        var mayWrite = true
        var attendanceCount = 0
        var notice: String? = nil
        var error: String? = nil
        var importResult: ImportAttendance.Result? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let error: HTML = m.error.map { "<div class=\"alert\" role=\"alert\">\($0)</div>" } ?? .empty
        let parent: HTML = m.parent.map { "<dt>Tập huấn lại theo</dt><dd><a href=\"\(SiteRoute.trainingSession($0.id).path)\">\($0.title)</a></dd>" } ?? .empty
        let connected: HTML = m.connected.isEmpty ? .empty
            : "<dt>Điểm cầu (\(VietnameseNumber.grouped(m.connected.count)))</dt><dd>\(m.connected.prefix(60).joined(separator: "; "))\(m.connected.count > 60 ? "…" : "")</dd>"
        let attendees = m.attendees.map { p -> HTML in
            "<li><label class=\"check\"><input type=\"checkbox\" name=\"remove[]\" value=\"\(p.id.uuidString.lowercased())\"> \(p.name) <span class=\"muted\">— \(p.commune)\(p.source == "import" ? ", nhập từ danh sách" : "")</span></label></li>"
        }
        let attendeeBlock: HTML = m.attendees.isEmpty ? "<p>Chưa ghi nhận người tham dự.</p>" : """
            <form method="post" action="\(SiteRoute.trainingSession(m.id).path)">\(context.csrfField)
            <ul class="plain">\(attendees)</ul>
            <button type="submit" class="secondary">Bỏ những người đã đánh dấu khỏi danh sách</button></form>
            """
        return Layout.page(title: m.title, section: .training, context: context, body: """
        <h1>\(m.title)</h1>
        \(notice)\(error)
        <dl class="facts">
        <dt>Cấp tổ chức</dt><dd>\(m.tier.vietnamese)\(m.unitName.isEmpty ? "" : ": \(m.unitName)")</dd>
        <dt>Ngày</dt><dd>\(BriefingDates.dayMonthYear(m.heldOn))</dd>
        <dt>Hình thức</dt><dd>\(m.format.vietnamese)</dd>
        <dt>Chủ đề</dt><dd>\(m.topics.joined(separator: "; "))</dd>
        \(m.trainer.map { "<dt>Giảng viên</dt><dd>\($0)</dd>" as HTML } ?? .empty)
        \(connected)\(parent)
        \(m.note.map { "<dt>Ghi chú</dt><dd>\($0)</dd>" as HTML } ?? .empty)
        </dl>
        \(m.mayWrite ? "<h2>Người tham dự (\(VietnameseNumber.grouped(m.attendees.count)))</h2>\(attendeeBlock)" as HTML
            : "<h2>Người tham dự</h2><p>\(VietnameseNumber.grouped(m.attendanceCount)) người; danh sách do đơn vị tổ chức ghi.</p>")
        \(!m.mayWrite ? .empty : m.held ? attendance(m, context: context) : "<p class=\"hint\">Buổi tập huấn chưa diễn ra: ghi danh sách tham dự sau buổi học.</p>")
        \(followOns(m))
        """)
    }

    private static func attendance(_ m: Model, context: PageContext) -> HTML {
        let filter: HTML = m.tier == .commune ? .empty : """
            <form method="get" action="\(SiteRoute.trainingSession(m.id).path)" class="inline">
            \(Layout.field("Chọn người theo xã, phường", name: "xa", value: m.commune, error: nil, hint: "Gõ tên xã, phường để hiện danh sách tình nguyện viên của xã."))
            <button type="submit" class="secondary">Hiện danh sách</button></form>
            """
        let candidates = m.candidates.map { p -> HTML in
            "<li><label class=\"check\"><input type=\"checkbox\" name=\"add[]\" value=\"\(p.id.uuidString.lowercased())\"> \(p.name) <span class=\"muted\">— \(p.commune)</span></label></li>"
        }
        let tick: HTML = m.candidates.isEmpty
            ? (m.needsCommune && m.commune == nil ? .empty : "<p>Không còn tình nguyện viên nào để đánh dấu.</p>")
            : """
            <form method="post" action="\(SiteRoute.trainingSession(m.id).path)">\(context.csrfField)
            <ul class="plain">\(candidates)</ul>\(m.candidatesCapped ? "<p class=\"hint\">Chỉ hiện 300 người đầu: chọn xã để thu hẹp.</p>" as HTML : .empty)
            <button type="submit">Ghi nhận những người đã đánh dấu có tham dự</button></form>
            """
        let result: HTML = m.importResult.map(importSummary) ?? .empty
        let columns = AttendanceSheet.Column.allCases.map(\.header).joined(separator: ", ")
        return """
        <h2>Đánh dấu người tham dự</h2>
        \(filter)\(tick)
        <h2>Nhập danh sách tham dự từ tệp</h2>
        \(result)
        <form method="post" action="\(SiteRoute.trainingImport(m.id).path)" enctype="multipart/form-data">\(context.csrfField)
        <p class="hint">Tệp XLSX hoặc CSV có cột Số điện thoại (các cột nhận: \(columns)). Mỗi dòng là một tình nguyện viên thuộc địa bàn của buổi tập huấn; tải lại cùng tệp không ghi hai lần.</p>
        <label class="field"><span>Tệp danh sách</span><input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
        <label class="check"><input type="checkbox" name="store_valid" value="1"> Lưu các dòng hợp lệ kể cả khi có dòng lỗi</label>
        <p><button type="submit">Tải lên</button></p>
        </form>
        """
    }

    static func importSummary(_ r: ImportAttendance.Result) -> HTML {
        let errors = r.errors.prefix(500).map { e -> HTML in "<li>Dòng \(e.line)\(e.column.map { " – \($0)" } ?? ""): \(e.message)</li>" }
        let list: HTML = errors.isEmpty ? .empty : "<ul class=\"errors\" data-testid=\"attendance-errors\">\(errors)</ul>"
        let headerProblem = r.errors.contains { $0.line == 1 }
        let summary: HTML = r.storedNothing && headerProblem
            ? "<div class=\"alert\" role=\"alert\">Không đọc được tệp: sửa dòng tiêu đề (cần cột Số điện thoại) rồi tải lên lại.</div>"
            : r.storedNothing
            ? "<div class=\"alert\" role=\"alert\">Tệp có \(VietnameseNumber.grouped(r.errors.count)) dòng lỗi nên chưa lưu dòng nào. Sửa các dòng dưới đây rồi tải lên lại, hoặc chọn “Lưu các dòng hợp lệ”.</div>"
            : "<div class=\"notice\" role=\"status\" data-testid=\"attendance-summary\">Đã ghi nhận \(VietnameseNumber.grouped(r.added)) người tham dự mới\(r.already > 0 ? ", \(VietnameseNumber.grouped(r.already)) người đã có từ trước" : "")\(r.errors.isEmpty ? "" : "; bỏ qua \(VietnameseNumber.grouped(r.errors.count)) dòng lỗi").</div>"
        return "\(summary)\(list)"
    }

    private static func followOns(_ m: Model) -> HTML {
        let rows = m.followOns.map { f -> HTML in
            "<li><a href=\"\(SiteRoute.trainingSession(f.id).path)\">\(f.title)</a> — \(f.unitName), \(BriefingDates.dayMonthYear(f.heldOn)), \(VietnameseNumber.grouped(f.attendance)) người dự</li>"
        }
        let total = m.followOns.reduce(0) { $0 + $1.attendance }
        let list: HTML = rows.isEmpty ? "<p>Chưa có buổi tập huấn lại nào.</p>"
            : "<p>\(VietnameseNumber.grouped(m.followOns.count)) buổi, \(VietnameseNumber.grouped(total)) lượt người dự.</p><ul>\(rows)</ul>"
        let link: HTML = m.tier == .commune ? .empty
            : "<p class=\"noprint\"><a class=\"button\" href=\"\(SiteRoute.trainingNew(parent: m.id).path)\">Ghi buổi tập huấn lại tại địa phương</a></p>"
        return "<h2>Tập huấn lại tại địa phương</h2>\(list)\(link)"
    }
}

/// "Bộ tiêu chuẩn năng lực": the campaign's competencies and levels; the centre edits them as two lists.
enum CompetencyStandardPage {
    struct Model: Equatable, Sendable {
        var campaignCode: String
        var campaignName: String
        var campaigns: [EntryListPage.Option] = []
        var standard: CompetencyStandard
        var courses: [Course]
        var competenciesText: String
        var levelsText: String
        var mayEdit: Bool
        var errors: [String: String] = [:]
        var notice: String? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let courseNames = Dictionary(m.courses.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let competencies = m.standard.competencies.map { c -> HTML in
            "<tr><td>\(c.name)</td><td>\(c.courses.map { courseNames[$0] ?? $0 }.joined(separator: "; "))</td></tr>"
        }
        let levels = m.standard.levels.enumerated().map { i, l -> HTML in
            "<li><b>Cấp \(i + 1) — \(l.name)</b>: đạt qua \(l.earnedBy.map(\.vietnamese).joined(separator: ", "))</li>"
        }
        let shown: HTML = m.standard.isEmpty ? "<p>Chiến dịch chưa có bộ tiêu chuẩn năng lực.</p>" : """
            <div class="table-wrap"><table><thead><tr><th>Năng lực</th><th>Khóa học được tính</th></tr></thead><tbody>\(competencies)</tbody></table></div>
            <h2>Cấp độ</h2><ol class="plain">\(levels)</ol>
            <p class="hint">Cấp độ của mỗi tình nguyện viên được tính lại mỗi lần từ khóa học đã hoàn thành, buổi tập huấn đã dự và đánh giá của đội trưởng; \
            cấp sau cần đạt cấp trước. Bỏ một lượt tham dự thì cấp độ có được nhờ buổi đó cũng mất.</p>
            """
        let notice: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let courseHint = m.courses.map { "\($0.code) (\($0.name))" }.joined(separator: "; ")
        let form: HTML = m.mayEdit ? """
            <h2>Sửa bộ tiêu chuẩn</h2>
            <form method="post" action="\(SiteRoute.competencies().path)">\(context.csrfField)
            <input type="hidden" name="campaign" value="\(m.campaignCode)">
            \(Layout.textarea("Năng lực — mỗi dòng: mã | tên | mã khóa học được tính (nếu có)", name: "competencies", value: m.competenciesText,
                              error: m.errors["competencies"], rows: 8, hint: "Mã khóa học của chiến dịch: \(courseHint)."))
            \(Layout.textarea("Cấp độ, từ thấp đến cao — mỗi dòng: tên cấp | cách đạt (khóa học, tập huấn, đánh giá)", name: "levels", value: m.levelsText,
                              error: m.errors["levels"], rows: 4))
            <button type="submit">Lưu bộ tiêu chuẩn</button>
            </form>
            """ : .empty
        let picker: HTML = m.campaigns.count > 1 ? """
            <form method="get" action="\(SiteRoute.competencies().path)" class="inline noprint">
            \(Layout.select("Chiến dịch", name: "chien-dich", options: m.campaigns.map { (value: $0.value, label: $0.label) }, selected: m.campaignCode, error: nil))
            <button type="submit" class="secondary">Xem</button></form>
            """ : .empty
        return Layout.page(title: "Bộ tiêu chuẩn năng lực", section: .training, context: context, body: """
        <h1>Bộ tiêu chuẩn năng lực</h1>
        <p class="muted">\(m.campaignName)</p>
        \(picker)\(notice)\(Layout.errorSummary(m.errors))
        \(shown)
        \(form)
        """)
    }
}
