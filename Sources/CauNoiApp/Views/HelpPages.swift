import CauNoiCore
import Fluent
import Vapor

/// "Tìm nơi hỗ trợ": the citizens' pages. No sign-in, no script needed (the location button is an extra), large
/// type, one column, names and phone numbers people can tap. Nothing personal is shown: teams by name, the phone
/// a team chose to publish, the commune's public hotline.
enum HelpSearchPage {
    struct Result: Equatable, Sendable {
        var code: String
        var name: String
        var provinceName: String
        /// The pre-2025 name that matched, when the search found the commune through it.
        var formerName: String?
        var kilometres: Double?
    }

    struct Model: Equatable, Sendable {
        var query: String?
        var results: [Result] = []
        /// Why there is nothing to list (nothing found, a location outside Vietnam).
        var problem: String?
        var byLocation = false
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let items = m.results.map { r -> HTML in
            let former: HTML = r.formerName.map { " <span class=\"muted\">(trước đây: \($0))</span>" } ?? .empty
            let distance: HTML = r.kilometres.map { " <span class=\"muted\">— cách khoảng \(VietnameseNumber.decimal($0, fractionDigits: 1)) km</span>" } ?? .empty
            return "<li><a href=\"\(SiteRoute.helpCommune(r.code).path)\">\(r.name)</a>, \(r.provinceName)\(former)\(distance)</li>"
        }
        let heading: HTML = m.byLocation ? "<h2>Các xã, phường gần bạn</h2>" : m.query.map { "<h2>Kết quả cho “\($0)”</h2>" } ?? .empty
        let list: HTML = m.results.isEmpty ? .empty : "\(heading)<ul class=\"places\">\(items)</ul>"
        let problem: HTML = m.problem.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" } ?? .empty
        return Layout.page(title: "Tìm nơi hỗ trợ", section: .help, context: context, body: """
        <h1>Tìm nơi hỗ trợ</h1>
        <p class="lead">Thanh niên tình nguyện giúp người dân làm thủ tục, cài đặt VNeID, nộp hồ sơ và thanh toán trực tuyến, \
        tại Trung tâm phục vụ hành chính công và tại nhà. Hãy tìm xã, phường nơi bạn ở để biết địa chỉ, số điện thoại và giờ trực.</p>
        <form class="search big" method="get" action="\(SiteRoute.help().path)" role="search">
        <label for="q">Tên xã, phường (gõ có dấu hoặc không; tên cũ trước năm 2025 cũng được)</label>
        <input id="q" type="search" name="q" value="\(m.query ?? "")" placeholder="Ví dụ: phuong hoan kiem" autocomplete="off">
        <button type="submit">Tìm</button>
        </form>
        <form method="post" action="\(SiteRoute.help().path)" id="near">\(context.csrfField)
        <input type="hidden" name="vd" id="vd"><input type="hidden" name="kd" id="kd">
        <button type="button" id="locate" class="secondary" hidden>Tìm nơi gần tôi (dùng vị trí của điện thoại)</button>
        </form>
        \(problem)
        \(list)
        <p><a href="\(SiteRoute.helpRequestNew().path)">Đề nghị hỗ trợ tại nhà</a> · <a href="\(SiteRoute.helpRequestStatus().path)">Tra cứu đề nghị đã gửi</a></p>
        <script src="\(SiteRoute.helpScript.path)" defer></script>
        """)
    }
}

enum HelpCommunePage {
    struct TeamInfo: Equatable, Sendable {
        var name: String
        var kindName: String
        var duty: String?
        var onDutyToday: Bool
        var phone: String?
        /// A mobile team's stops, one per line.
        var stops: [String]
    }

    struct Model: Equatable, Sendable {
        var code: String
        var name: String
        var provinceName: String
        var formerNames: [String]
        var address: String?
        var hotline: String?
        var teams: [TeamInfo]
        var today: LocalDate
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let hotline: HTML = m.hotline.map { "<a class=\"tel\" href=\"tel:\($0)\">\(VietnamesePhone.spaced($0))</a>" } ?? "Chưa cập nhật"
        let teams = m.teams.map { t -> HTML in
            let today: HTML = t.onDutyToday ? " — <b>hôm nay có trực</b>" : .empty
            let duty: HTML = t.duty.map { "<p>Trực: \($0)\(today)</p>" } ?? .empty
            let phone: HTML = t.phone.map { "<p>Gọi đội: <a class=\"tel\" href=\"tel:\($0)\">\(VietnamesePhone.spaced($0))</a></p>" } ?? .empty
            let stops: HTML = t.stops.isEmpty ? .empty : "<p>Lịch lưu động:</p><ul>\(t.stops.map { "<li>\($0)</li>" as HTML })</ul>"
            return "<li class=\"team\"><h3>\(t.name)</h3><p class=\"muted\">\(t.kindName)</p>\(duty)\(phone)\(stops)</li>"
        }
        let teamList: HTML = m.teams.isEmpty
            ? "<p>Hiện chưa có đội tình nguyện nào trực ở đây. Hãy gọi đường dây nóng của xã hoặc đến Trung tâm phục vụ hành chính công.</p>"
            : "<ul class=\"teams\">\(teams)</ul>"
        let former: HTML = m.formerNames.isEmpty ? .empty : "<p class=\"muted\">Trước năm 2025: \(m.formerNames.prefix(6).joined(separator: "; "))</p>"
        return Layout.page(title: "Hỗ trợ tại \(m.name)", section: .help, context: context, body: """
        <p class="crumbs"><a href="\(SiteRoute.help().path)">Tìm nơi hỗ trợ</a></p>
        <h1>\(m.name)</h1>
        <p>\(m.provinceName)</p>
        \(former)
        <h2>Trung tâm phục vụ hành chính công</h2>
        <dl class="facts">
        <dt>Địa chỉ</dt><dd>\(m.address ?? "Chưa cập nhật")</dd>
        <dt>Đường dây nóng</dt><dd>\(hotline)</dd>
        </dl>
        <p><a class="button big" href="\(SiteRoute.helpRequestNew(commune: m.code).path)">Đề nghị hỗ trợ tại nhà</a></p>
        <h2>Đội thanh niên tình nguyện (\(m.today.longVietnamese))</h2>
        \(teamList)
        <p class="muted">Tình nguyện viên không thu tiền, không hỏi mật khẩu VNeID hay mã OTP của bạn.</p>
        """)
    }
}

