import Vapor

struct ErrorPage {
    var status: HTTPResponseStatus
    var error: AppError

    func render(context: PageContext = .anonymous) -> HTML {
        let fields = error.fields.map { "<li><code>\($0.field)</code>: \($0.message)</li>" as HTML }
        let list: HTML = fields.isEmpty ? .empty : "<ul>\(fields)</ul>"
        return Layout.page(title: "Lỗi \(status.code)", section: nil, context: context, body: """
        <h1>\(error.messageVI)</h1>
        \(list)
        <p class="muted">\(error.messageEN) (HTTP \(Int(status.code)))</p>
        <p><a href="\(SiteRoute.home.path)">Về trang chủ</a></p>
        """)
    }
}
