/// The headline sentences of the weekly briefing, in the Youth Union's
/// reporting style: people counts rounded ("gần 55.000"), unit counts exact.
public enum BriefingSummary: Sendable {
    /// "Từ ngày 07/8 đến 13/8, cả nước duy trì 5.013 đội hình với gần 55.000
    /// tình nguyện viên, hỗ trợ hơn 460.000 lượt người dân tại 3.321 xã,
    /// phường, đặc khu."
    ///
    /// `scopeName` nil (or blank) means nationwide; otherwise it is used as
    /// written, so pass the official name ("Thành phố Hà Nội").
    public static func sentence(range: DateRange, scopeName: String?, figures: RollupFigures) -> String {
        let subject = subjectName(scopeName)
        let peopleClause = teamsAndVolunteers(figures)
        let supportClause = supportsClause(figures)
        let body: String
        switch (peopleClause, supportClause) {
        case let (people?, support?):
            body = "\(people), \(support)"
        case let (people?, nil):
            body = "\(people), chưa ghi nhận lượt hỗ trợ nào"
        case let (nil, support?):
            body = support
        case (nil, nil):
            body = "chưa ghi nhận đội hình hay lượt hỗ trợ nào"
        }
        return "\(BriefingDates.periodPhrase(range)), \(subject) \(body)."
    }

    /// `sentence` followed, when there is something to say, by a comparison
    /// of supports with `previous` and the three most frequent categories:
    /// "Số lượt hỗ trợ tăng 12,3% so với tuần trước; các nội dung hỗ trợ
    /// nhiều nhất là “A” (n lượt), “B” (m lượt) và “C” (k lượt)."
    ///
    /// `previous` must be the figures of `range.previous()`; nil skips the
    /// comparison. `topCategories` is the campaign's category list, used for
    /// the Vietnamese names and to break ties in display order; codes missing
    /// from it are shown as the raw code so bad data stays visible.
    public static func paragraph(
        range: DateRange, scopeName: String?, figures: RollupFigures,
        previous: RollupFigures?, topCategories categories: [SupportCategory]
    ) -> String {
        let first = sentence(range: range, scopeName: scopeName, figures: figures)
        let comparison = previous.flatMap { comparisonClause(range: range, previous: $0, current: figures) }
        let top = topCategoriesClause(figures.supportsByCategory, categories: categories)
        switch (comparison, top) {
        case let (comparison?, top?):
            return "\(first) \(comparison); \(top)."
        case let (comparison?, nil):
            return "\(first) \(comparison)."
        case let (nil, top?):
            return "\(first) \(capitalisedFirst(top))."
        case (nil, nil):
            return first
        }
    }

    // MARK: - Clauses

    private static func subjectName(_ scopeName: String?) -> String {
        // Collapsed because names typed by staff often carry stray spaces.
        let name = (scopeName ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return name.isEmpty ? "cả nước" : name
    }

    private static func teamsAndVolunteers(_ f: RollupFigures) -> String? {
        let volunteers = "\(VietnameseNumber.approximate(f.volunteersActive)) tình nguyện viên"
        switch (f.teamsMaintained > 0, f.volunteersActive > 0) {
        case (true, true): return "duy trì \(VietnameseNumber.grouped(f.teamsMaintained)) đội hình với \(volunteers)"
        case (true, false): return "duy trì \(VietnameseNumber.grouped(f.teamsMaintained)) đội hình"
        case (false, true): return "có \(volunteers)"
        case (false, false): return nil
        }
    }

    private static func supportsClause(_ f: RollupFigures) -> String? {
        guard f.supports > 0 else { return nil }
        var text = "hỗ trợ \(VietnameseNumber.approximate(f.supports)) lượt người dân"
        if f.communesCovered > 0 {
            let covered = VietnameseNumber.grouped(f.communesCovered)
            let count = f.communesCovered < f.communesInScope
                ? "\(covered)/\(VietnameseNumber.grouped(f.communesInScope))"
                : covered
            text += " tại \(count) xã, phường, đặc khu"
        }
        return text
    }

    /// Nil when there is no baseline (nothing last period), since a
    /// percentage of zero means nothing.
    private static func comparisonClause(range: DateRange, previous: RollupFigures, current: RollupFigures) -> String? {
        let period = BriefingDates.previousPeriodName(range)
        guard let change = RollupMath.relativeChange(previous: previous.supports, current: current.supports) else {
            return nil
        }
        if change == 0 { return "Số lượt hỗ trợ không đổi so với \(period)" }
        let magnitude = VietnameseNumber.percent(change.magnitude, fractionDigits: 1)
        // A change that rounds to 0,0% would read "tăng 0%", which contradicts itself.
        if magnitude == "0%" { return "Số lượt hỗ trợ gần như không đổi so với \(period)" }
        return "Số lượt hỗ trợ \(change > 0 ? "tăng" : "giảm") \(magnitude) so với \(period)"
    }

    private static func topCategoriesClause(_ counts: [String: Int], categories: [SupportCategory]) -> String? {
        let order = Dictionary(categories.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Dictionary(categories.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let top = counts.filter { $0.value > 0 }
            .sorted { a, b in
                if a.value != b.value { return a.value > b.value }
                let ia = order[a.key] ?? Int.max, ib = order[b.key] ?? Int.max
                return ia != ib ? ia < ib : a.key < b.key
            }
            .prefix(3)
        guard !top.isEmpty else { return nil }
        let items = top.map { "“\(names[$0.key] ?? $0.key)” (\(VietnameseNumber.grouped($0.value)) lượt)" }
        let list = items.count == 1
            ? items[0]
            : items.dropLast().joined(separator: ", ") + " và " + items[items.count - 1]
        return items.count == 1 ? "nội dung hỗ trợ nhiều nhất là \(list)" : "các nội dung hỗ trợ nhiều nhất là \(list)"
    }

    private static func capitalisedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
