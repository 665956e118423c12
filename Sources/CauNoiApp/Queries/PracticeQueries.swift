import CauNoiCore
import Fluent
import Foundation

/// Good practices for pages and the API: the library, one practice with where it spread and what changed there.
enum PracticeQueries {
    static func require(_ id: UUID, on db: any Database) async throws -> Practice {
        guard let practice = try await Practice.find(id, on: db) else {
            throw AppError.notFound(ObjectKind.practice.vietnamese, ObjectKind.practice.english, id.uuidString.lowercased())
        }
        return practice
    }

    /// Every practice matching the words (accents and case folded) and tag, recommended first, then recognised.
    static func list(query: String?, tag: PracticeTag?, status: PracticeStatus? = nil, on db: any Database) async throws -> [PracticesPage.Row] {
        var q = Practice.query(on: db)
        if let status { q = q.filter(\.$status == status.rawValue) }
        if let tag { q = q.filter(\.$tags, .custom("LIKE"), "%\(tag.rawValue)%") }
        let practices = try await q.sort(\.$updatedAt, .descending).limit(1_000).all()
        let words = query?.trimmingCharacters(in: .whitespaces) ?? ""
        let shown = words.isEmpty ? practices : practices.filter { PracticeSearch.matches($0.searchText, query: words) }
        let ids = shown.compactMap(\.id)
        let adoptions = ids.isEmpty ? [] : try await PracticeAdoption.query(on: db).filter(\.$practiceID ~~ ids).all()
        let count = Dictionary(grouping: adoptions, by: \.practiceID).mapValues(\.count)
        let rank: [PracticeStatus: Int] = [.recommended: 0, .recognised: 1, .proposed: 2]
        let origins = UnitPicker.labels(Set(shown.map(\.originCode)))
        return shown.map { p in
            PracticesPage.Row(id: p.id!, title: p.title, origin: origins[p.originCode] ?? p.originCode,
                              status: p.state, tags: p.tagList.map(\.vietnamese), adoptions: count[p.id!] ?? 0)
        }.sorted { (rank[$0.status] ?? 3, $0.title) < (rank[$1.status] ?? 3, $1.title) }
    }

    /// One practice: its fields, the actions the caller may take, each adopter with the indicator four weeks before and
    /// after (from the same rollups as the briefing), and the provinces it reached.
    static func detail(_ id: UUID, actor: Actor, on db: any Database) async throws -> PracticePage.Model {
        let p = try await require(id, on: db)
        let adoptions = try await PracticeAdoption.query(on: db).filter(\.$practiceID == id).sort(\.$startDate).all()
        let names = UnitPicker.labels(Set([p.originCode] + adoptions.map(\.unitCode)))
        let campaign = try await Campaign.find(p.campaignID, on: db)
        let definition = campaign?.definition
        var rows: [PracticePage.Adopter] = []
        for a in adoptions {
            guard let start = LocalDate(iso: a.startDate) else { continue }
            let (before, after) = AdoptionWindow.ranges(start: start, today: actor.today)
            let unit: RollupQueries.Unit = OrgLevel(unitCode: a.unitCode) == .province ? .province(a.unitCode) : .commune(a.unitCode)
            func value(_ range: DateRange?) async throws -> Double? {
                guard let range, let campaign, let definition else { return nil }
                let scope = RollupQueries.Scope(campaignID: try campaign.requireID(), unit: unit, range: range,
                                                requiredCourses: definition.requiredCourses.map(\.code),
                                                ledger: RollupService.ledgerSpan(definition, today: actor.today), provinces: definition.provinces)
                return p.indicatorKind.value(try await RollupQueries.figures(scope, on: db)[""] ?? .zero)
            }
            rows.append(.init(unitName: names[a.unitCode] ?? a.unitCode, start: BriefingDates.dayMonthYear(start), changes: a.changes,
                              before: try await value(before), after: try await value(after),
                              afterDays: after.map { $0.to.dayNumber - $0.from.dayNumber + 1 } ?? 0))
        }
        var perProvince: [String: Double] = [:]
        for a in adoptions { perProvince[a.provinceCode, default: 0] += 1 }
        let policy = actor.policy
        let next = p.state.next
        let mayAdvance = next.map { policy.allows($0 == .recommended ? .recommendPractice : .recognisePractice, on: RecordPlace(provinceCode: p.provinceCode)) } ?? false
        return PracticePage.Model(
            id: id, title: p.title, origin: names[p.originCode] ?? p.originCode, start: LocalDate(iso: p.startDate).map(BriefingDates.dayMonthYear) ?? p.startDate,
            campaignName: campaign?.name ?? "", status: p.state, problem: p.problem, whatWasDone: p.whatWasDone, resources: p.resources,
            results: p.results, indicator: p.indicatorKind, tags: p.tagList.map(\.vietnamese), fromReport: p.reportID != nil,
            createdBy: p.createdBy, adopters: rows, provincesReached: perProvince,
            provinceNames: Dictionary(UnitDirectoryResource.directory.entries.filter { $0.level == .province }.map { ($0.unit.code, $0.unit.name) },
                                      uniquingKeysWith: { a, _ in a }),
            nextStatus: mayAdvance ? next : nil, mayAdopt: !policy.areas(for: .writePractice).isEmpty,
            mayEdit: policy.allowsEverywhere(.writePractice, on: p.place))
    }

