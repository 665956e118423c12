import CauNoiCore
import Fluent
import Vapor

/// "Đề nghị hỗ trợ tại nhà": the citizen's form, the status by reference code, and the commune's and team's queue.
enum HelpRequestFormPage {
    struct Model: Equatable, Sendable {
        var form: HelpRequestForm
        var communeLabel: String?
        var errors: [String: String] = [:]
        /// A refusal that is not about one field (too many requests), with what to do instead.
        var notice: String? = nil
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let f = m.form, e = m.errors
        let needs = Layout.checkboxes("Cần hỗ trợ việc gì?", name: "needs", options: HelpNeed.allCases.map { (value: $0.rawValue, label: $0.vietnamese) },
                                      checked: Set(f.needs ?? []), error: e["needs"])
        let windows = VisitWindow.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        let languages = Language.allCases.map { (value: $0.rawValue, label: $0.vietnamese) }
        func consent(_ name: String, _ label: String) -> HTML {
            let error: HTML = e[name].map { "<p class=\"error\">\($0)</p>" } ?? .empty
            return "<label class=\"check consent\"><input type=\"checkbox\" name=\"\(name)\" value=\"1\"\(f.flag(name) ? " checked" : "")> \(label)</label>\(error)"
        }
        return Layout.page(title: "Đề nghị hỗ trợ tại nhà", section: .help, context: context, body: """
        <p class="crumbs"><a href="\(SiteRoute.help().path)">Tìm nơi hỗ trợ</a></p>
        <h1>Đề nghị hỗ trợ tại nhà</h1>
        <p class="lead">Dành cho người cao tuổi, người khó đi lại, hoặc người thân đề nghị giúp. Đội thanh niên tình nguyện của xã \
        sẽ gọi lại để hẹn giờ. Không mất phí.</p>
        <p class="alert">Không ghi số căn cước (CCCD), mật khẩu VNeID, mã OTP hay tình trạng sức khỏe. Tình nguyện viên không bao giờ hỏi những thông tin này.</p>
        \(e.isEmpty ? .empty : "<div class=\"alert\" role=\"alert\">Chưa gửi được: vui lòng sửa \(e.count) mục được đánh dấu bên dưới.</div>" as HTML)
        \(m.notice.map { "<div class=\"alert\" role=\"alert\">\($0)</div>" as HTML } ?? .empty)
        <form method="post" action="\(SiteRoute.helpRequestNew().path)" class="citizen">\(context.csrfField)
        \(Layout.field("Xã, phường nơi cần hỗ trợ", name: "commune", value: f.commune ?? m.communeLabel, error: e["commune_code"], required: true,
                       hint: "Gõ tên, có dấu hoặc không (tên cũ trước 2025 cũng được)."))
        \(Layout.field("Gọi người cần hỗ trợ là gì?", name: "call_name", value: f.callName, error: e["call_name"], required: true,
                       hint: "Ví dụ: bà Lan, chú Minh. Không cần họ tên đầy đủ."))
        \(Layout.field("Số điện thoại để đội gọi lại", name: "phone", value: f.phone, error: e["phone"], type: "tel", required: true,
                       attributes: " inputmode=\"tel\" autocomplete=\"tel\""))
        \(Layout.textarea("Địa chỉ hoặc nơi dễ tìm", name: "address", value: f.address, error: e["address"], rows: 2, required: true,
                          hint: "Chỉ đội tình nguyện được giao việc mới xem được."))
        \(needs)
        \(Layout.textarea("Nói thêm (không bắt buộc)", name: "details", value: f.details, error: e["details"], rows: 2))
        \(Layout.select("Thời gian tiện", name: "window", options: windows, selected: f.window ?? VisitWindow.anytime.rawValue, error: e["window"]))
        \(Layout.select("Ngôn ngữ", name: "language", options: languages, selected: f.language ?? Language.vi.rawValue, error: e["language"]))
        <label class="check"><input type="checkbox" name="for_relative" value="1"\(f.flag("for_relative") ? " checked" : "")> Tôi đề nghị giúp người thân</label>
        <fieldset class="field"><legend>Đồng ý</legend>
        \(consent("consent_processing", "Tôi đồng ý để xã và đội tình nguyện dùng các thông tin trên chỉ cho việc hỗ trợ này; thông tin liên hệ được xóa sau khi xong việc."))
        \(consent("consent_contact", "Tôi đồng ý để đội tình nguyện gọi điện vào số trên."))
        </fieldset>
        <label class="trap" aria-hidden="true">Để trống ô này <input type="text" name="website" tabindex="-1" autocomplete="off"></label>
        <p><button type="submit" class="big">Gửi đề nghị</button></p>
        </form>
        """)
    }
}

/// The form as posted; checkboxes arrive as "1" or not at all.
struct HelpRequestForm: Content, Equatable {
    var commune: String?
    var callName: String?
    var phone: String?
    var address: String?
    var needs: [String]?
    var details: String?
    var window: String?
    var language: String?
    var forRelative: String?
    var consentProcessing: String?
    var consentContact: String?
    /// The bot trap: hidden from people, so anything in it comes from a program.
    var website: String?

