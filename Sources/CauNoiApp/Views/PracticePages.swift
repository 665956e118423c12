import CauNoiCore
import Foundation

/// "Cách làm hay": the library of good practices, searchable without accents.
enum PracticesPage {
    struct Row: Equatable, Sendable {
        var id: UUID
        var title: String
        var origin: String
        var status: PracticeStatus
        var tags: [String]
        var adoptions: Int
    }

    struct CandidateRow: Equatable, Sendable {
        var code: String
        var communeName: String
        var indicator: PracticeIndicator
        /// "12,5 (trung vị 4,0)" per week, oldest first.
        var weeks: [String]
    }

    struct Model: Equatable, Sendable {
        var rows: [Row]
        var query: String?
        var tag: String?
        var mayWrite: Bool
        var candidates: [CandidateRow] = []
        /// The centre picks the province whose candidates it reads.
        var provinces: [EntryListPage.Option] = []
        var province: String? = nil
        var status: String? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let tags = PracticeTag.allCases.map { "<option value=\"\($0.rawValue)\"\($0.rawValue == m.tag ? " selected" : "")>\($0.vietnamese)</option>" as HTML }
        let items = m.rows.map { r -> HTML in
            let spread: HTML = r.adoptions > 0 ? " · áp dụng tại \(r.adoptions) nơi" : .empty
            return "<li><a href=\"\(SiteRoute.practice(r.id).path)\"><b>\(r.title)</b></a><br><span class=\"muted\">\(r.origin) · \(r.status.vietnamese)\(spread)\(r.tags.isEmpty ? "" : " · \(r.tags.joined(separator: ", "))")</span></li>"
        }
        return Layout.page(title: "Cách làm hay", section: .practices, context: context, body: """
        <h1>Cách làm hay</h1>
        <p class="muted">Mô hình, cách làm sáng tạo được ghi nhận từ cơ sở, nơi đã nhân rộng và kết quả trước, sau khi áp dụng.</p>
        \(m.mayWrite ? "<p><a class=\"button\" href=\"\(SiteRoute.practiceNew().path)\">Ghi cách làm hay</a></p>" as HTML : .empty)
        <form method="get" action="\(SiteRoute.practices().path)" class="inline noprint">\
        <label class="field"><span>Tìm</span><input type="search" name="q" value="\(m.query ?? "")" placeholder="Ví dụ: nguoi cao tuoi"></label>\
        <label class="field"><span>Nhãn</span><select name="nhan"><option value="">Tất cả</option>\(tags)</select></label>\
        <label class="field"><span>Trạng thái</span><select name="trang-thai"><option value="">Tất cả</option>\
        \(PracticeStatus.allCases.map { "<option value=\"\($0.rawValue)\"\($0.rawValue == m.status ? " selected" : "")>\($0.vietnamese)</option>" as HTML })</select></label>\
        <button type="submit" class="secondary">Tìm</button></form>
        \(m.rows.isEmpty ? "<p>Không có cách làm nào phù hợp.</p>" as HTML : "<ul class=\"queue\">\(items)</ul>")
        \(m.mayWrite ? candidates(m, context: context) : .empty)
        """)
    }

    private static func candidates(_ m: Model, context: PageContext) -> HTML {
        let picker: HTML = m.provinces.isEmpty ? .empty : """
            <form method="get" action="\(SiteRoute.practices().path)" class="inline noprint"><label class="field"><span>Tỉnh, thành phố</span>\
            <select name="tinh"><option value="">— chọn —</option>\(m.provinces.map { "<option value=\"\($0.value)\"\($0.value == m.province ? " selected" : "")>\($0.label)</option>" as HTML })</select></label>\
            <button type="submit" class="secondary">Xem gợi ý</button></form>
            """
        let items = m.candidates.map { c -> HTML in
            """
            <li><b>\(c.communeName)</b>: \(c.indicator.vietnamese.lowercased()) ba tuần liền \(c.weeks.joined(separator: "; ")) \
            <a href="\(SiteRoute.practiceNew(commune: c.code, indicator: c.indicator.rawValue).path)">Ghi thành cách làm hay</a>
            <form method="post" action="\(SiteRoute.practiceCandidates.path)" class="inline">\(context.csrfField)\
            <input type="hidden" name="commune_code" value="\(c.code)"><input type="hidden" name="indicator" value="\(c.indicator.rawValue)">\
            <button type="submit" class="secondary">Bỏ qua</button></form></li>
            """
        }
        let list: HTML = m.candidates.isEmpty
            ? (m.provinces.isEmpty || m.province != nil ? "<p class=\"muted\">Chưa có xã nào nổi bật ba tuần liền.</p>" : .empty)
            : "<ul class=\"queue\">\(items)</ul>"
        return """
        <h2>Gợi ý từ số liệu</h2>
        <p class="muted">Xã, phường có số lượt hỗ trợ mỗi TNV hoặc lượt hỗ trợ tại nhà từ gấp đôi trung vị của các xã cùng tỉnh, cùng loại địa bàn, \
        trong cả ba tuần gần nhất: có thể có cách làm đáng ghi lại.</p>
        \(picker)\(list)
        """
    }
}