    /// The briefing's lines: practices the centre recommended during the week, and adoptions that started in it.
    static func briefing(week: ReportingWeek, province: String?, on db: any Database) async throws -> [BriefingPage.PracticeLine] {
        let from = week.range.from.iso, to = week.range.to.iso
        var recommended = Practice.query(on: db).filter(\.$status == PracticeStatus.recommended.rawValue)
            .filter(\.$statusChangedOn >= from).filter(\.$statusChangedOn <= to)
        if let province { recommended = recommended.filter(\.$provinceCode == province) }
        var lines = try await recommended.all().map {
            BriefingPage.PracticeLine(id: $0.id!, title: $0.title, what: "Trung ương khuyến nghị nhân rộng")
        }
        var adopted = PracticeAdoption.query(on: db).filter(\.$startDate >= from).filter(\.$startDate <= to)
        if let province { adopted = adopted.filter(\.$provinceCode == province) }
        let adoptions = try await adopted.all()
        if !adoptions.isEmpty {
            let practices = try await Practice.query(on: db).filter(\.$id ~~ Array(Set(adoptions.map(\.practiceID)))).all()
            let names = UnitPicker.labels(Set(adoptions.map(\.unitCode)))
            for p in practices {
                let where_ = adoptions.filter { $0.practiceID == p.id }.map { names[$0.unitCode] ?? $0.unitCode }.sorted()
                lines.append(.init(id: p.id!, title: p.title, what: "Áp dụng tại " + where_.joined(separator: "; ")))
            }
        }
        return lines
    }

    /// Candidates from the figures in one province (or one commune of it): the last three finished reporting weeks of
    /// the campaign running there, communes already written up or set aside left out.
    static func candidates(province: String, commune: String?, today: LocalDate, on db: any Database) async throws -> [PracticesPage.CandidateRow] {
        guard let campaign = CampaignQueries.pick(try await CampaignQueries.all(on: db), today: today, province: province),
              let definition = campaign.definition else { return [] }
        let campaignID = try campaign.requireID()
        let last = definition.briefingWeek(today: today)
        let weeks = [last.adding(weeks: -2), last.adding(weeks: -1), last].filter { $0.start >= definition.firstWeek.start }
        guard weeks.count == 3 else { return [] }
        let units = try await OrgUnit.query(on: db).filter(\.$provinceCode == province).filter(\.$level == OrgLevel.commune.rawValue).all()
        let hard = Dictionary(units.compactMap { u in u.id.map { ($0, u.isBorder || u.isIsland || u.isRemote || u.isEthnicArea) } }, uniquingKeysWith: { a, _ in a })
        var perWeek: [[PracticeCandidates.CommuneWeek]] = []
        for week in weeks {
            let scope = RollupQueries.Scope(campaignID: campaignID, unit: .province(province), range: week.range, requiredCourses: [],
                                            ledger: RollupService.ledgerSpan(definition, today: today), provinces: definition.provinces)
            perWeek.append(try await RollupQueries.figures(scope, byChild: true, on: db).compactMap { code, f in
                hard[code].map { .init(code: code, provinceCode: province, isHardArea: $0, volunteers: f.volunteersActive, supports: f.supports,
                                       homeVisits: f.supportsByPlace[SupportPlace.home.rawValue] ?? 0) }
            })
        }
        let written = Set(try await Practice.query(on: db).filter(\.$provinceCode == province).all().map(\.originCode))
        let dismissed = Set(try await PracticeCandidateDismissal.query(on: db).all().map { "\($0.communeCode)|\($0.indicator)" })
        let names = UnitPicker.labels(Set(units.compactMap(\.id)))
        return PracticeCandidates.find(weeks: perWeek).filter { c in
            !written.contains(c.code) && !dismissed.contains("\(c.code)|\(c.indicator.rawValue)") && (commune == nil || commune == c.code)
        }.map { c in
            PracticesPage.CandidateRow(code: c.code, communeName: names[c.code] ?? c.code, indicator: c.indicator,
                                       weeks: zip(c.values, c.medians).map { "\(VietnameseNumber.decimal($0, fractionDigits: 1)) (trung vị \(VietnameseNumber.decimal($1, fractionDigits: 1)))" })
        }
    }
}
