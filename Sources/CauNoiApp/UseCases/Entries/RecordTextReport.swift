import CauNoiCore
import Fluent
import Foundation
import Vapor

/// Reports sent by SMS through a gateway. The gateway authenticates with its API token; the sender's
/// number must belong to a current member of the named team, so nobody can report for a team by text alone.
enum RecordTextReport {
    struct Inbound: Content {
        var messageID: String?
        var from: String?
        var text: String?
        enum CodingKeys: String, CodingKey { case messageID = "message_id", from, text }
    }

    struct Reply: Content, Equatable {
        var status: String
        var reply: String
        var entryID: String?
        enum CodingKeys: String, CodingKey { case status, reply, entryID = "entry_id" }
    }

    static func run(_ inbound: Inbound, actor: Actor, on db: any Database) async throws -> Reply {
        let principal = actor.principal
        // A gateway that may log entries nowhere is refused outright (403), the same for every message.
        _ = try await Access.scope(for: .writeEntries, actor: actor, on: db)
        guard let messageID = inbound.messageID?.trimmingCharacters(in: .whitespaces), !messageID.isEmpty, messageID.unicodeScalars.count <= 100 else {
            throw AppError.validation([FieldError(field: "message_id", message: "Thiếu mã tin nhắn của cổng SMS.", messageEN: "message_id is required.")])
        }
        let (report, team): (TextReport, Team)
        switch try await readTeam(inbound.text ?? "", actor: actor, on: db) {
        case .refused(let reply): return reply
        case .teamNotFound(let code): return Reply(status: "rejected", reply: "Không tìm thấy đội \(code). Kiểm tra mã đội.", entryID: nil)
        case .read(let r, let t): (report, team) = (r, t)
        }
        guard let teamID = team.id else { throw AppError.server }
        guard let phone = inbound.from.flatMap(VietnamesePhone.normalise),
              let sender = try await Volunteer.query(on: db).filter(\.$phone == phone).first(), let senderID = sender.id,
              try await TeamMembership.query(on: db).filter(\.$team.$id == teamID).filter(\.$volunteer.$id == senderID)
                  .filter(\.$toDate == nil).count() > 0 else {
            return Reply(status: "rejected", reply: "Số điện thoại này không thuộc đội \(report.teamCode).", entryID: nil)
        }
        let campaign: Campaign
        switch try await chooseCampaign(report, team: team, on: db) {
        case .success(let chosen): campaign = chosen
        case .failure(let refusal): return refusal.reply
        }
        var draft = SupportEntryDraft()
        let id = UploadEntries.stableID("sms|\(messageID)")
        draft.id = id.uuidString
        draft.teamID = teamID.uuidString
        draft.communeCode = team.$homeCommune.id
        draft.date = report.date.iso
        draft.volunteerIDs = [senderID.uuidString]
        draft.counts = report.counts
        draft.place = SupportPlace.village.rawValue
        draft.languages = ["vi"]
        let result = try await SupportEntryIngest.ingest(
            [LenientEntry(rawID: draft.id, draft: .success(draft))], campaign: campaign, today: actor.today, policy: principal.policy,
            audit: actor.event("support_entries.sms"), on: db)[0]
        let total = report.counts.values.reduce(0, +)
        let day = BriefingDates.dayMonth(report.date)
        switch result.status {
        case .created:
            return Reply(status: "created", reply: "Đã ghi nhận đội \(report.teamCode) ngày \(day): \(VietnameseNumber.grouped(total)) lượt. Cảm ơn!",
                         entryID: id.uuidString.lowercased())
        case .duplicate:
            return Reply(status: "duplicate", reply: "Tin này đã được ghi nhận trước đó.", entryID: id.uuidString.lowercased())
        case .conflict, .rejected:
            let reason = result.error?.fields.first?.message ?? result.error?.message ?? "Không ghi nhận được."
            return Reply(status: result.status.rawValue, reply: "Chưa ghi nhận: \(reason)", entryID: nil)
        }
    }

    enum TeamReading {
        case read(TextReport, Team)
        /// Unreadable: the reply says how to write it.
        case refused(Reply)
        /// No such team in the caller's area (the code as written).
        case teamNotFound(String)
    }

    /// The message read and its team found in the caller's area, or the reply refusing it. A team outside the area
    /// answers exactly like a team that does not exist, so replies say nothing about other provinces' teams.
    static func readTeam(_ text: String, actor: Actor, on db: any Database) async throws -> TeamReading {
        let report: TextReport
        switch TextReportParser.parse(text, today: actor.today) {
        case .failure(let failure): return .refused(Reply(status: "rejected", reply: failure.reply, entryID: nil))
        case .success(let parsed): report = parsed
        }
        let found = try await Team.query(on: db).filter(\.$code == report.teamCode).first()
        let inArea = try await found.asyncMap { team -> Bool in
            let place = Places.team(team, coverage: try await TeamQueries.coverage(of: try team.requireID(), on: db))
            return actor.policy.allows(.writeEntries, on: place)
        } ?? false
        guard let team = found, inArea else { return .teamNotFound(report.teamCode) }
        return .read(report, team)
    }

    struct Refusal: Error {
        var reply: Reply
    }

    /// The campaign the text names (CD …), or the one running in the team's province that day.
    static func chooseCampaign(_ report: TextReport, team: Team, on db: any Database) async throws -> Swift.Result<Campaign, Refusal> {
        let campaigns = try await CampaignQueries.all(on: db)
        let chosen = CampaignSelection.forEntry(code: report.campaign, province: team.provinceCode,
                                                provinceName: UnitDirectoryResource.directory.label(code: team.provinceCode), date: report.date,
                                                among: campaigns.compactMap(\.definition))
        guard case .success(let definition) = chosen, let campaign = campaigns.first(where: { $0.code == definition.code }) else {
            let reply = report.campaign == nil
                ? "Không có chiến dịch nào đang diễn ra cho đội \(report.teamCode) ngày \(BriefingDates.dayMonth(report.date)), hoặc có nhiều chiến dịch: thêm CD <mã chiến dịch>."
                : "Chiến dịch \(report.campaign ?? "") không nhận tin của đội \(report.teamCode) (không có, đã kết thúc hoặc không triển khai tại tỉnh)."
            return .failure(Refusal(reply: Reply(status: "rejected", reply: reply, entryID: nil)))
        }
        return .success(campaign)
    }
}
