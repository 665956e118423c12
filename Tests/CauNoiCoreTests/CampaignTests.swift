import Foundation
import Testing
@testable import CauNoiCore

struct CampaignTests {
    static func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    @Test func summer2025() {
        let c = CampaignDefinition.summer2025
        #expect(c.code == "he-2025")
        #expect(c.name == "Đội hình thanh niên tình nguyện hỗ trợ vận hành chính quyền địa phương 2 cấp — Hè 2025")
        #expect(c.start.iso == "2025-07-01")
        #expect(c.end?.iso == "2025-08-31")
        #expect(c.range(today: Self.day("2026-11-29")).dayCount == 62)
        #expect(c.weekStartsOn == 4)
        #expect(c.categories.map(\.code) == [
            "phan_luong", "thu_tuc", "thiet_bi_cong", "vneid", "dinh_danh", "ho_so",
            "thanh_toan", "tra_cuu", "tai_nha", "ky_nang_so", "dang_vien",
        ])
        #expect(c.categories.first?.name == "Phân luồng, hướng dẫn chung")
        #expect(c.requiredCourses.map(\.code) == ["binh_dan_hoc_vu_so", "tnv_chinh_quyen_2_cap"])
    }

    @Test func categoryLookup() {
        let c = CampaignDefinition.summer2025
        #expect(c.category(code: "vneid")?.name == "Cài đặt, kích hoạt VNeID")
        #expect(c.category(code: "VNEID") == nil)
        #expect(c.category(code: "") == nil)
    }

    @Test("the 15/8/2025 briefing read the week Thursday 07/8 to Wednesday 13/8, the campaign's 7th")
    func briefingWeek() {
        let c = CampaignDefinition.summer2025
        let week = c.briefingWeek(today: Self.day("2025-08-15"))
        #expect(week.start.iso == "2025-08-07" && week.end.iso == "2025-08-13")
        #expect(c.number(of: week) == 7)
        #expect(c.label(week) == "Tuần 07/8–13/8/2025 (tuần thứ 7 của chiến dịch)")
        // The first week holds 01/7 (a Tuesday): it started on Thursday 26/6.
        #expect(c.firstWeek.start.iso == "2025-06-26")
        // On the Wednesday the week is not finished: the briefing still shows the one before.
        #expect(c.briefingWeek(today: Self.day("2025-08-13")).start.iso == "2025-07-31")
        // After the campaign the page stays on its last week.
        #expect(c.briefingWeek(today: Self.day("2026-11-29")).start.iso == "2025-08-28")
    }

    @Test("weeks start on any weekday, across a month and a year")
    func reportingWeeks() {
        for weekday in 1...7 {
            var d = Self.day("2025-12-20")
            while d <= Self.day("2026-01-20") {
                let w = ReportingWeek(containing: d, startsOn: weekday)
                #expect(w.start.weekday == weekday)
                #expect(w.range.contains(d))
                #expect(w.range.dayCount == 7)
                d = d.adding(days: 1)
            }
        }
        let sunday = ReportingWeek(containing: Self.day("2026-01-01"), startsOn: 7)
        #expect(sunday.start.iso == "2025-12-28" && sunday.span == "28/12/2025–03/1/2026")
        #expect(ReportingWeek(key: "2025-08-07", startsOn: 4) != nil)
        #expect(ReportingWeek(key: "2025-08-08", startsOn: 4) == nil)
    }

    @Test("the API's week: the campaign's number, a day, or an ISO week (a reporting week only when weeks start on Monday)")
    func weekParameter() throws {
        let c = CampaignDefinition.summer2025
        let byNumber = try #require(c.period(week: "7"))
        #expect(byNumber.range.from.iso == "2025-08-07" && byNumber.week?.key == "2025-08-07")
        let byDay = try #require(c.period(week: "2025-08-10"))
        #expect(byDay.week?.key == "2025-08-07" && byDay.range.to.iso == "2025-08-13")
        let iso = try #require(c.period(week: "2025-W32"))
        #expect(iso.range.from.iso == "2025-08-04" && iso.range.to.iso == "2025-08-10" && iso.week == nil)
        var monday = c
        monday.weekStartsOn = 1
        #expect(monday.period(week: "2025-W32")?.week?.key == "2025-08-04")
        #expect(c.period(week: "tuần 6") == nil)
        #expect(c.period(week: "0") == nil)
    }

    @Test("deadline: the first chosen weekday on or after the week's last day")
    func deadline() {
        let thursday = ReportDeadline(weekday: 4, hour: 20, minute: 0)
        let week = ReportingWeek(containing: Self.day("2025-08-10"), startsOn: 4)
        #expect(thursday.day(for: week).iso == "2025-08-14")
        // 20:00 in Hà Nội is 13:00 UTC.
        #expect(thursday.due(for: week) == Date(timeIntervalSince1970: TimeInterval(Self.day("2025-08-14").dayNumber) * 86_400 + 13 * 3600))
        let sunday = ReportDeadline.standard
        #expect(sunday.day(for: ReportingWeek(containing: Self.day("2025-08-06"), startsOn: 1)).iso == "2025-08-10")
    }

    @Test("an open-ended campaign contains every day from its start")
    func openEnded() {
        let c = CampaignDefinition(code: "to-cong-nghe-so", name: "Tổ công nghệ số cộng đồng", start: Self.day("2025-09-01"), end: nil,
                                   categories: [SupportCategory(code: "vneid", name: "VNeID")], requiredCourses: [])
        #expect(c.contains(Self.day("2030-01-01")))
        #expect(!c.contains(Self.day("2025-08-31")))
        #expect(c.range(today: Self.day("2026-11-29")).to.iso == "2026-11-29")
    }
}

