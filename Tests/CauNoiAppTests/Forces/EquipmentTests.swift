import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Equipment for support points: needs, pledges, deliveries, and where they count")
struct EquipmentTests {
    static func form(_ fields: [(String, String)]) -> String { fields.map { "\($0.0)=\(Browser.enc($0.1))" }.joined(separator: "&") }

    @Test("a commune records what its village point lacks, the province records a partner's pledge, the commune confirms delivery and use",
          arguments: Engine.enabled)
    func flow(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00004"))
            let province = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let need = try await app.send(.POST, "thiet-bi/nhu-cau", rawBody: Self.form([
                ("commune", "00004"), ("point_kind", "village"), ("point_name", "Điểm thôn Nà Hẩu"), ("item", "computer"), ("quantity", "2")]),
                contentType: .urlEncodedForm, token: commune)
            #expect(need.status == .ok && need.body.string.contains("Đã ghi nhu cầu."))
            let stored = try #require(try await EquipmentNeed.query(on: app.db).first())
            #expect(stored.provinceCode == "01" && stored.quantity == 2)

            var short = try await app.send(.GET, "api/v1/shortages?tinh=01", token: TestUsers.adminToken).content.decode([ForceController.ShortageDTO].self)
            #expect(short.first { $0.communeCode == "00004" }?.reasons.contains("1 nhu cầu thiết bị, đường truyền chưa được đáp ứng") == true)

            // The commune may not pledge (a province or the centre records partners); the province may.
            let refused = try await app.send(.POST, "thiet-bi/cam-ket", rawBody: Self.form([("need_id", stored.id!.uuidString), ("partner", "Viettel Hà Nội")]),
                                             contentType: .urlEncodedForm, token: commune)
            #expect(refused.status == .forbidden)
            let pledged = try await app.send(.POST, "thiet-bi/cam-ket", rawBody: Self.form([("need_id", stored.id!.uuidString), ("partner", "Viettel Hà Nội")]),
                                             contentType: .urlEncodedForm, token: province)
            #expect(pledged.status == .ok && pledged.body.string.contains("Đã ghi cam kết của Viettel Hà Nội."))
            let pledge = try #require(try await EquipmentPledge.query(on: app.db).first())
            #expect(pledge.communeCode == "00004" && pledge.item == "computer" && pledge.quantity == 2 && pledge.state == .pledged)

            // A step cannot be skipped; then delivered, then in use.
            let skip = try await app.send(.POST, "thiet-bi/cam-ket/\(pledge.id!.uuidString.lowercased())", rawBody: "to=in_use",
                                          contentType: .urlEncodedForm, token: commune)
            #expect(skip.status == .conflict)
            for step in ["delivered", "in_use"] {
                let res = try await app.send(.POST, "thiet-bi/cam-ket/\(pledge.id!.uuidString.lowercased())", rawBody: "to=\(step)",
                                             contentType: .urlEncodedForm, token: commune)
                #expect(res.status == .ok)
            }
            let done = try #require(try await EquipmentPledge.find(pledge.id, on: app.db))
            #expect(done.state == .inUse && done.deliveredOn == "2025-08-15" && done.inUseOn == "2025-08-15")
            short = try await app.send(.GET, "api/v1/shortages?tinh=01", token: TestUsers.adminToken).content.decode([ForceController.ShortageDTO].self)
            #expect(short.first { $0.communeCode == "00004" }?.reasons.contains { $0.contains("thiết bị") } != true)

            // The briefing of the week (Thursday 14 – Wednesday 20 August) counts the pledge, the delivery and the use for Hà Nội.
            let rows = try await EquipmentQueries.briefing(week: CampaignDefinition.summer2025.week(containing: LocalDate(iso: "2025-08-15")!),
                                                           province: nil, on: app.db)
            #expect(rows == [.init(provinceName: "Thành phố Hà Nội", movesAccepted: 0, pledged: 2, delivered: 2, inUse: 2)])
            let briefing = try await app.send(.GET, "giao-ban?tuan=2025-08-14", token: TestUsers.adminToken)
            #expect(briefing.body.string.contains("Tăng cường lực lượng, thiết bị trong tuần"))
        }
    }

    @Test("bad needs and pledges are named field by field and store nothing; another province's commune is refused", arguments: Engine.enabled)
    func refusals(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00004"))
            let bad = try await app.send(.POST, "thiet-bi/nhu-cau", rawBody: Self.form([
                ("commune", "00004"), ("point_kind", "castle"), ("item", "computer"), ("quantity", "0"), ("note", "Liên hệ anh Nam 0912345678")]),
                contentType: .urlEncodedForm, token: commune)
            #expect(bad.status == .unprocessableEntity)
            let html = bad.body.string
            #expect(html.contains("Số lượng phải từ 1 đến 10.000.") && html.contains("castle"))
            let elsewhere = try await app.send(.POST, "thiet-bi/nhu-cau", rawBody: Self.form([
                ("commune", "26506"), ("point_kind", "village"), ("item", "computer"), ("quantity", "1")]), contentType: .urlEncodedForm, token: commune)
            #expect(elsewhere.status == .forbidden)
            let partner = try await app.send(.POST, "thiet-bi/cam-ket", rawBody: Self.form([("commune", "00004"), ("partner", "Ông Nam 0912345678"), ("item", "printer"), ("quantity", "1")]),
                                             contentType: .urlEncodedForm, token: TestUsers.adminToken)
            #expect(partner.status == .unprocessableEntity)
            #expect(try await EquipmentNeed.query(on: app.db).count() == 0)
            #expect(try await EquipmentPledge.query(on: app.db).count() == 0)
        }
    }
}
