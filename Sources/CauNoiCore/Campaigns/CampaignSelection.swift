/// Which campaign an entry, an upload row or an SMS belongs to.
public enum CampaignSelection {
    /// With a code: that campaign, if it takes entries for the province. Without: the one campaign open
    /// for the province on that day; none or several is an error that says which.
    /// Errors name `field`, or `dateField` when no campaign was named and none runs that day.
    /// `provinceName` ("Thành phố Đà Nẵng") names the province in messages; people do not know the codes.
    /// The names for messages are only put together for an error (`@autoclosure`): the batch API routes every entry.
    public static func forEntry(code: String?, province: String, provinceName: @autoclosure () -> String? = nil, date: LocalDate,
                                among campaigns: [CampaignDefinition], field: @autoclosure () -> String = "campaign",
                                dateField: @autoclosure () -> String = "date") -> Result<CampaignDefinition, FieldError> {
        func place() -> String { provinceName() ?? "tỉnh \(province)" }
        if let code, !code.isEmpty {
            guard let campaign = campaigns.first(where: { $0.code == code }) else {
                return .failure(FieldError(field: field(), message: "Không có chiến dịch \"\(code)\".", messageEN: "No campaign \"\(code)\"."))
            }
            switch campaign.status {
            case .draft:
                return .failure(FieldError(field: field(), message: "Chiến dịch \"\(code)\" đang soạn, chưa nhận ghi nhận.",
                                           messageEN: "Campaign \(code) is a draft and takes no entries yet."))
            case .closed:
                return .failure(FieldError(field: field(), message: "Chiến dịch \"\(code)\" đã kết thúc, không nhận ghi nhận mới.",
                                           messageEN: "Campaign \(code) is closed and takes no new entries."))
            case .active: break
            }
            guard campaign.covers(province: province) else {
                return .failure(FieldError(field: field(), message: "\(campaign.name) không triển khai tại \(place()).",
                                           messageEN: "Campaign \(code) does not cover province \(province)."))
            }
            return .success(campaign)
        }
        let open = campaigns.filter { $0.isOpen(on: date, province: province) }
        switch open.count {
        case 1:
            return .success(open[0])
        case 0:
            return .failure(FieldError(field: dateField(),
                                       message: "Không có chiến dịch nào đang diễn ra tại \(place()) vào ngày \(date.longVietnamese).",
                                       messageEN: "No campaign is running in province \(province) on \(date.iso)."))
        default:
            let names = open.map(\.code).sorted().joined(separator: ", ")
            return .failure(FieldError(field: field(), message: "Có nhiều chiến dịch cùng diễn ra (\(names)); hãy chọn một chiến dịch.",
                                       messageEN: "Several campaigns are running (\(names)); name one in campaign."))
        }
    }

    /// The campaign a page or report means when none is named: one running today (for `province` when given),
    /// nation-wide before province-only (a follow-on in one province does not hide the main campaign), latest
    /// start first; else the latest that is not a draft.
    public static func current(among campaigns: [CampaignDefinition], today: LocalDate, province: String?) -> CampaignDefinition? {
        let inScope = campaigns.filter { c in province.map(c.covers) ?? true }
        let running = inScope.filter { $0.status == .active && $0.contains(today) }
        if let best = running.max(by: { a, b in (a.provinces == nil ? 1 : 0, a.start) < (b.provinces == nil ? 1 : 0, b.start) }) { return best }
        return inScope.filter { $0.status != .draft }.max { $0.start < $1.start }
    }
}
