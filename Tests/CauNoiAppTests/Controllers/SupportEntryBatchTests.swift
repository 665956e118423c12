import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CauNoiApp

@Suite("Support entries: batch ingest, idempotency and validation")
struct SupportEntryBatchTests {
    /// A team of two at Phường Hoàn Kiếm, ready to log.
    private func setUp(_ app: Application) async throws -> TeamDTO {
        let a = try await app.volunteer("Trần Thị Bình", phone: "0912000001")
        let b = try await app.volunteer("Lê Văn Cường", phone: "0912000002")
        return try await app.team(members: [a, b])
    }

    private func post(_ app: Application, _ entries: [[String: AnyEncodable]]) async throws -> SupportBatchResponse {
        let res = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: entries))
        try #require(res.status == .ok, "\(res.status): \(res.body.string)")
        return try res.content.decode(SupportBatchResponse.self)
    }

    private func storedCount(_ app: Application) async throws -> Int {
        try await SupportEntry.query(on: app.db).count()
    }

    @Test("same id twice is a duplicate; same id, other content is a conflict", arguments: Engine.enabled)
    func idempotency(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await setUp(app)
            let id = UUID()
            let first = try await post(app, [entry(id: id, team: team)])
            #expect(first.results.map(\.status) == [.created])
            let again = try await post(app, [entry(id: id, team: team)])
            #expect(again.results.map(\.status) == [.duplicate])
            #expect(again.results[0].id == id.uuidString)
            let changed = try await post(app, [entry(id: id, team: team, counts: ["vneid": 13])])
            #expect(changed.results.map(\.status) == [.conflict])
            #expect(changed.results[0].error?.fields.first?.field == "entries[0].id")
            #expect(try await storedCount(app) == 1)

            let list = try await app.send(.GET, "api/v1/support-entries").content.decode(Paged<SupportEntryDTO>.self)
            #expect(list.total == 1)
            #expect(list.items.first?.counts == ["vneid": 12, "ho_so": 30])
            #expect(list.items.first?.total == 42)
            #expect(list.items.first?.volunteerIDs.count == 2)
        }
    }

    @Test("the answer's bytes: written directly without errors, by the JSON encoder with one", arguments: Engine.enabled)
    func answerBytes(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await setUp(app)
            let id = UUID()
            let good = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(id: id, team: team)]))
            #expect(good.status == .ok)
            #expect(good.headers.contentType == .json)
            #expect(good.body.string == #"{"results":[{"id":"\#(id.uuidString)","status":"created"}],"summary":{"conflict":0,"created":1,"duplicate":0,"rejected":0}}"#)
            let bad = try await app.send(.POST, "api/v1/support-entries/batch",
                                         json: Batch(entries: [entry(id: id, team: team), entry(team: team, date: "2025-13-01")]))
            #expect(bad.status == .ok)
            #expect(bad.headers.contentType == .json)
            let answer = try bad.content.decode(SupportBatchResponse.self)
            #expect(answer.results.map(\.status) == [.duplicate, .rejected])
            #expect(answer.results[1].error?.fields.first?.field == "entries[1].date")
            #expect(bad.body.string.hasPrefix(#"{"results":[{"id":"\#(id.uuidString)","status":"duplicate"},{"error":{"#))
        }
    }

    @Test("the same id twice within one batch is stored once", arguments: Engine.enabled)
    func duplicateInsideBatch(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await setUp(app)
            let id = UUID()
            let result = try await post(app, [entry(id: id, team: team), entry(id: id, team: team),
                                              entry(id: id, team: team, counts: ["tra_cuu": 10])])
            #expect(result.results.map(\.status) == [.created, .duplicate, .conflict])
            #expect(try await storedCount(app) == 1)
        }
    }

    @Test("16 concurrent sends of one entry store exactly one", arguments: Engine.enabled)
    func concurrentDuplicates(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await setUp(app)
            let id = UUID()
            let statuses = try await withThrowingTaskGroup(of: EntryResultDTO.Status.self) { group in
                for _ in 0..<16 {
                    group.addTask { try await post(app, [entry(id: id, team: team)]).results[0].status }
                }
                return try await group.reduce(into: [EntryResultDTO.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .duplicate }.count == 15)
            #expect(try await storedCount(app) == 1)
            let counted = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM support_entry_counts").first()?.decode(column: "n", as: Int.self)
            #expect(counted == 2)
        }
    }

    @Test("concurrent writers of distinct batches all succeed", arguments: Engine.enabled)
    func concurrentWriters(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await setUp(app)
            let created = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await post(app, (0..<50).map { _ in entry(team: team) }).summary.created
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(created == 400)
            #expect(try await storedCount(app) == 400)
        }
    }

    @Test("notes with citizen personal data are rejected with the reason", arguments: Engine.enabled)
    func personalData(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await setUp(app)
            let result = try await post(app, [
                entry(team: team, note: "Hỗ trợ bà Lan, CCCD 001190012345"),
                entry(team: team, note: "Gọi lại số 0912 345 678 để hẹn"),
                entry(team: team, note: "Hỗ trợ 12 cụ cao tuổi ngày 07/08"),
            ])
            #expect(result.results.map(\.status) == [.rejected, .rejected, .created])
            #expect(result.results[0].error?.fields.first?.field == "entries[0].note")
            #expect(result.results[0].error?.message.contains("CCCD") == true)
            #expect(result.results[1].error?.message.contains("số điện thoại") == true)
            #expect(try await storedCount(app) == 1)
        }
    }

    @Test("every validation rule rejects with the field and keeps the good entries", arguments: Engine.enabled)
    func validationRules(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await setUp(app)
            let stranger = try await app.volunteer("Người Ngoài", phone: "0912000099")
            var unknownCommune = entry(team: team); unknownCommune["commune_code"] = AnyEncodable("99999")
            var notServed = entry(team: team); notServed["commune_code"] = AnyEncodable("00073")
            var badUUID = entry(team: team); badUUID["id"] = AnyEncodable("not-a-uuid")
            var badTeam = entry(team: team); badTeam["team_id"] = AnyEncodable(UUID().uuidString)
            var wrongType = entry(team: team); wrongType["counts"] = AnyEncodable("nhiều")
            var badPlace = entry(team: team); badPlace["place"] = AnyEncodable("cafe")
            let cases: [(String, [String: AnyEncodable])] = [
                ("commune_code", unknownCommune),
                ("commune_code", notServed),
                ("date", entry(team: team, date: "2025-06-30")),
                ("date", entry(team: team, date: "2025-08-16")),
                ("date", entry(team: team, date: "12/08/2025")),
                ("counts.vneid", entry(team: team, counts: ["vneid": -1])),
                ("counts.vneid", entry(team: team, counts: ["vneid": 2_001])),
                ("counts.karaoke", entry(team: team, counts: ["karaoke": 3])),
                ("counts", entry(team: team, counts: [:])),
                ("id", badUUID),
                ("team_id", badTeam),
                ("counts", wrongType),
                ("place", badPlace),
                ("volunteer_ids", entry(team: team, volunteers: [stranger])),
            ]
            let good = entry(team: team)
            let result = try await post(app, cases.map(\.1) + [good])
            for (index, (field, _)) in cases.enumerated() {
                let r = result.results[index]
                #expect(r.status == .rejected, "case \(index) \(field)")
                let fields = r.error?.fields.map(\.field) ?? []
                #expect(fields.contains("entries[\(index)].\(field)"), "case \(index): expected \(field), got \(fields)")
                #expect(r.error?.message.isEmpty == false)
            }
            #expect(result.results.last?.status == .created)
            #expect(result.summary == .init(created: 1, duplicate: 0, conflict: 0, rejected: cases.count))
            #expect(try await storedCount(app) == 1)
        }
    }

    @Test("malformed bodies are refused whole and change nothing", arguments: Engine.enabled)
    func malformedBodies(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            _ = try await setUp(app)
            let invalidUTF8 = try await app.testing().sendRequest(.POST, "api/v1/support-entries/batch", beforeRequest: { req in
                req.headers.contentType = .json
                var buffer = ByteBuffer(string: "{\"entries\":[{\"note\":\"")
                buffer.writeBytes([0xC3, 0x28, 0xFF])
                buffer.writeString("\"}]}")
                req.body = buffer
            })
            #expect(invalidUTF8.status.code >= 400 && invalidUTF8.status.code < 500)
            #expect(try invalidUTF8.content.decode(APIErrorBody.self).error.message.isEmpty == false)

            let notJSON = try await app.send(.POST, "api/v1/support-entries/batch", rawBody: "{entries: oops")
            #expect(notJSON.status == .unprocessableEntity || notJSON.status == .badRequest)
            let wrongShape = try await app.send(.POST, "api/v1/support-entries/batch", rawBody: "{\"entries\": 5}")
            #expect(wrongShape.status == .unprocessableEntity)
            #expect(try wrongShape.content.decode(APIErrorBody.self).error.fields.first?.field == "entries")
            let empty = try await app.send(.POST, "api/v1/support-entries/batch", rawBody: "{\"entries\": []}")
            #expect(empty.status == .unprocessableEntity)
            let form = try await app.send(.POST, "api/v1/support-entries/batch", rawBody: "entries=1", contentType: .urlEncodedForm)
            #expect(form.status == .badRequest)
            #expect(try await storedCount(app) == 0)
        }
    }

    @Test("more than 5,000 entries in one call is refused", arguments: Engine.enabled)
    func tooMany(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await setUp(app)
            let one = entry(team: team)
            let res = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: Array(repeating: one, count: 5_001)))
            #expect(res.status == .payloadTooLarge)
            #expect(try res.content.decode(APIErrorBody.self).error.message.contains("5.000"))
            #expect(try await storedCount(app) == 0)
        }
    }

    @Test("a body over 8 MB is refused before it is read", arguments: [Engine.sqlite])
    func oversizedBody(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let big = "{\"entries\":[" + String(repeating: " ", count: 9 * 1024 * 1024) + "]}"
            let res = try await app.testing(method: .running(port: Int.random(in: 20_000..<40_000))).sendRequest(.POST, "api/v1/support-entries/batch", beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: big)
            })
            #expect(res.status == .payloadTooLarge)
        }
    }

    @Test("entries are filtered by team, commune and dates", arguments: Engine.enabled)
    func listing(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await setUp(app)
            _ = try await post(app, [entry(team: team, date: "2025-08-01"), entry(team: team, date: "2025-08-10"),
                                     entry(team: team, date: "2025-08-12")])
            let week = try await app.send(.GET, "api/v1/support-entries?from=2025-08-04&to=2025-08-10").content.decode(Paged<SupportEntryDTO>.self)
            #expect(week.items.map(\.date) == ["2025-08-10"])
            let byTeam = try await app.send(.GET, "api/v1/support-entries?team=\(team.id.uuidString)&commune=00070").content.decode(Paged<SupportEntryDTO>.self)
            #expect(byTeam.total == 3)
            #expect(byTeam.items.map(\.date) == ["2025-08-12", "2025-08-10", "2025-08-01"])
            let bad = try await app.send(.GET, "api/v1/support-entries?from=01/08/2025")
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.content.decode(APIErrorBody.self).error.fields.first?.field == "from")
        }
    }
}
