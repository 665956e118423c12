import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Server-rendered pages")
struct PageTests {
    @Test("home shows the national figures in Vietnamese format", arguments: Engine.enabled)
    func home(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let res = try await app.send(.GET, "/")
            #expect(res.status == .ok)
            #expect(res.headers.contentType == .html)
            let html = res.body.string
            #expect(html.contains("<b>3.321</b><span>xã, phường, đặc khu</span>"))
            #expect(html.contains("<b>34</b>"))
            #expect(html.contains("lang=\"vi\""))
            #expect(!html.contains("<script"))
            #expect(res.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        }
    }

    @Test("hierarchy search finds units whatever the accents", arguments: Engine.enabled)
    func unitSearch(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let plain = try await app.send(.GET, "don-vi?q=ha%20noi").body.string
            #expect(plain.contains(">Thành phố Hà Nội</a>"))
            let kiem = try await app.send(.GET, "don-vi?q=HOAN%20KIEM").body.string
            #expect(kiem.contains("href=\"/don-vi/00070\">Phường Hoàn Kiếm</a>"))
            let none = try await app.send(.GET, "don-vi?q=zzzz").body.string
            #expect(none.contains("Không tìm thấy đơn vị nào"))
            let escaped = try await app.send(.GET, "don-vi?q=%3Cscript%3E").body.string
            #expect(escaped.contains("&lt;script&gt;") && !escaped.contains("<script>"))
        }
    }

    @Test("public commune page snapshot", arguments: [Engine.sqlite])
    func communeSnapshot(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let res = try await app.send(.GET, "don-vi/00070", token: "")
            #expect(res.status == .ok)
            try assertSnapshot(res.body.string, named: "commune-00070.html")
            let json = try await app.send(.GET, "api/v1/org-units/00070", token: "")
            try assertSnapshot(json.body.string, named: "org-unit-00070.json")
        }
    }

    @Test("volunteer form keeps what was typed and marks the wrong fields", arguments: Engine.enabled)
    func volunteerForm(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let form = "full_name=Nguy%E1%BB%85n%20Th%E1%BB%8B%20Hoa&phone=0123&birth_year=abc&gender=female&home_commune_code=00070&force_type=local&consent_date=2025-07-02&languages%5B%5D=vi&languages%5B%5D=km"
            let bad = try await app.send(.POST, "tinh-nguyen-vien/moi", rawBody: form, contentType: .urlEncodedForm)
            #expect(bad.status == .unprocessableEntity)
            let html = bad.body.string
            #expect(html.contains("value=\"Nguyễn Thị Hoa\""))
            #expect(html.contains("Số điện thoại di động không hợp lệ"))
            #expect(html.contains("Năm sinh phải là số"))
            #expect(html.contains("value=\"km\" checked"))
            #expect(try await Volunteer.query(on: app.db).count() == 0)

            let good = form.replacingOccurrences(of: "phone=0123", with: "phone=0912555666").replacingOccurrences(of: "birth_year=abc", with: "birth_year=2001")
            let ok = try await app.send(.POST, "tinh-nguyen-vien/moi", rawBody: good, contentType: .urlEncodedForm)
            #expect(ok.status == .seeOther)
            let location = try #require(ok.headers.first(name: .location))
            let page = try await app.send(.GET, location)
            #expect(page.body.string.contains("Đã lưu."))
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            let volunteer = try #require(try await Volunteer.query(on: app.db).first())
            #expect(volunteer.languages == "km,vi")
        }
    }

    @Test("a team is created from the form and members rotate on its page", arguments: Engine.enabled)
    func teamPages(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let v = try await app.volunteer("Đinh Công Giang", phone: "0903000001")
            let create = try await app.send(.POST, "doi-hinh/moi", rawBody: "name=%C4%90%E1%BB%99i%20VNeID&kind=service_centre&home_commune_code=00070&active_from=2025-07-01", contentType: .urlEncodedForm)
            #expect(create.status == .seeOther)
            let location = try #require(create.headers.first(name: .location)).replacingOccurrences(of: "?da-luu=1", with: "")
            let join = try await app.send(.POST, location + "/thanh-vien", rawBody: "action=join&volunteer_id=\(v.uuidString.lowercased())&date=2025-07-02", contentType: .urlEncodedForm)
            #expect(join.status == .seeOther)
            var page = try await app.send(.GET, location).body.string
            #expect(page.contains("Thành viên hiện tại (1)"))
            let leave = try await app.send(.POST, location + "/thanh-vien", rawBody: "action=end&volunteer_id=\(v.uuidString.lowercased())&date=2025-08-01", contentType: .urlEncodedForm)
            #expect(leave.status == .seeOther)
            page = try await app.send(.GET, location).body.string
            #expect(page.contains("Thành viên hiện tại (0)"))
            #expect(page.contains("Đã luân chuyển"))

            // A reinforcement from another commune of the province is found by name.
            _ = try await app.volunteer("Bùi Tăng Cường", phone: "0903000002", commune: "00073")
            let found = try await app.send(.GET, location + "?tim=tang%20cuong").body.string
            #expect(found.contains("Bùi Tăng Cường"))
            #expect(!(try await app.send(.GET, location).body.string.contains("Bùi Tăng Cường")))

            let missingName = try await app.send(.POST, "doi-hinh/moi", rawBody: "kind=service_centre&home_commune_code=00070&active_from=2025-07-01", contentType: .urlEncodedForm)
            #expect(missingName.status == .unprocessableEntity)
            #expect(missingName.body.string.contains("Bắt buộc nhập."))
        }
    }

    @Test("unknown pages answer in Vietnamese HTML", arguments: [Engine.sqlite])
    func notFound(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let res = try await app.send(.GET, "khong-co")
            #expect(res.status == .notFound)
            #expect(res.body.string.contains("Không tìm thấy trang"))
            let unit = try await app.send(.GET, "don-vi/12345")
            #expect(unit.status == .notFound)
        }
    }
}