    enum CodingKeys: String, CodingKey {
        case commune, callName = "call_name", phone, address, needs, details, window, language, forRelative = "for_relative"
        case consentProcessing = "consent_processing", consentContact = "consent_contact", website
    }

    init() {}

    func flag(_ name: String) -> Bool {
        switch name {
        case "for_relative": forRelative != nil
        case "consent_processing": consentProcessing != nil
        case "consent_contact": consentContact != nil
        default: false
        }
    }

    func draft(communeCode: String?) -> HelpRequestDraft {
        var d = HelpRequestDraft()
        d.callName = callName; d.phone = phone; d.communeCode = communeCode; d.address = address; d.needs = needs ?? []
        d.details = details; d.window = window; d.language = language; d.forRelative = forRelative != nil
        d.consentProcessing = consentProcessing != nil; d.consentContact = consentContact != nil
        return d
    }
}

/// The status a person reads with their code: no name, phone or address, ever.
enum HelpRequestStatusPage {
    struct Model: Equatable, Sendable {
        var typed: String?
        var found: Found?
        var justSent = false
        var problem: String?
    }

    struct Found: Equatable, Sendable {
        var reference: String
        var communeName: String
        var status: HelpRequestStatus
        var sentOn: String
        var visit: String?
        var outcome: String?
        var hotline: String?
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        var body: HTML = .empty
        if let f = m.found {
            let sent: HTML = m.justSent ? """
                <div class="notice" role="status"><p>Đã gửi đề nghị. Mã tra cứu của bạn:</p><p class="code" data-testid="reference">\(f.reference)</p>\
                <p>Hãy ghi lại mã này để xem tình hình xử lý. Đội tình nguyện sẽ gọi lại cho bạn.</p></div>
                """ : .empty
            let visit: HTML = f.visit.map { "<dt>Hẹn đến nhà</dt><dd>\($0)</dd>" } ?? .empty
            let outcome: HTML = f.outcome.map { "<dt>\(f.status == .couldNotHelp ? "Lý do" : "Ghi chú của đội")</dt><dd>\($0)</dd>" } ?? .empty
            let hotline: HTML = f.hotline.map { "<p>Đường dây nóng của xã: <a class=\"tel\" href=\"tel:\($0)\">\(VietnamesePhone.spaced($0))</a></p>" } ?? .empty
            body = """
            \(sent)
            <h2>Đề nghị \(f.reference)</h2>
            <p class="status" data-testid="status"><b>\(f.status.vietnamese)</b></p>
            <p>\(f.status.explanation)</p>
            <dl class="facts"><dt>Xã, phường</dt><dd>\(f.communeName)</dd><dt>Ngày gửi</dt><dd>\(f.sentOn)</dd>\(visit)\(outcome)</dl>
            \(hotline)
            """
        }
        let problem: HTML = m.problem.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" } ?? .empty
        return Layout.page(title: "Tra cứu đề nghị hỗ trợ", section: .help, context: context, body: """
        <h1>Tra cứu đề nghị hỗ trợ tại nhà</h1>
        \(body)
        \(problem)
        <form class="search big" method="get" action="\(SiteRoute.helpRequestStatus().path)">
        <label for="ma">Mã tra cứu (ví dụ HT-7K3M-9QX2)</label>
        <input id="ma" name="ma" value="\(m.found == nil ? m.typed ?? "" : "")" autocomplete="off" autocapitalize="characters">
        <button type="submit">Xem</button>
        </form>
        <p><a href="\(SiteRoute.helpRequestNew().path)">Gửi đề nghị mới</a></p>
        """)
    }
}

/// The commune's and the team's queue of home-visit requests.
enum HelpQueuePage {
    struct Row: Equatable, Sendable {
        var id: UUID
        var reference: String
        var communeName: String
        var needs: String
        var window: String
        var language: String
        var forRelative: Bool
        var status: HelpRequestStatus
        var teamName: String?
        var callName: String?
        var phone: String?
        var address: String?
        var details: String?
        var visit: String?
        var outcome: String?
        var sentOn: String
        var erased: Bool
        var mayAssign: Bool
        var teams: [EntryListPage.Option]
        var categories: [EntryListPage.Option]
        /// The assigned team's members on duty today, to tick who went.
        var members: [EntryListPage.Option] = []
        /// The category a done visit is logged under unless changed: the first need's, else the first.
        var suggested: String? = nil
        /// Why the last action on this request was refused.
        var error: String? = nil
    }

