import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// A province's (or commune's) list of volunteers from one spreadsheet. Every row is checked first and every
/// problem reported with its row and column; a file with any bad row stores nothing unless the person asks to
/// store the good rows. People are told apart by phone: a phone already registered is counted as "already
/// there" and left as it is, so uploading the same file again stores nothing twice.
enum ImportVolunteers {
    struct Result: Codable, Equatable, Sendable {
        var rows: Int
        var stored: Int
        /// Rows whose phone is already registered (left unchanged).
        var existing: Int
        var errors: [UploadEntries.RowErrorDTO]
        var storedNothing: Bool

        enum CodingKeys: String, CodingKey { case rows, stored, existing, errors, storedNothing = "stored_nothing" }
    }

    static func run(_ table: [[String]], storeValid: Bool, actor: Actor, on db: any Database) async throws -> Result {
        let area = try await Access.scope(for: .writeVolunteer, actor: actor, on: db)
        let directory = UnitDirectoryResource.directory
        // A list names the same few hundred communes again and again: each distinct text is looked up once.
        var looked: [String: Swift.Result<String, UnitNameMatcher.Problem>] = [:]
        let (rows, parseErrors) = VolunteerSheet.parse(table) { typed in
            if let known = looked[typed] { return known }
            let found = UnitPicker.communeCode(typed, area: area)
            looked[typed] = found
            return found
        }
        var errors = parseErrors.map { UploadEntries.RowErrorDTO(line: $0.line, column: $0.column, message: $0.message, messageEN: $0.messageEN) }
        let badLines = Set(errors.map(\.line))

        // Validate each readable row; the same phone twice in the file is an error on the later row.
        var valid: [(line: Int, volunteer: ValidVolunteer, province: String)] = []
        var firstLine: [String: Int] = [:]
        for row in rows where !badLines.contains(row.line) {
            switch VolunteerValidator.validate(row.draft, today: actor.today) {
            case .failure(let failure):
                for e in failure.errors {
                    errors.append(.init(line: row.line, column: VolunteerSheet.column(forField: e.field)?.header, message: e.message, messageEN: e.messageEN))
                }
            case .success(let v):
                guard let province = directory.entry(code: v.homeCommuneCode)?.provinceCode else {
                    errors.append(.init(line: row.line, column: VolunteerSheet.Column.commune.header,
                                        message: "Không tìm thấy xã \(v.homeCommuneCode).", messageEN: "No commune \(v.homeCommuneCode)."))
                    continue
                }
                guard area.matches(RecordPlace(provinceCode: province, communeCodes: [v.homeCommuneCode])) else {
                    errors.append(.init(line: row.line, column: VolunteerSheet.Column.commune.header,
                                        message: "\(directory.label(code: v.homeCommuneCode) ?? v.homeCommuneCode) ngoài phạm vi quản lý của bạn.",
                                        messageEN: "That commune is outside your area."))
                    continue
                }
                if let first = firstLine[v.phone] {
                    errors.append(.init(line: row.line, column: VolunteerSheet.Column.phone.header,
                                        message: "Trùng số điện thoại với dòng \(first).", messageEN: "Same phone as line \(first)."))
                    continue
                }
                firstLine[v.phone] = row.line
                valid.append((row.line, v, province))
            }
        }
        errors.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        let total = rows.count
        if !errors.isEmpty && !storeValid {
            return Result(rows: total, stored: 0, existing: 0, errors: errors, storedNothing: true)
        }

        // Phones already registered are left as they are.
        var taken = Set<String>()
        for chunk in valid.map(\.volunteer.phone).chunked(into: 500) {
            for row in try await db.sql.select().column("phone").from(Volunteer.schema).where("phone", .in, Array(chunk)).all() {
                taken.insert(try row.decode(column: "phone", as: String.self))
            }
        }
        let now = actor.now
        let fresh = valid.filter { !taken.contains($0.volunteer.phone) }
        let rowsToInsert = fresh.flatMap { VolunteerQueries.bulkRow($0.volunteer, id: UUIDv7.make(), provinceCode: $0.province, now: now) }
        let provinces = Set(fresh.map(\.province))
        let event = actor.event("volunteer.import", .volunteer, nil, province: provinces.count == 1 ? provinces.first : nil,
                                detail: "\(fresh.count) new, \(valid.count - fresh.count) already registered, \(errors.count) row errors")
        do {
            try await db.writeTransaction { db in
                try await VolunteerQueries.insertBulkRows(rowsToInsert, on: db)
                try await Audit.record(event, on: db)
            }
        } catch {
            // Someone registered one of these phones meanwhile: nothing was stored; the same file can be sent again.
            throw AppError.conflict(field: "phone", vi: "Một số điện thoại trong tệp vừa được đăng ký ở nơi khác; chưa lưu gì. Hãy tải lên lại.",
                                    en: "A phone in the file was registered meanwhile; nothing was stored. Upload the file again.")
        }
        return Result(rows: total, stored: fresh.count, existing: valid.count - fresh.count, errors: errors, storedNothing: false)
    }
}
