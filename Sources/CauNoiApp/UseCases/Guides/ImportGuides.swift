import CauNoiCore
import Fluent
import Foundation

/// Procedure guides from one spreadsheet. Every row is checked first (the sheet, then the guide's rules, then
/// whether the person may write guides for that place); a file with any bad row stores nothing unless asked. A guide
/// with the same title for the same place is updated, keeping its previous version, so uploading the same file
/// again changes nothing and a corrected file updates the guides it names.
enum ImportGuides {
    struct Result: Codable, Equatable, Sendable {
        var rows: Int
        var created: Int
        var updated: Int
        var unchanged: Int
        var errors: [UploadEntries.RowErrorDTO]
        var storedNothing: Bool

        enum CodingKeys: String, CodingKey { case rows, created, updated, unchanged, errors, storedNothing = "stored_nothing" }
    }

    static func run(_ table: [[String]], storeValid: Bool, actor: Actor, on db: any Database) async throws -> Result {
        let directory = UnitDirectoryResource.directory
        let (rows, parseErrors) = GuideSheet.parse(table) { typed in
            let folded = VietnameseText.words(typed).joined(separator: " ")
            if folded.isEmpty || folded == "ca nuoc" || folded == "vn" || folded == "toan quoc" { return .success(nil) }
            switch directory.pick(typed, levels: [.province]) {
            case .success(let entry): return .success(entry.unit.code)
            case .failure(let problem): return .failure(RowError(line: 0, column: nil, message: problem.message, messageEN: problem.messageEN))
            }
        }
        var errors = parseErrors.map { UploadEntries.RowErrorDTO(line: $0.line, column: $0.column, message: $0.message, messageEN: $0.messageEN) }
        let provinces = Set(try await OrgUnit.query(on: db).filter(\.$level == OrgLevel.province.rawValue).all().compactMap(\.id))
        var valid: [(line: Int, draft: ProcedureGuideDraft, guide: ProcedureGuide)] = []
        var seen: [String: Int] = [:]
        for row in rows {
            switch ProcedureGuideValidator.validate(row.draft, today: actor.today, knownProvinces: provinces) {
            case .failure(let failure):
                for e in failure.errors {
                    errors.append(.init(line: row.line, column: GuideSheet.Column.forField(e.field)?.header, message: e.message, messageEN: e.messageEN))
                }
            case .success(let guide):
                guard SaveGuide.mayEdit(province: guide.provinceCode, policy: actor.policy) else {
                    errors.append(.init(line: row.line, column: GuideSheet.Column.province.header,
                                        message: guide.provinceCode == nil ? "Chỉ Trung ương thêm hướng dẫn áp dụng cả nước." : "Tỉnh này ngoài phạm vi quản lý của bạn.",
                                        messageEN: "You may not write guides for that place."))
                    continue
                }
                let key = VietnameseText.fold(guide.title) + "|" + (guide.provinceCode ?? "")
                if let first = seen[key] {
                    errors.append(.init(line: row.line, column: GuideSheet.Column.title.header, message: "Trùng tên thủ tục với dòng \(first).",
                                        messageEN: "Same guide as line \(first)."))
                    continue
                }
                seen[key] = row.line
                valid.append((row.line, row.draft, guide))
            }
        }
        errors.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        if valid.isEmpty || (!errors.isEmpty && !storeValid) {
            return Result(rows: rows.count, created: 0, updated: 0, unchanged: 0, errors: errors, storedNothing: true)
        }
        // Existing guides by title and place.
        var existing: [String: ProcedureGuideRow] = [:]
        for row in try await ProcedureGuideRow.query(on: db).all() {
            existing[VietnameseText.fold(row.title) + "|" + (row.provinceCode ?? "")] = row
        }
        var created = 0, updated = 0, unchanged = 0
        for item in valid {
            let key = VietnameseText.fold(item.guide.title) + "|" + (item.guide.provinceCode ?? "")
            if let old = existing[key] {
                if old.guide == item.guide { unchanged += 1; continue }
                _ = try await SaveGuide.run(id: old.id, item.draft, actor: actor, on: db)
                updated += 1
            } else {
                _ = try await SaveGuide.run(id: nil, item.draft, actor: actor, on: db)
                created += 1
            }
        }
        return Result(rows: rows.count, created: created, updated: updated, unchanged: unchanged, errors: errors, storedNothing: false)
    }
}