    struct Model: Equatable, Sendable {
        var open: [Row]
        var closed: [Row]
        var saved = false
        var errors: [String: String] = [:]
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let saved: HTML = m.saved ? "<div class=\"notice\" role=\"status\">Đã cập nhật.</div>" : .empty
        let errors: HTML = m.errors.isEmpty ? .empty
            : "<div class=\"alert\" role=\"alert\">Chưa lưu: \(m.errors.sorted { $0.key < $1.key }.map { "\($0.value) " as HTML })</div>"
        let open: HTML = m.open.isEmpty ? "<p>Không có đề nghị nào đang chờ.</p>" : "<ul class=\"queue\">\(m.open.map { row($0, context: context) })</ul>"
        let closed: HTML = m.closed.isEmpty ? .empty : "<h2>Đã đóng gần đây</h2><ul class=\"queue\">\(m.closed.map { row($0, context: context) })</ul>"
        return Layout.page(title: "Đề nghị hỗ trợ tại nhà", section: .requests, context: context, body: """
        <h1>Đề nghị hỗ trợ tại nhà</h1>
        <p class="muted">Người dân gửi từ trang “Tìm nơi hỗ trợ”. Số điện thoại chỉ dùng để gọi lại; địa chỉ chỉ đội được giao xem được. \
        Thông tin liên hệ tự xóa sau khi đóng đề nghị một thời gian.</p>
        \(saved)\(errors)
        <h2>Đang chờ xử lý</h2>
        \(open)
        \(closed)
        """)
    }

    private static func row(_ r: Row, context: PageContext) -> HTML {
        let action = SiteRoute.helpRequestMove(r.id).path
        var facts: [HTML] = ["<b>\(r.reference)</b> · \(r.communeName) · \(r.status.vietnamese)"]
        facts.append("Cần: \(r.needs) · \(r.window) · \(r.language)\(r.forRelative ? " · người thân đề nghị" : "")")
        if let name = r.callName { facts.append("Gọi: \(name)\(r.phone.map { " — <a class=\"tel\" href=\"tel:\($0)\">\(VietnamesePhone.spaced($0))</a>" as HTML } ?? .empty)") }
        if let address = r.address { facts.append("Địa chỉ: \(address)") }
        if let details = r.details { facts.append("Nói thêm: \(details)") }
        if let team = r.teamName { facts.append("Đội: \(team)") }
        if let visit = r.visit { facts.append("Hẹn: \(visit)") }
        if let outcome = r.outcome { facts.append("Kết quả: \(outcome)") }
        if r.erased { facts.append("<span class=\"muted\">Thông tin liên hệ đã xóa theo thời hạn lưu.</span>") }
        if let error = r.error { facts.append("<span class=\"error\" role=\"alert\">Chưa lưu: \(error)</span>") }
        facts.append("<span class=\"muted\">Gửi \(r.sentOn)</span>")
        var forms: [HTML] = []
        if !r.status.isClosed {
            if r.mayAssign && !r.teams.isEmpty {
                let options = r.teams.map { "<option value=\"\($0.value)\">\($0.label)</option>" as HTML }
                forms.append("<form method=\"post\" action=\"\(action)\">\(context.csrfField)<input type=\"hidden\" name=\"action\" value=\"assign\"><label class=\"field\"><span>Giao cho đội</span><select name=\"team_id\" required><option value=\"\">— chọn đội —</option>\(options)</select></label><button type=\"submit\">Giao việc</button></form>")
            }
            if r.teamName != nil {
                forms.append("<form method=\"post\" action=\"\(action)\">\(context.csrfField)<input type=\"hidden\" name=\"action\" value=\"schedule\"><label class=\"field\"><span>Ngày hẹn</span><input type=\"date\" name=\"visit_date\" required></label><label class=\"field\"><span>Giờ hẹn</span><input type=\"text\" name=\"visit_time\" maxlength=\"40\" placeholder=\"Ví dụ: 8 giờ sáng\"></label><button type=\"submit\">Hẹn lịch</button></form>")
                let categories = r.categories.map { "<option value=\"\($0.value)\"\($0.value == r.suggested ? " selected" : "")>\($0.label)</option>" as HTML }
                let who: HTML = r.members.isEmpty ? .empty : "<fieldset class=\"field\"><legend>Ai đã đến</legend><div class=\"checks\">\(r.members.map { "<label class=\"check\"><input type=\"checkbox\" name=\"volunteer_ids[]\" value=\"\($0.value)\"> \($0.label)</label>" as HTML })</div></fieldset>"
                forms.append("<form method=\"post\" action=\"\(action)\">\(context.csrfField)<input type=\"hidden\" name=\"action\" value=\"done\"><label class=\"field\"><span>Đã hỗ trợ việc</span><select name=\"category\">\(categories)<option value=\"\">(không ghi lượt hỗ trợ)</option></select></label>\(who)<label class=\"field\"><span>Số lượt</span><input type=\"number\" name=\"count\" value=\"1\" min=\"1\" max=\"20\" inputmode=\"numeric\"></label><label class=\"field\"><span>Ghi chú cho người dân</span><input type=\"text\" name=\"note\" maxlength=\"300\"></label><button type=\"submit\">Đã hỗ trợ xong</button></form>")
            }
            forms.append("<form method=\"post\" action=\"\(action)\">\(context.csrfField)<input type=\"hidden\" name=\"action\" value=\"could_not_help\"><label class=\"field\"><span>Lý do chưa hỗ trợ được</span><input type=\"text\" name=\"reason\" maxlength=\"300\" required></label><button type=\"submit\" class=\"secondary\">Chưa hỗ trợ được</button></form>")
        }
        return "<li data-testid=\"help-request\">\(facts.map { "<p>\($0)</p>" as HTML })\(forms)</li>"
    }
}
