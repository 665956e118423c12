import Foundation

/// The frame every page shares: mobile-first, no script, Vietnamese first.
enum Layout {
    enum Section: Sendable { case home, help, guides, requests, units, volunteers, teams, audit, account, accounts, briefing, campaigns, reports, entries, forces, moves, equipment, practices, training, supervision }

    static func page(title: String, section: Section?, context: PageContext, body: HTML) -> HTML {
        var nav: [(Section, SiteRoute, String)] = [(.home, .home, "Trang chủ"), (.help, .help(), "Tìm nơi hỗ trợ"), (.guides, .guides(), "Thủ tục cần gì?")]
        if context.userName != nil { nav.append((.units, .units(), "Đơn vị hành chính")) }
        if context.userName != nil {
            nav.append((.briefing, .briefing(), "Giao ban"))
            nav.append((.reports, .weeklyReports(), "Báo cáo tuần"))
            if context.canReadEntries { nav.append((.entries, .entries(), "Bản ghi")) }
            if context.canHandleRequests { nav.append((.requests, .helpQueue(), "Hỗ trợ tại nhà")) }
            nav.append((.teams, .teams(), "Đội hình"))
            if context.canCoordinateForces { nav.append((.forces, .forces(), "Điều phối")) }
            if context.canAnswerMoves && !context.canCoordinateForces { nav.append((.moves, .moves(), "Điều động")) }
            if context.canManageEquipment { nav.append((.equipment, .equipment, "Thiết bị")) }
            nav.append((.practices, .practices(), "Cách làm hay"))
            if context.canManageTraining { nav.append((.training, .training(), "Tập huấn")) }
            if context.canSupervise { nav.append((.supervision, .supervision(), "Giám sát")) }
        }
        if context.canSeePeople { nav.append((.volunteers, .volunteers(), "Tình nguyện viên")) }
        if context.canReadAudit { nav.append((.audit, .audit(), "Nhật ký")) }
        if context.canManageCampaigns { nav.append((.campaigns, .campaigns, "Chiến dịch")) }
        if context.canManageUsers { nav.append((.accounts, .accounts(), "Tài khoản")) }
        let links = nav.map { item -> HTML in
            let current: HTML = item.0 == section ? " aria-current=\"page\"" : ""
            return "<a href=\"\(item.1.path)\"\(current)>\(item.2)</a>"
        }
        return """
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Cầu Nối Số</title>
        <link rel="stylesheet" href="\(SiteRoute.stylesheet.path)">
        <link rel="icon" href="\(SiteRoute.fieldApp.path)icon.svg" type="image/svg+xml">
        </head>
        <body>
        <header class="top"><a class="brand" href="\(SiteRoute.home.path)">Cầu Nối Số</a><nav class="full">\(links)</nav>\
        <details class="menu"><summary>Menu</summary><nav>\(links)</nav></details>\(account(context))</header>
        <main>
        \(body)
        </main>
        <footer>Dữ liệu đơn vị hành chính: Danh mục đơn vị hành chính 2025 của Tổng cục Thống kê (34 tỉnh, thành phố; 3.321 xã, phường, đặc khu). \
        Tên cũ trước 2025 và tọa độ xã: bộ dữ liệu vietnamadminunits (giấy phép MIT).</footer>
        </body>
        </html>
        """
    }

    private static func account(_ context: PageContext) -> HTML {
        guard let name = context.userName else {
            return "<a class=\"account\" href=\"\(SiteRoute.login().path)\">Đăng nhập</a>"
        }
        return """
        <form class="account" method="post" action="\(SiteRoute.logout.path)">\(context.csrfField)<span>\(name)</span> <button type="submit">Đăng xuất</button></form>
        """
    }

    /// A labelled form field with its error, if any.
    static func field(_ label: String, name: String, value: String?, error: String?, type: String = "text",
                      required: Bool = false, hint: String? = nil, attributes: HTML = .empty) -> HTML {
        let requiredAttr: HTML = required ? " required" : ""
        let errorHTML: HTML = error.map { "<p class=\"error\" id=\"\(name)-error\">\($0)</p>" } ?? .empty
        let hintHTML: HTML = hint.map { "<p class=\"hint\">\($0)</p>" } ?? .empty
        let invalid: HTML = error == nil ? .empty : " aria-invalid=\"true\" aria-describedby=\"\(name)-error\""
        return """
        <label class="field"><span>\(label)</span>
        <input type="\(type)" name="\(name)" value="\(value ?? "")"\(requiredAttr)\(invalid)\(attributes)>\(hintHTML)\(errorHTML)</label>
        """
    }

    /// A labelled multi-line field with its error, if any.
    static func textarea(_ label: String, name: String, value: String?, error: String?, rows: Int = 4, required: Bool = false,
                         hint: String? = nil) -> HTML {
        let requiredAttr: HTML = required ? " required" : ""
        let errorHTML: HTML = error.map { "<p class=\"error\" id=\"\(name)-error\">\($0)</p>" } ?? .empty
        let hintHTML: HTML = hint.map { "<p class=\"hint\">\($0)</p>" } ?? .empty
        let invalid: HTML = error == nil ? .empty : " aria-invalid=\"true\" aria-describedby=\"\(name)-error\""
        return "<label class=\"field\"><span>\(label)</span><textarea name=\"\(name)\" rows=\"\(rows)\"\(requiredAttr)\(invalid)>\(value ?? "")</textarea>\(hintHTML)\(errorHTML)</label>"
    }

    static func select(_ label: String, name: String, options: [(value: String, label: String)],
                       selected: String?, error: String?, includeBlank: Bool = false) -> HTML {
        var items: [HTML] = includeBlank ? ["<option value=\"\">—</option>"] : []
        for option in options {
            let mark: HTML = option.value == selected ? " selected" : ""
            items.append("<option value=\"\(option.value)\"\(mark)>\(option.label)</option>")
        }
        let errorHTML: HTML = error.map { "<p class=\"error\">\($0)</p>" } ?? .empty
        return "<label class=\"field\"><span>\(label)</span><select name=\"\(name)\">\(items)</select>\(errorHTML)</label>"
    }

    static func checkboxes(_ label: String, name: String, options: [(value: String, label: String)],
                           checked: Set<String>, error: String?) -> HTML {
        let items = options.map { option -> HTML in
            let mark: HTML = checked.contains(option.value) ? " checked" : ""
            return "<label class=\"check\"><input type=\"checkbox\" name=\"\(name)[]\" value=\"\(option.value)\"\(mark)> \(option.label)</label>"
        }
        let errorHTML: HTML = error.map { "<p class=\"error\">\($0)</p>" } ?? .empty
        return "<fieldset class=\"field\"><legend>\(label)</legend><div class=\"checks\">\(items)</div>\(errorHTML)</fieldset>"
    }

    /// "Chiến dịch khác đang diễn ra: …" as links (value: the link, label: the campaign's name); nothing when none.
    static func otherCampaigns(_ links: [EntryListPage.Option]) -> HTML {
        guard !links.isEmpty else { return .empty }
        return "<p class=\"muted noprint\">Chiến dịch khác đang diễn ra: \(HTML.join(links.map { "<a href=\"\($0.value)\">\($0.label)</a>" }, separator: ", "))</p>"
    }

    static func errorSummary(_ errors: [String: String]) -> HTML {
        guard !errors.isEmpty else { return .empty }
        return "<div class=\"alert\" role=\"alert\">Chưa lưu được: vui lòng sửa \(errors.count) mục được đánh dấu bên dưới.</div>"
    }
}
