import CauNoiCore
import CauNoiSheets
import Crypto
import Fluent
import Foundation
import Vapor

/// A week of entries from the template (CSV or XLSX). A file with any bad row stores nothing unless
/// the user asks to store the valid rows; re-uploading the same file never counts anything twice.
enum UploadEntries {
    struct RowErrorDTO: Content, Equatable {
        var line: Int
        var column: String?
        var message: String
        var messageEN: String
        enum CodingKeys: String, CodingKey { case line, column, message, messageEN = "message_en" }
    }

    struct Result: Content, Equatable {
        var rows: Int
        var stored: Int
        var duplicate: Int
        var errors: [RowErrorDTO]
        /// True when bad rows stopped the whole file.
        var storedNothing: Bool
        enum CodingKeys: String, CodingKey { case rows, stored, duplicate, errors, storedNothing = "stored_nothing" }
    }

    /// `campaign` is the template's campaign (the current one when nil); it must be taking entries.
    static func run(_ table: [[String]], campaign code: String?, storeValid: Bool, actor: Actor, on db: any Database) async throws -> Result {
        let principal = actor.principal
        let campaign = try await CampaignQueries.byCode(code, today: actor.today, on: db)
        guard let definition = campaign.definition else { throw AppError.server }
        guard definition.status == .active else {
            throw AppError.validation([FieldError(field: "campaign", message: "Chiến dịch \(definition.code) \(definition.status.vietnamese.lowercased()), không nhận số liệu.",
                                                  messageEN: "Campaign \(definition.code) is \(definition.status.rawValue) and takes no entries.")])
        }
        let categories = definition.activeCategories
        let (rows, parseErrors) = SpreadsheetTemplate.parse(table, categories: categories)
        var errors = parseErrors.map { RowErrorDTO(line: $0.line, column: $0.column, message: $0.message, messageEN: $0.messageEN) }

        let codes = Set(rows.map(\.teamCode))
        let teams = try await Team.query(on: db).filter(\.$code ~~ Array(codes)).all()
        let teamByCode = Dictionary(uniqueKeysWithValues: teams.map { ($0.code.uppercased(), $0) })
        let members = try await Attendance.members(of: teams.compactMap(\.id), on: db)
        var drafts: [(line: Int, entry: LenientEntry)] = []
        var seen: [String: Int] = [:]
        for row in rows {
            guard let team = teamByCode[row.teamCode], let teamID = team.id else {
                errors.append(.init(line: row.line, column: SpreadsheetTemplate.teamHeader, message: "Không tìm thấy đội hình \"\(row.teamCode)\".",
                                    messageEN: "Unknown team code \"\(row.teamCode)\"."))
                continue
            }
            var draft = SupportEntryDraft()
            draft.teamID = teamID.uuidString
            draft.communeCode = row.communeCode ?? team.$homeCommune.id
            draft.date = row.date.iso
            draft.counts = row.counts
            draft.beneficiaries = row.beneficiaries
            draft.place = row.place
            draft.languages = ["vi"]
            draft.note = row.note
            switch Attendance.resolve(row.attendance, among: members[teamID] ?? [], on: row.date) {
            case .success(let ids): draft.volunteerIDs = ids.map(\.uuidString)
            case .failure(let unknown):
                errors.append(.init(line: row.line, column: SpreadsheetTemplate.attendanceHeader,
                                    message: "Không phải thành viên của đội vào ngày \(row.date.longVietnamese): \(unknown.joined(separator: ", ")).",
                                    messageEN: "Not a member of the team on that day: \(unknown.joined(separator: ", "))."))
            }
            // Same row content (and the same n-th repeat of it) gives the same id, so a re-upload is a duplicate.
            let key = "\(teamID)|\(draft.communeCode ?? "")|\(row.date.iso)|\(row.counts.sorted { $0.key < $1.key })|\(row.beneficiaries.sorted { $0.key < $1.key })|\(row.place)|\(row.note ?? "")"
            seen[key, default: 0] += 1
            draft.id = stableID("upload|\(key)|\(seen[key]!)").uuidString
            drafts.append((row.line, LenientEntry(rawID: draft.id, campaign: campaign.code, draft: .success(draft))))
        }

        let today = actor.today
        let entries = drafts.map(\.entry)
        let routed = try await CampaignRouting.route(entries, batchCampaign: campaign.code, today: today, on: db)
        var check = routed.rejected.map { $0 ?? EntryResultDTO(id: nil, status: .rejected, error: nil) }
        for group in routed.groups {
            let answers = try await SupportEntryIngest.ingest(group.indexes.map { entries[$0] }, campaign: group.campaign, today: today,
                                                              policy: principal.policy, audit: actor.event("support_entries.upload"),
                                                              dryRun: true, positions: group.indexes, on: db)
            for (index, answer) in zip(group.indexes, answers) { check[index] = answer }
        }
        for (index, result) in check.enumerated() where result.status == .rejected {
            for field in result.error?.fields ?? [] {
                errors.append(.init(line: drafts[index].line, column: column(for: field.field), message: field.message, messageEN: field.messageEN))
            }
        }
        errors.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        if !errors.isEmpty && !storeValid {
            return Result(rows: table.count - 1, stored: 0, duplicate: 0, errors: errors, storedNothing: true)
        }
        let unreadable = Set(rows.filter(\.unreadable).map(\.line))
        let good = zip(drafts, check).filter { $0.1.status != .rejected && !unreadable.contains($0.0.line) }.map(\.0.entry)
        let stored = good.isEmpty ? [] : try await SupportEntryIngest.ingest(
            good, campaign: campaign, today: today, policy: principal.policy, audit: actor.event("support_entries.upload"), on: db)
        return Result(rows: table.count - 1, stored: stored.filter { $0.status == .created }.count,
                      duplicate: stored.filter { $0.status == .duplicate }.count, errors: errors, storedNothing: false)
    }

