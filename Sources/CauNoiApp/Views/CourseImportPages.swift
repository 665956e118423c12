import CauNoiCore
import Fluent
import Vapor

/// Course completions from the learning platform's export: the upload form and what happened to each row.
enum CourseImportPage {
    struct Model: Equatable, Sendable {
        var courses: [Course]
        var chosen: String?
        var result: ImportCourses.Result?
    }

    static func render(_ m: Model, context: PageContext) -> HTML {
        var outcome: HTML = .empty
        if let r = m.result {
            let errors = r.errors.prefix(500).map { e -> HTML in "<li>Dòng \(e.line)\(e.column.map { " – \($0)" } ?? ""): \(e.message)</li>" }
            let more: HTML = r.errors.count > 500 ? "<li>… và \(VietnameseNumber.grouped(r.errors.count - 500)) lỗi khác.</li>" : .empty
            let summary: HTML
            if r.storedNothing && r.errors.isEmpty {
                summary = "<div class=\"alert\" role=\"alert\">Không dòng nào khớp số điện thoại của tình nguyện viên trong phạm vi quản lý của bạn nên chưa lưu gì. Kiểm tra lại tệp (đúng tỉnh, xã?) hoặc thêm các tình nguyện viên trước.</div>"
            } else if r.storedNothing {
                summary = "<div class=\"alert\" role=\"alert\">Tệp có \(VietnameseNumber.grouped(r.errors.count)) lỗi nên chưa lưu dòng nào. Sửa các dòng dưới đây rồi tải lên lại, hoặc chọn “Lưu các dòng hợp lệ”.</div>"
            } else {
                let trained: HTML = r.newlyTrained > 0 ? "; \(VietnameseNumber.grouped(r.newlyTrained)) người nay đã hoàn thành đủ các khóa bắt buộc" : .empty
                summary = """
                <div class="notice" role="status" data-testid="course-import-summary">Đã ghi nhận \(VietnameseNumber.grouped(r.stored)) lượt hoàn thành mới, \
                cập nhật \(VietnameseNumber.grouped(r.updated)), \(VietnameseNumber.grouped(r.unchanged)) lượt đã có từ trước\(trained).</div>
                """
            }
            let unmatched: HTML = r.unmatched.isEmpty ? .empty : """
            <h2>Không tìm thấy tình nguyện viên (\(VietnameseNumber.grouped(r.unmatched.count)) dòng)</h2>
            <p class="hint">Số điện thoại ở các dòng này không khớp tình nguyện viên nào trong phạm vi quản lý của bạn. \
            Nếu là tình nguyện viên của đơn vị, hãy thêm người đó (hoặc sửa số điện thoại) rồi tải lên lại tệp: các dòng đã ghi nhận không bị ghi hai lần.</p>
            <ul class="errors">\(r.unmatched.prefix(500).map { "<li>Dòng \($0.line): \($0.phone)</li>" as HTML })</ul>
            """
            outcome = "\(summary)\(errors.isEmpty ? .empty : "<ul class=\"errors\">\(errors)\(more)</ul>" as HTML)\(unmatched)"
        }
        var options: [(value: String, label: String)] = [(value: "", label: "Theo cột “Khóa học” trong tệp")]
        options += m.courses.map { (value: $0.code, label: $0.name) }
        let columns = CourseSheet.Column.allCases.map { "<li>\($0.header)</li>" as HTML }
        return Layout.page(title: "Nhập kết quả khóa học", section: .volunteers, context: context, body: """
        <h1>Nhập kết quả khóa học</h1>
        <p>Tải lên tệp xuất từ nền tảng học trực tuyến (XLSX hoặc CSV UTF-8). Mỗi dòng là một người đã hoàn thành, \
        nhận ra theo số điện thoại đã đăng ký trong Cầu Nối Số. Tải lại cùng một tệp không ghi nhận hai lần.</p>
        <details><summary>Các cột được nhận</summary><ul>\(columns)</ul>
        <p class="hint">Bắt buộc: số điện thoại, ngày hoàn thành (dd/mm/yyyy, có thể kèm giờ), và khóa học (tên hoặc mã) nếu bên dưới không chọn một khóa cho cả tệp. \
        Tên cột có dấu hoặc không đều được (“So dien thoai”, “SĐT”…).</p></details>
        \(outcome)
        <form method="post" action="\(SiteRoute.courseImport.path)" enctype="multipart/form-data">\(context.csrfField)
        \(Layout.select("Khóa học của cả tệp", name: "course", options: options, selected: m.chosen ?? "", error: nil))
        <label class="field"><span>Tệp XLSX hoặc CSV</span><input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
        <label class="check"><input type="checkbox" name="store_valid" value="1"> Lưu các dòng hợp lệ kể cả khi có dòng lỗi</label>
        <p><button type="submit">Tải lên</button></p>
        </form>
        """)
    }
}

struct CourseImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.apiCoursesImport, body: .collect(maxSize: "24mb"), use: importFile)
        routes.on(.courseImportPage, use: page)
        routes.on(.courseImportSubmit, body: .collect(maxSize: "24mb"), use: importForm)
    }

    struct Parameters: Content {
        var course: String?
        var storeValid: Bool?
        enum CodingKeys: String, CodingKey { case course, storeValid = "store_valid" }
    }

    /// The file is the request body; `?course=` names the course of the whole file, `?store_valid=true` keeps the
    /// good rows of a file with bad ones.
    @Sendable
    func importFile(req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try await Access.scope(for: .writeVolunteer, actor: actor, on: req.db)
        let p = try req.query.decode(Parameters.self)
        let table = try await req.bodySheet(bounds: .volunteers)
        let result = try await ImportCourses.run(table, course: p.course.nonEmpty, storeValid: p.storeValid ?? false, actor: actor, on: req.db)
        return try await result.encodeResponse(status: result.storedNothing ? .unprocessableEntity : .ok, for: req)
    }

    @Sendable
    func page(req: Request) async throws -> Response {
        _ = try await req.scope(for: .writeVolunteer)
        let courses = try await CampaignQueries.knownCourses(on: req.db)
        return req.page { CourseImportPage.render(.init(courses: courses, chosen: nil, result: nil), context: $0) }
    }

    struct UploadForm: Content {
        var file: File?
        var course: String?
        var storeValid: String?
        enum CodingKeys: String, CodingKey { case file, course, storeValid = "store_valid" }
    }

    @Sendable
    func importForm(req: Request) async throws -> Response {
        let actor = try req.actor()
        _ = try await Access.scope(for: .writeVolunteer, actor: actor, on: req.db)
        let form = try req.content.decode(UploadForm.self)
        let table = try await req.uploadedSheet(form.file, bounds: .volunteers)
        let result = try await ImportCourses.run(table, course: form.course.nonEmpty, storeValid: form.storeValid != nil, actor: actor, on: req.db)
        let courses = try await CampaignQueries.knownCourses(on: req.db)
        return req.page({ CourseImportPage.render(.init(courses: courses, chosen: form.course, result: result), context: $0) },
                        status: result.storedNothing ? .unprocessableEntity : .ok, personalData: true)
    }
}

extension ImportCourses.Result: Content {}
