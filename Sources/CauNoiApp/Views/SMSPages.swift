import CauNoiCore
import Fluent
import Vapor

/// Setting up reports by SMS: what the gateway calls with which token, the message syntax leaders send, and a
/// test box that reads a message as the server would — without storing anything.
enum SMSSetupPage {
    struct Model: Equatable, Sendable {
        var callbackURL: String
        var text: String?
        /// What the test message would record, or why it would be refused (the reply the leader would get).
        var outcome: String?
        var accepted = false
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        let keywords = TextReportParser.keywords.map { "<tr><td><code>\($0.keyword)</code></td><td>\($0.meaning)</td></tr>" as HTML }
        let outcome: HTML = m.outcome.map {
            m.accepted ? "<div class=\"notice\" role=\"status\">\($0)</div>" : "<div class=\"alert\" role=\"alert\">\($0)</div>"
        } ?? .empty
        return Layout.page(title: "Báo cáo qua tin nhắn", section: .entries, context: context, body: """
        <h1>Báo cáo qua tin nhắn SMS</h1>
        <p>Nơi không có mạng dữ liệu, đội trưởng gửi số liệu trong ngày bằng một tin nhắn. Cổng SMS của tỉnh chuyển tin đến Cầu Nối Số.</p>
        <h2>Cài đặt cổng SMS</h2>
        <ol>
        <li>Tạo <a href="\(SiteRoute.tokens.path)">mã truy cập API</a> mang vai trò của tỉnh hoặc xã phụ trách (chỉ nhận tin của các đội trong phạm vi đó).</li>
        <li>Cấu hình cổng gọi <code>POST \(m.callbackURL)</code> với tiêu đề <code>Authorization: Bearer &lt;mã truy cập&gt;</code> và nội dung JSON <code>{"message_id": "…", "from": "số điện thoại người gửi", "text": "nội dung tin"}</code>.</li>
        <li>Cổng gửi lại cho người nhắn trường <code>reply</code> của câu trả lời. Một tin gửi lại (cùng <code>message_id</code>) không bị tính hai lần.</li>
        </ol>
        <h2>Cú pháp tin nhắn</h2>
        <p><code>\(TextReportParser.syntax)</code> — người gửi phải là thành viên hiện tại của đội.</p>
        <table class="wide"><thead><tr><th>Mục</th><th>Nội dung hỗ trợ</th></tr></thead><tbody>\(keywords)</tbody></table>
        <h2>Thử một tin nhắn</h2>
        <p class="hint">Chỉ đọc thử, không lưu số liệu.</p>
        \(outcome)
        <form method="post" action="\(SiteRoute.smsSetup.path)">\(context.csrfField)
        \(Layout.field("Nội dung tin", name: "text", value: m.text, error: nil, required: true, hint: "Ví dụ: TNV 00070-1 12/08 VNEID 12 HOSO 30"))
        <button type="submit">Đọc thử</button>
        </form>
        """)
    }
}

struct SMSPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.smsSetupPage, use: page)
        routes.on(.smsTestSubmit, use: test)
    }

    private func callback(_ req: Request) -> String {
        req.application.appConfig.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + Endpoint.apiSMSInbound.path()
    }

    @Sendable
    func page(req: Request) async throws -> Response {
        _ = try await req.scope(for: .writeEntries)
        let model = SMSSetupPage.Model(callbackURL: callback(req))
        return req.page { SMSSetupPage.render(model, context: $0) }
    }

    struct TestForm: Content {
        var text: String?
    }

    /// Reads the message as the gateway callback would (`RecordTextReport`'s own steps: syntax, team in the user's
    /// area, campaign); stores nothing. The sender's membership is checked only when a real message arrives.
    @Sendable
    func test(req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try await req.scope(for: .writeEntries)
        let text = try req.content.decode(TestForm.self).text ?? ""
        var model = SMSSetupPage.Model(callbackURL: callback(req), text: text)
        switch try await RecordTextReport.readTeam(text, actor: actor, on: req.db) {
        case .refused(let refusal):
            model.outcome = "Tin này sẽ bị từ chối. Trả lời gửi người nhắn: “\(refusal.reply)”"
        case .teamNotFound(let code):
            model.outcome = "Tin này sẽ bị từ chối: không tìm thấy đội \(code) trong phạm vi của bạn."
        case .read(let report, let team):
            switch try await RecordTextReport.chooseCampaign(report, team: team, on: req.db) {
            case .success(let campaign):
                let names = Dictionary((campaign.definition?.categories ?? []).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
                let counts = report.counts.sorted { $0.key < $1.key }.map { "\(names[$0.key] ?? $0.key): \($0.value)" }.joined(separator: "; ")
                model.outcome = "Đọc được: \(team.name), ngày \(report.date.longVietnamese), chiến dịch \(campaign.name) — \(counts). "
                    + "Khi gửi thật, người gửi phải là thành viên hiện tại của đội."
                model.accepted = true
            case .failure(let refusal):
                model.outcome = "Tin này sẽ bị từ chối. Trả lời gửi người nhắn: “\(refusal.reply.reply)”"
            }
        }
        let final = model
        return req.page { SMSSetupPage.render(final, context: $0) }
    }
}