struct CampaignRulesTests {
    static let provinces: Set<String> = ["01", "79", "14"]

    static func draft() -> CampaignDraft {
        var d = CampaignDraft()
        d.code = "he-2026"
        d.name = "Hè 2026"
        d.startDate = "2026-07-01"
        d.endDate = "2026-08-31"
        d.status = "active"
        d.weekStartsOn = 4
        d.categories = [.init(code: "vneid", name: "VNeID"), .init(code: "ho_so", name: "Hồ sơ")]
        d.requiredCourses = [.init(code: "bdhvs", name: "Bình dân học vụ số")]
        return d
    }

    static func fields(_ r: Result<CampaignDefinition, ValidationFailure>) -> [String] {
        if case .failure(let f) = r { return f.errors.map(\.field) }
        return []
    }

    @Test func validDraft() throws {
        let c = try CampaignRules.validate(Self.draft(), knownProvinces: Self.provinces).get()
        #expect(c.weekStartsOn == 4 && c.end?.iso == "2026-08-31" && c.provinces == nil)
        // Without a deadline: the day after the week ends (Thursday for Thursday weeks), 20:00.
        #expect(c.reportDeadline == ReportDeadline(weekday: 4, hour: 20, minute: 0))
    }

    @Test("each bad field is named")
    func badFields() {
        var d = Self.draft()
        d.code = "Hè 2026"
        d.endDate = "2026-06-30"
        d.weekStartsOn = 8
        d.categories = [.init(code: "vneid", name: "VNeID"), .init(code: "vneid", name: "Lặp")]
        d.provinces = ["01", "99"]
        d.status = "running"
        let fields = Self.fields(CampaignRules.validate(d, knownProvinces: Self.provinces))
        #expect(Set(fields) == ["code", "end_date", "week_starts_on", "categories[1].code", "provinces[1]", "status"])
        var empty = Self.draft()
        empty.categories = []
        #expect(Self.fields(CampaignRules.validate(empty, knownProvinces: Self.provinces)) == ["categories"])
        var allRetired = Self.draft()
        allRetired.categories = [.init(code: "vneid", name: "VNeID", retired: true)]
        #expect(Self.fields(CampaignRules.validate(allRetired, knownProvinces: Self.provinces)) == ["categories"])
    }