struct HelpController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.helpPage, use: search)
        routes.on(.helpNearbySubmit, use: nearby)
        routes.on(.helpCommunePage, use: commune)
        routes.on(.helpScript, use: script)
    }

    struct Query: Content { var q: String? }

    @Sendable
    func search(req: Request) async throws -> Response {
        let q = (try req.query.decode(Query.self).q?.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0.isEmpty ? nil : $0 }
        var model = HelpSearchPage.Model(query: q)
        if let q {
            let found = UnitDirectoryResource.directory.search(String(q.prefix(100)), levels: [.commune]).prefix(20)
            // Every typed word in the former name, and not all in today's: the search found it by the old name.
            let typed = VietnameseText.words(q)
            model.results = found.map { e in
                func has(_ name: String) -> Bool { let words = VietnameseText.words(name); return typed.allSatisfy { t in words.contains { $0.hasPrefix(t) } } }
                let former = has(e.unit.name + " " + e.unit.provinceName) ? nil : e.unit.formerNames.first(where: has)
                return .init(code: e.unit.code, name: e.unit.name, provinceName: e.unit.provinceName, formerName: former)
            }
            if model.results.isEmpty {
                model.problem = "Không tìm thấy xã, phường nào tên “\(q)”. Hãy thử gõ ít chữ hơn, ví dụ chỉ tên xã (“hoan kiem”)."
            }
        }
        return req.page { HelpSearchPage.render(model, context: $0) }
    }

    struct Place: Content { var vd: String?; var kd: String? }

    /// The location comes in a POST body, rounded, and is used for this answer only: never stored, logged or put in a URL.
    @Sendable
    func nearby(req: Request) async throws -> Response {
        let p = try req.content.decode(Place.self)
        var model = HelpSearchPage.Model(byLocation: true)
        if let lat = p.vd.flatMap(Double.init), let lon = p.kd.flatMap(Double.init),
           let near = HelpLocations.locations.nearest(latitude: lat, longitude: lon, limit: 6) {
            let directory = UnitDirectoryResource.directory
            model.results = near.compactMap { n in
                directory.entry(code: n.code).map { .init(code: n.code, name: $0.unit.name, provinceName: $0.unit.provinceName, kilometres: n.kilometres) }
            }
        }
        if model.results.isEmpty {
            model.problem = "Không đọc được vị trí trong lãnh thổ Việt Nam. Hãy gõ tên xã, phường nơi bạn ở."
        }
        return req.page({ HelpSearchPage.render(model, context: $0) }, status: model.results.isEmpty ? .unprocessableEntity : .ok, personalData: true)
    }

    @Sendable
    func commune(req: Request) async throws -> Response {
        let code = try req.parameters.require("code"), today = req.today
        // Read by many citizens at once and changed rarely: the node's short read cache (emptied by writes) answers repeats.
        let model = try await req.cachedRead(.helpCommune(code: code, day: today)) { try await HelpQueries.commune(code, today: today, on: req.db) }
        return req.page { HelpCommunePage.render(model, context: $0) }
    }

    /// Fills the hidden form with the phone's position and sends it; without script or permission the page works as is.
    @Sendable
    func script(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return Response(status: .ok, headers: headers, body: .init(string: Self.locateScript))
    }

    static let locateScript = """
    (function () {
      var b = document.getElementById('locate'), f = document.getElementById('near');
      if (!b || !f || !navigator.geolocation) return;
      b.hidden = false;
      b.addEventListener('click', function () {
        b.disabled = true; b.textContent = 'Đang lấy vị trí…';
        navigator.geolocation.getCurrentPosition(function (p) {
          document.getElementById('vd').value = p.coords.latitude.toFixed(3);
          document.getElementById('kd').value = p.coords.longitude.toFixed(3);
          f.submit();
        }, function () {
          b.disabled = false; b.textContent = 'Không lấy được vị trí. Hãy gõ tên xã, phường ở trên.';
        }, { timeout: 15000, maximumAge: 600000 });
      });
    })();
    """
}
