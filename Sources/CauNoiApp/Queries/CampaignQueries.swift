import CauNoiCore
import Fluent
import Vapor

enum CampaignQueries {
    static func defaultCampaign(on db: any Database) async throws -> Campaign {
        if let campaign = try await Campaign.query(on: db).filter(\.$isDefault == true).first() { return campaign }
        throw AppError.notFound(vi: "Chưa có chiến dịch mặc định. Hãy chạy `caunoi seed`.", en: "No default campaign; run `caunoi seed`.")
    }

    /// `byCode` through the node's read cache: the cache keeps a value, each caller gets its own model.
    static func cached(code: String?, cache: ReadCache?, on db: any Database) async throws -> Campaign {
        guard let cache else { return try await byCode(code, on: db) }
        return try await cache.value(.campaign(code: code)) { try CampaignRecord(try await byCode(code, on: db)) }.model()
    }

    static func byCode(_ code: String?, on db: any Database) async throws -> Campaign {
        guard let code, !code.isEmpty else { return try await defaultCampaign(on: db) }
        guard let campaign = try await Campaign.query(on: db).filter(\.$code == code).first() else {
            throw AppError.validation([FieldError(field: "campaign", message: "Không tìm thấy chiến dịch \"\(code)\".",
                                                  messageEN: "No campaign \"\(code)\".")])
        }
        return campaign
    }

    /// Every course any campaign requires: the catalogue course completions are checked against.
    static func knownCourses(on db: any Database) async throws -> [Course] {
        var seen = Set<String>()
        return try await Campaign.query(on: db).all().flatMap(\.settings.requiredCourses).filter { seen.insert($0.code).inserted }
    }
}