    @Test("changes that would give stored data another meaning are refused")
    func changes() throws {
        let old = try CampaignRules.validate(Self.draft(), knownProvinces: Self.provinces).get()
        let usage = CampaignUsage(firstEntry: LocalDate(iso: "2026-07-03"), lastEntry: LocalDate(iso: "2026-08-20"),
                                  usedCategories: ["vneid"], provincesWithEntries: ["01", "79"], weeklyReports: 3, approvedWeeks: 1)
        var new = old
        new.start = LocalDate(iso: "2026-07-05")!
        new.end = LocalDate(iso: "2026-08-15")
        new.weekStartsOn = 1
        new.categories = [SupportCategory(code: "ho_so", name: "Hồ sơ")]
        new.provinces = ["01"]
        new.status = .draft
        let fields = CampaignRules.checkChange(from: old, to: new, usage: usage).map(\.field)
        #expect(fields == ["start_date", "end_date", "week_starts_on", "categories", "provinces", "status"])
        // Retiring a used category, renaming it, extending the dates and widening the scope are fine.
        var fine = old
        fine.categories = [SupportCategory(code: "vneid", name: "Cài đặt VNeID", retired: true), SupportCategory(code: "ho_so", name: "Hồ sơ")]
        fine.end = nil
        fine.provinces = ["01", "79", "14"]
        #expect(CampaignRules.checkChange(from: old, to: fine, usage: usage).isEmpty)
        // With no reports yet, the week may still change.
        var week = old
        week.weekStartsOn = 1
        #expect(CampaignRules.checkChange(from: old, to: week, usage: CampaignUsage(firstEntry: usage.firstEntry, lastEntry: usage.lastEntry)).isEmpty)
    }

    @Test("an entry gets the one campaign running for its province that day, or a message that says why not")
    func selection() {
        let summer = CampaignDefinition.summer2025
        var cards = CampaignDefinition(code: "the-dang-vien", name: "Đổi thẻ đảng viên", start: LocalDate(iso: "2025-08-15")!,
                                       end: LocalDate(iso: "2025-09-02")!, categories: [SupportCategory(code: "dang_vien", name: "Đảng viên")],
                                       requiredCourses: [], provinces: ["01"])
        let all = [summer, cards]
        func pick(_ code: String?, _ province: String, _ day: String) -> String {
            switch CampaignSelection.forEntry(code: code, province: province, date: LocalDate(iso: day)!, among: all) {
            case .success(let c): c.code
            case .failure(let e): "error: \(e.message)"
            }
        }
        #expect(pick(nil, "79", "2025-08-20") == "he-2025")
        #expect(pick(nil, "01", "2025-08-01") == "he-2025")
        #expect(pick(nil, "01", "2025-08-20").contains("Có nhiều chiến dịch cùng diễn ra (he-2025, the-dang-vien)"))
        #expect(pick("the-dang-vien", "01", "2025-08-20") == "the-dang-vien")
        #expect(pick("the-dang-vien", "79", "2025-08-20").contains("không triển khai tại tỉnh 79"))
        #expect(pick(nil, "79", "2025-09-01").contains("Không có chiến dịch nào đang diễn ra"))
        #expect(pick("he-2024", "79", "2025-08-20").contains("Không có chiến dịch \"he-2024\""))
        cards.status = .closed
        #expect(CampaignSelection.forEntry(code: "the-dang-vien", province: "01", date: LocalDate(iso: "2025-08-20")!, among: [summer, cards])
            .map(\.code) == .failure(FieldError(field: "campaign", message: "Chiến dịch \"the-dang-vien\" đã kết thúc, không nhận ghi nhận mới.",
                                                messageEN: "Campaign the-dang-vien is closed and takes no new entries.")))
    }
}
