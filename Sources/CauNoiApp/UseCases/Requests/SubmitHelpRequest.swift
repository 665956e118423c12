import CauNoiCore
import Crypto
import Fluent
import Foundation

/// A citizen asks for help at home, without an account: the least data that lets a team help, two explicit
/// consents, and a reference code to follow the request. Bots fill the hidden field and are refused; one phone may
/// send a few requests a day and one address a few an hour, so the queue cannot be flooded.
enum SubmitHelpRequest {
    static let perPhonePerDay = 3
    static let perSourcePerHour = 10

    static func run(_ draft: HelpRequestDraft, trap: String?, visitor: Visitor, on db: any Database) async throws -> HelpRequest {
        // A person never sees the trap field; anything in it is a form filled by a program.
        if let trap, !trap.isEmpty {
            throw AppError.badRequest(vi: "Không gửi được đề nghị. Hãy tải lại trang rồi gửi lại.", en: "The request could not be sent.")
        }
        let valid: ValidHelpRequest
        switch HelpRequestValidator.validate(draft) {
        case .success(let v): valid = v
        case .failure(let failure): throw AppError.validation(failure.errors)
        }
        guard let entry = UnitDirectoryResource.directory.entry(code: valid.communeCode), entry.level == .commune else {
            throw AppError.validation([FieldError(field: "commune_code", message: "Không có xã, phường mã \(valid.communeCode).",
                                                  messageEN: "No commune \(valid.communeCode).")])
        }
        let now = visitor.now
        let source = visitor.clientIP.map { Hex.string(SHA256.hash(data: Data("help|\($0)".utf8))) }
        let byPhone = try await HelpRequest.query(on: db).filter(\.$phone == valid.phone)
            .filter(\.$createdAt > now.addingTimeInterval(-86_400)).count()
        if byPhone >= perPhonePerDay {
            throw AppError.rateLimited(retryAfter: 3_600, vi: "Số điện thoại này đã gửi \(perPhonePerDay) đề nghị trong 24 giờ. Hãy chờ đội gọi lại, hoặc gọi đường dây nóng của xã.",
                                       en: "This phone already sent \(perPhonePerDay) requests in 24 hours.")
        }
        if let source {
            let bySource = try await HelpRequest.query(on: db).filter(\.$sourceHash == source)
                .filter(\.$createdAt > now.addingTimeInterval(-3_600)).count()
            if bySource >= perSourcePerHour {
                throw AppError.rateLimited(retryAfter: 3_600, vi: "Có quá nhiều đề nghị gửi từ cùng một nơi trong một giờ. Hãy thử lại sau.",
                                           en: "Too many requests from one address in an hour.")
            }
        }
        let campaigns = try await CampaignQueries.all(on: db)
        let today = LocalDate.today(now: now)
        let campaign = CampaignSelection.current(among: campaigns.compactMap(\.definition), today: today, province: entry.provinceCode)
            .flatMap { c in campaigns.first { $0.code == c.code } }

        let request = HelpRequest()
        request.id = UUIDv7.make()
        request.campaignID = campaign?.id
        request.communeCode = valid.communeCode
        request.provinceCode = entry.provinceCode
        request.callName = valid.callName
        request.phone = valid.phone
        request.address = valid.address
        request.details = valid.details
        request.needs = valid.needs.map(\.rawValue).joined(separator: ",")
        request.visitWindow = valid.window.rawValue
        request.language = valid.language.rawValue
        request.forRelative = valid.forRelative
        request.consentedAt = now
        request.status = HelpRequestStatus.received.rawValue
        request.sourceHash = source
        request.createdAt = now
        request.updatedAt = now
        // A code already given out is drawn again (one in 8.5 × 10¹¹ per request); the unique index guards the rest.
        var generator = SystemRandomNumberGenerator()
        repeat {
            request.reference = ReferenceCode.make((0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) })
        } while try await HelpRequest.query(on: db).filter(\.$reference == request.reference).count() > 0
        let event = AuditEvent(at: now, by: nil, requestID: visitor.requestID, clientIP: visitor.clientIP, action: "help_request.create",
                               kind: .helpRequest, id: request.id?.uuidString.lowercased(), province: entry.provinceCode, detail: valid.communeCode)
        try await db.writeTransaction { db in
            try await request.create(on: db)
            try await Audit.record(event, on: db)
        }
        return request
    }
}