/// One practice: what was done, where it spread, and the indicator before and after each adoption.
enum PracticePage {
    struct Adopter: Equatable, Sendable {
        var unitName: String
        var start: String
        var changes: String?
        var before: Double?
        var after: Double?
        /// Days of figures after the adoption (up to 28).
        var afterDays: Int
    }

    struct Model: Equatable, Sendable {
        var id: UUID
        var title: String
        var origin: String
        var start: String
        var campaignName: String
        var status: PracticeStatus
        var problem: String?
        var whatWasDone: String
        var resources: String?
        var results: String?
        var indicator: PracticeIndicator
        var tags: [String]
        var fromReport: Bool
        var createdBy: String
        var adopters: [Adopter]
        var provincesReached: [String: Double]
        var provinceNames: [String: String]
        var nextStatus: PracticeStatus?
        var mayAdopt: Bool
        var mayEdit: Bool
        var adoptForm = AdoptionForm()
        var errors: [String: String] = [:]
        var notice: String? = nil
        /// A refused step (not a field of the adoption form).
        var error: String? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let action = SiteRoute.practice(m.id).path
        let saved: HTML = m.notice.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        let refused: HTML = m.error.map { "<div class=\"alert\" role=\"alert\">Chưa lưu: \($0)</div>" } ?? .empty
        let notice: HTML = "\(saved)\(refused)"
        let number = { (v: Double?) -> String in v.map { VietnameseNumber.decimal($0, fractionDigits: m.indicator == .supportsPerVolunteer ? 1 : 0) } ?? "—" }
        let rows = m.adopters.map { a -> HTML in
            let change: String = {
                guard let b = a.before, let f = a.after, b > 0 else { return "" }
                let ratio = f / b - 1
                return " (\(ratio >= 0 ? "+" : "")\(VietnameseNumber.percent(ratio, fractionDigits: 0)))"
            }()
            return """
            <tr><td><b>\(a.unitName)</b>\(a.changes.map { "<br><span class=\"muted\">\($0)</span>" as HTML } ?? .empty)</td><td>\(a.start)</td>\
            <td class="num">\(number(a.before))</td><td class="num">\(number(a.after))\(change)\(a.afterDays < 28 ? "<br><span class=\"muted\">\(a.afterDays) ngày</span>" as HTML : .empty)</td></tr>
            """
        }
        let adopters: HTML = m.adopters.isEmpty ? "<p>Chưa có nơi nào ghi áp dụng.</p>" : """
            <div class="table-wrap"><table><thead><tr><th>Nơi áp dụng</th><th>Từ ngày</th><th>\(m.indicator.vietnamese), 4 tuần trước</th><th>4 tuần sau</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <div class="charts">\(HTML(unsafeMarkup: ProvinceTileMap.svg(title: "Các tỉnh đã áp dụng", values: m.provincesReached, names: m.provinceNames,
                                                                     legend: "Số nơi áp dụng", formatValue: { VietnameseNumber.grouped(Int($0)) })))</div>
            """
        let advance: HTML = m.nextStatus.map { next in
            "<form method=\"post\" action=\"\(action)\">\(context.csrfField)<input type=\"hidden\" name=\"action\" value=\"\(next.rawValue)\"><button type=\"submit\">\(next == .recognised ? "Tỉnh ghi nhận" : "Khuyến nghị nhân rộng toàn quốc")</button></form>"
        } ?? .empty
        let e = m.errors
        let adopt: HTML = m.mayAdopt ? """
            <h2>Ghi nơi áp dụng</h2>
            <form method="post" action="\(action)">\(context.csrfField)<input type="hidden" name="action" value="adopt">
            \(Layout.field("Xã, phường hoặc tỉnh áp dụng", name: "unit", value: m.adoptForm.unit, error: e["unit_code"], required: true))
            \(Layout.field("Từ ngày", name: "start_date", value: m.adoptForm.startDate, error: e["start_date"], type: "date", required: true))
            \(Layout.textarea("Điều chỉnh cho phù hợp địa phương", name: "changes", value: m.adoptForm.changes, error: e["changes"], rows: 2))
            <button type="submit">Ghi áp dụng</button></form>
            """ : .empty
        let facts: [(String, String?)] = [("Vấn đề", m.problem), ("Cách làm", m.whatWasDone), ("Cần người, thiết bị, kinh phí", m.resources), ("Kết quả", m.results)]
        return Layout.page(title: m.title, section: .practices, context: context, body: """
        <p class="noprint"><a href="\(SiteRoute.practices().path)">← Cách làm hay</a></p>
        <h1>\(m.title)</h1>
        \(notice)\(Layout.errorSummary(e))
        <p>\(m.origin) · từ \(m.start) · \(m.campaignName) · <b>\(m.status.vietnamese)</b>\(m.fromReport ? " · từ báo cáo tuần của xã" : "")\
        \(m.mayEdit ? " · <a href=\"\(SiteRoute.practiceEdit(m.id).path)\">Sửa</a>" as HTML : .empty)</p>
        \(m.tags.isEmpty ? HTML.empty : "<ul class=\"tags\">\(m.tags.map { "<li>\($0)</li>" as HTML })</ul>")
        <dl class="facts">\(facts.compactMap { f in f.1.map { "<dt>\(f.0)</dt><dd>\($0)</dd>" as HTML } })<dt>Chỉ số theo dõi</dt><dd>\(m.indicator.vietnamese)</dd><dt>Người ghi</dt><dd>\(m.createdBy)</dd></dl>
        \(advance)
        <h2>Nơi đã áp dụng</h2>
        \(adopters)
        \(adopt)
        """)
    }
}