    /// Names the template column a validation field came from, so the secretary can find the cell.
    private static func column(for field: String) -> String? {
        let name = field.split(separator: ".").dropFirst().joined(separator: ".")
        if name.hasPrefix("counts.") { return String(name.dropFirst("counts.".count)) }
        if name.hasPrefix("volunteer_ids") { return SpreadsheetTemplate.attendanceHeader }
        switch name {
        case "date": return SpreadsheetTemplate.dateHeader
        case "commune_code": return SpreadsheetTemplate.communeHeader
        case "team_id": return SpreadsheetTemplate.teamHeader
        case "note": return SpreadsheetTemplate.noteHeader
        case "place": return SpreadsheetTemplate.placeHeader
        default: return name.isEmpty ? nil : name
        }
    }

    static func stableID(_ text: String) -> UUID {
        var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50   // name-based, as RFC 9562 version 5 lays it out
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// Who took part in a spreadsheet row: each phone or name must be a member of the row's team on its day.
enum Attendance {
    struct Member: Sendable {
        var id: UUID
        var name: String
        var phone: String
        var from: String
        var to: String?
    }

    /// The members of these teams with their dates (two queries).
    static func members(of teams: [UUID], on db: any Database) async throws -> [UUID: [Member]] {
        guard !teams.isEmpty else { return [:] }
        var out: [UUID: [Member]] = [:]
        for chunk in teams.chunked(into: 500) {
            for m in try await TeamMembership.query(on: db).filter(\.$team.$id ~~ Array(chunk)).with(\.$volunteer).all() {
                out[m.$team.id, default: []].append(Member(id: m.$volunteer.id, name: m.volunteer.fullName, phone: m.volunteer.phone,
                                                           from: m.fromDate, to: m.toDate))
            }
        }
        return out
    }

    /// The volunteers the texts name (a phone, or a full name that only one member has), or the texts that name nobody.
    static func resolve(_ texts: [String], among members: [Member], on day: LocalDate) -> Swift.Result<[UUID], Unknown> {
        let present = members.filter { $0.from <= day.iso && ($0.to.map { $0 >= day.iso } ?? true) }
        var ids: [UUID] = [], unknown: [String] = []
        for text in texts {
            let match: [Member] = if let phone = VietnamesePhone.normalise(text) {
                present.filter { $0.phone == phone }
            } else {
                present.filter { VietnameseText.fold($0.name) == VietnameseText.fold(text) }
            }
            if match.count == 1, let id = match.first?.id { if !ids.contains(id) { ids.append(id) } } else { unknown.append(text) }
        }
        return unknown.isEmpty ? .success(ids) : .failure(Unknown(texts: unknown))
    }

    struct Unknown: Error {
        var texts: [String]
        func joined(separator: String) -> String { texts.joined(separator: separator) }
    }
}
