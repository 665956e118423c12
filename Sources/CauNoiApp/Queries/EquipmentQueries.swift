import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Needs, pledges and what is still missing, by commune and by province.
enum EquipmentQueries {
    /// Per commune of the area: how many needs are not yet met by delivered (or in-use) pledges.
    static func unmetNeeds(provinces: Set<String>?, on db: any Database) async throws -> [String: Int] {
        var needs = EquipmentNeed.query(on: db)
        if let provinces { needs = needs.filter(\.$provinceCode ~~ Array(provinces)) }
        let all = try await needs.all()
        guard !all.isEmpty else { return [:] }
        let pledges = try await EquipmentPledge.query(on: db).filter(\.$needID ~~ all.compactMap(\.id)).all()
        var arrived: [UUID: Int] = [:]
        for p in pledges where p.state.meetsNeed { if let need = p.needID { arrived[need, default: 0] += p.quantity } }
        var out: [String: Int] = [:]
        for need in all where (arrived[need.id!] ?? 0) < need.quantity { out[need.communeCode, default: 0] += 1 }
        return out
    }

    static func page(actor: Actor, on db: any Database) async throws -> EquipmentPage.Model {
        let area = try await Access.scope(for: .manageEquipment, actor: actor, on: db)
        // The one list rule: rows of the caller's provinces or communes.
        let needQuery = EquipmentNeed.query(on: db), pledgeQuery = EquipmentPledge.query(on: db)
        _ = area.restrict(needQuery, .init(province: \.$provinceCode, commune: \.$communeCode))
        _ = area.restrict(pledgeQuery, .init(province: \.$provinceCode, commune: \.$communeCode))
        let needs = try await needQuery.sort(\.$createdAt, .descending).limit(500).all()
        let pledges = try await pledgeQuery.sort(\.$updatedAt, .descending).limit(500).all()
        let names = UnitPicker.labels(Set(needs.map(\.communeCode) + pledges.map(\.communeCode)))
        var arrived: [UUID: Int] = [:], promised: [UUID: Int] = [:]
        for p in pledges { if let n = p.needID { if p.state.meetsNeed { arrived[n, default: 0] += p.quantity } else { promised[n, default: 0] += p.quantity } } }
        let mayPledge = !actor.policy.areas(for: .coordinateForces).isEmpty
        return EquipmentPage.Model(
            needs: needs.map { n in
                EquipmentPage.NeedRow(id: n.id!, communeName: names[n.communeCode] ?? n.communeCode,
                                      point: (SupportPointKind(rawValue: n.pointKind)?.vietnamese ?? n.pointKind) + (n.pointName.map { " — \($0)" } ?? ""),
                                      item: EquipmentItem(rawValue: n.item)?.vietnamese ?? n.item, quantity: n.quantity,
                                      arrived: arrived[n.id!] ?? 0, promised: promised[n.id!] ?? 0, note: n.note)
            },
            pledges: pledges.map { p in
                EquipmentPage.PledgeRow(id: p.id!, communeName: names[p.communeCode] ?? p.communeCode, partner: p.partner,
                                        item: EquipmentItem(rawValue: p.item)?.vietnamese ?? p.item, quantity: p.quantity, status: p.state,
                                        dates: [("cam kết", p.pledgedOn), ("bàn giao", p.deliveredOn), ("sử dụng", p.inUseOn)]
                                            .compactMap { label, day in day.flatMap(LocalDate.init(iso:)).map { "\(label) \(BriefingDates.dayMonthYear($0))" } }
                                            .joined(separator: ", "))
            },
            mayPledge: mayPledge)
    }

    /// The briefing's lines: per province (or the one province), pledges made, delivered and in use during the week,
    /// and reinforcement moves accepted that week.
    static func briefing(week: ReportingWeek, province: String?, on db: any Database) async throws -> [BriefingPage.ForcesRow] {
        let from = week.range.from.iso, to = week.range.to.iso
        let filter: SQLQueryString = province.map { " AND province_code = \(bind: $0)" } ?? ""
        var rows: [String: BriefingPage.ForcesRow] = [:]
        func row(_ code: String) -> BriefingPage.ForcesRow {
            rows[code] ?? .init(provinceName: UnitDirectoryResource.directory.entry(code: code)?.unit.name ?? code)
        }
        for r in try await db.sql.raw("""
            SELECT province_code,
              CAST(SUM(CASE WHEN pledged_on BETWEEN \(bind: from) AND \(bind: to) THEN quantity ELSE 0 END) AS BIGINT) AS pledged,
              CAST(SUM(CASE WHEN delivered_on BETWEEN \(bind: from) AND \(bind: to) THEN quantity ELSE 0 END) AS BIGINT) AS delivered,
              CAST(SUM(CASE WHEN in_use_on BETWEEN \(bind: from) AND \(bind: to) THEN quantity ELSE 0 END) AS BIGINT) AS in_use
            -- PostgreSQL sums a BIGINT column as NUMERIC: cast back so both engines answer an integer.
            FROM equipment_pledges WHERE 1 = 1\(filter) GROUP BY province_code
            """).all() {
            let code = try r.decode(column: "province_code", as: String.self)
            var x = row(code)
            x.pledged = try r.decode(column: "pledged", as: Int.self)
            x.delivered = try r.decode(column: "delivered", as: Int.self)
            x.inUse = try r.decode(column: "in_use", as: Int.self)
            rows[code] = x
        }
        // Moves accepted that week, counted by the start date of the new membership.
        let movesFilter: SQLQueryString = province.map { " AND r.province_code = \(bind: $0)" } ?? ""
        for r in try await db.sql.raw("""
            SELECT r.province_code, COUNT(*) AS n FROM reinforcement_moves m JOIN reinforcement_requests r ON r.id = m.request_id
            WHERE m.status = 'accepted' AND m.start_date BETWEEN \(bind: from) AND \(bind: to)\(movesFilter)
            GROUP BY r.province_code
            """).all() {
            let code = try r.decode(column: "province_code", as: String.self)
            var x = row(code)
            x.movesAccepted = try r.decode(column: "n", as: Int.self)
            rows[code] = x
        }
        return rows.values.filter { $0.pledged + $0.delivered + $0.inUse + $0.movesAccepted > 0 }.sorted { $0.provinceName < $1.provinceName }
    }
}