struct AdoptionForm: Codable, Equatable, Sendable {
    var action: String?
    var unit: String?
    var startDate: String?
    var changes: String?
    enum CodingKeys: String, CodingKey { case action, unit, startDate = "start_date", changes }
}

/// Writing up a practice (or promoting a weekly report's good practice).
enum PracticeFormPage {
    struct Model: Equatable, Sendable {
        var form: PracticeForm
        var errors: [String: String] = [:]
        /// The practice being edited; nil for a new one.
        var editing: UUID? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        let tags = PracticeTag.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let indicators = PracticeIndicator.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let action = m.editing.map { SiteRoute.practiceEdit($0).path } ?? SiteRoute.practiceNew().path
        return Layout.page(title: m.editing == nil ? "Ghi cách làm hay" : "Sửa cách làm hay", section: .practices, context: context, body: """
        <h1>\(m.editing == nil ? "Ghi cách làm hay" : "Sửa cách làm hay")</h1>
        \(Layout.errorSummary(e))
        \(e["report_id"].map { "<div class=\"alert\" role=\"alert\">\($0)</div>" as HTML } ?? .empty)
        \(f.reportID == nil ? HTML.empty : "<p class=\"notice\">Từ báo cáo tuần của xã: nội dung đã điền sẵn, báo cáo được giữ liên kết.</p>")
        <form method="post" action="\(action)">\(context.csrfField)
        <input type="hidden" name="report_id" value="\(f.reportID ?? "")">
        \(Layout.field("Tên cách làm", name: "title", value: f.title, error: e["title"], required: true))
        \(Layout.field("Nơi có cách làm (xã, phường hoặc tỉnh)", name: "origin", value: f.origin, error: e["origin_code"], required: true))
        \(Layout.field("Bắt đầu từ ngày", name: "start_date", value: f.startDate, error: e["start_date"], type: "date", required: true))
        \(Layout.textarea("Vấn đề cần giải quyết", name: "problem", value: f.problem, error: e["problem"], rows: 3))
        \(Layout.textarea("Cách làm", name: "what_was_done", value: f.whatWasDone, error: e["what_was_done"], rows: 5, required: true,
                          hint: "Không ghi thông tin cá nhân của người dân."))
        \(Layout.textarea("Cần người, thiết bị, kinh phí gì", name: "resources", value: f.resources, error: e["resources"], rows: 2))
        \(Layout.textarea("Kết quả", name: "results", value: f.results, error: e["results"], rows: 2))
        \(Layout.select("Chỉ số theo dõi trước, sau khi nhân rộng", name: "indicator", options: indicators, selected: f.indicator, error: e["indicator"]))
        \(Layout.checkboxes("Nhãn", name: "tags", options: tags, checked: Set(f.tags ?? []), error: e["tags"]))
        <button type="submit">Lưu</button>
        </form>
        """)
    }
}

struct PracticeForm: Codable, Equatable, Sendable {
    var reportID: String?
    var title: String?
    var origin: String?
    var startDate: String?
    var problem: String?
    var whatWasDone: String?
    var resources: String?
    var results: String?
    var indicator: String?
    var tags: [String]?

    enum CodingKeys: String, CodingKey {
        case reportID = "report_id", title, origin, startDate = "start_date", problem, whatWasDone = "what_was_done", resources, results
        case indicator, tags
    }

    func draft(originCode: String?) -> PracticeDraft {
        var d = PracticeDraft()
        d.title = title; d.originCode = originCode; d.startDate = startDate.nonEmpty; d.problem = problem; d.whatWasDone = whatWasDone
        d.resources = resources; d.results = results; d.indicator = indicator.nonEmpty; d.tags = tags
        return d
    }
}
