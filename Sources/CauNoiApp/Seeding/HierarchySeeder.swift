import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Loads the official 2025 hierarchy (GSO codes) shipped as a package resource.
enum HierarchySeeder {
    static let source = "Tổng cục Thống kê — Danh mục đơn vị hành chính Việt Nam 2025 (34 tỉnh, thành phố; 3.321 xã, phường, đặc khu), theo gói vietnam-provinces 2025.10.1"

    struct Report: Sendable, Equatable {
        var provinces: Int
        var communes: Int
        var inserted: Int
    }

    static func catalog() throws -> DivisionsCatalog {
        guard let url = Bundle.module.url(forResource: "vn-divisions-2025", withExtension: "csv") else {
            throw AppError.badRequest(vi: "Thiếu tệp danh mục đơn vị hành chính.", en: "The divisions resource is missing.")
        }
        return try DivisionsCatalog.parse(csv: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    /// Idempotent: existing units (and the attributes admins set on them) are left untouched.
    static func seed(on database: any Database, catalog: DivisionsCatalog) async throws -> Report {
        var rows: [[any SQLExpression]] = [row(
            code: OrgUnit.nationalCode, name: "Việt Nam", level: .national, type: .quocGia,
            parent: nil, province: nil, island: false)]
        for province in catalog.provinces {
            rows.append(row(code: province.code, name: province.name, level: .province, type: province.type,
                            parent: OrgUnit.nationalCode, province: province.code, island: false))
        }
        for commune in catalog.communes {
            rows.append(row(code: commune.code, name: commune.name, level: .commune, type: commune.type,
                            parent: commune.provinceCode, province: commune.provinceCode,
                            island: commune.type == .dacKhu))
        }
        let columns = ["code", "name", "name_search", "level", "unit_type", "parent_code", "province_code",
                       "is_border", "is_island", "is_remote", "is_ethnic_area", "languages"]
        let allRows = rows
        let inserted = try await database.writeTransaction { db in
            var inserted = 0
            // Parents precede children in `rows`, so foreign keys hold chunk by chunk.
            for chunk in allRows.chunked(into: 400) {
                let result = try await db.sql.insert(into: OrgUnit.schema)
                    .columns(columns)
                    .rows(Array(chunk))
                    .ignoringConflicts(with: "code")
                    .returning("code")
                    .all()
                inserted += result.count
            }
            return inserted
        }
        return Report(provinces: catalog.provinces.count, communes: catalog.communes.count, inserted: inserted)
    }

    private static func row(code: String, name: String, level: OrgLevel, type: UnitType,
                            parent: String?, province: String?, island: Bool) -> [any SQLExpression] {
        [SQLBind(code), SQLBind(name), SQLBind(VietnameseText.fold(name)), SQLBind(level.rawValue),
         SQLBind(type.rawValue), SQLBind(parent), SQLBind(province),
         SQLBind(false), SQLBind(island), SQLBind(false), SQLBind(false), SQLBind("vi")]
    }
}
