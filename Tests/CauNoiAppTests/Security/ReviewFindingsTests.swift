import CauNoiCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

/// One test per finding of the outside security review (issue 20), each reproducing the attack as the
/// reviewers ran it. Hà Nội (01): communes 00070 and 00073; Hồ Chí Minh (79): 26506.
@Suite("Security review findings")
struct ReviewFindingsTests {
    // MARK: 1. Header injection and open redirect at sign-in

    @Test("sign-in never redirects off-site and never splits a header", arguments: Engine.enabled)
    func signInRedirect(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            try await TestUsers.makeUser("lan", password: "mật khẩu của Lan", assignments: [RoleAssignment(role: .communeAdmin, unitCode: "00070")], on: app.db)
            // The form drops an unsafe target instead of carrying it.
            let page = try await app.send(.GET, "dang-nhap?tiep=%2F%0D%0AX-Injected%3A%201", token: "")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("name=\"tiep\" value=\"\""))
            #expect(!page.body.string.contains("X-Injected"))

            let attacks = ["/\r\nSet-Cookie: caunoi_session=attacker; Path=/api\r\nX-Injected: 1", "/\t/evil.example/",
                           "//evil.example/", "/\\evil.example", "https://evil.example/", " /x", "/a\u{0}b"]
            for attack in attacks {
                let (res, session) = try await Browser.login(app, "lan", "mật khẩu của Lan", next: attack)
                #expect(res.status == .seeOther, "\(attack.debugDescription)")
                #expect(res.headers.first(name: .location) == "/", "\(attack.debugDescription) → \(res.headers.first(name: .location) ?? "-")")
                #expect(!res.headers.contains(name: "X-Injected"))
                #expect(res.headers[.setCookie].allSatisfy { !$0.contains("attacker") })
                #expect(session != nil)
            }
            let (kept, _) = try await Browser.login(app, "lan", "mật khẩu của Lan", next: "/doi-hinh?trang=2")
            #expect(kept.headers.first(name: .location) == "/doi-hinh?trang=2")
        }
    }

    // MARK: 2. Cross-province writes through team coverage

    @Test("a team's every commune must be the writer's; coverage stays in the team's province", arguments: Engine.enabled)
    func coverageWrites(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let hcm = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "26506"))
            let hoanKiem = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let hanoi = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            func body(home: String, covered: [String]) -> [String: AnyEncodable] {
                ["name": AnyEncodable("Đội lưu động"), "home_commune_code": AnyEncodable(home), "kind": AnyEncodable("mobile"),
                 "active_from": AnyEncodable("2025-07-01"), "covered_communes": AnyEncodable(covered)]
            }
            let before = try await Team.query(on: app.db).count()
            // Homed in another province, covering one's own commune.
            #expect(try await app.send(.POST, "api/v1/teams", json: body(home: "00070", covered: ["26506"]), token: hcm).status == .forbidden)
            // Homed in one's own commune, reaching into another province or a sibling commune.
            #expect(try await app.send(.POST, "api/v1/teams", json: body(home: "26506", covered: ["00070"]), token: hcm).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/teams", json: body(home: "00073", covered: ["00070"]), token: hoanKiem).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/teams", json: body(home: "00070", covered: ["00073"]), token: hoanKiem).status == .forbidden)
            // A province admin may not reach across the province border either; nobody may (it would count elsewhere).
            #expect(try await app.send(.POST, "api/v1/teams", json: body(home: "00070", covered: ["26506"]), token: hanoi).status == .forbidden)
            let central = try await app.send(.POST, "api/v1/teams", json: body(home: "00070", covered: ["26506"]))
            #expect(central.status == .unprocessableEntity)
            #expect(try central.content.decode(APIErrorBody.self).error.fields.map(\.field) == ["covered_communes[0]"])
            #expect(try await Team.query(on: app.db).count() == before)

            // Inside one's area it works: the province admin covers two of its communes.
            let team = try await app.send(.POST, "api/v1/teams", json: body(home: "00070", covered: ["00073"]), token: hanoi)
            #expect(team.status == .created)
            let dto = try team.content.decode(TeamDTO.self)
            // The home commune's admin may no longer edit it (00073 is not theirs), nor hand out its leadership.
            #expect(try await app.send(.PUT, "api/v1/teams/\(dto.id)", json: body(home: "00070", covered: ["00073"]), token: hoanKiem).status == .forbidden)
            let leader: [String: AnyEncodable] = [
                "username": AnyEncodable("doitruong.luudong"), "display_name": AnyEncodable("Đội trưởng"),
                "assignments": AnyEncodable([["role": "team_leader", "team_id": dto.id.uuidString]]),
            ]
            #expect(try await app.send(.POST, "api/v1/users", json: leader, token: hoanKiem).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/tokens", json: ["name": "Điện thoại đội", "role": "team_leader", "team_id": dto.id.uuidString],
                                       token: hoanKiem).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/users", json: leader, token: hanoi).status == .created)
        }
    }

    // MARK: 3. Personal data in every free-text field

    @Test("personal data is refused in notes, reports, reinforcement notes and difficulty notes", arguments: Engine.enabled)
    func personalDataEverywhere(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0944000001")])
            let notes = ["CCCD 079\u{A0}095\u{A0}001\u{A0}234", "gọi 0912\u{A0}345\u{A0}678", "+84 (0) 912 345 678", "0084 912 345 678",
                         "số ０９１２３４５６７８", "0912/345/678", "máy bàn (024) 3825 1234", "0912\u{200B}345678", "0912\u{2011}345\u{2011}678"]
            let batch = Batch(entries: notes.map { entry(team: team, note: $0) } + [entry(team: team, note: "Hỗ trợ 12 người ngày 12/08/2025")])
            let result = try await app.send(.POST, "api/v1/support-entries/batch", json: batch).content.decode(SupportBatchResponse.self)
            for (index, note) in notes.enumerated() {
                #expect(result.results[index].status == .rejected, "\(note.debugDescription)")
                #expect(result.results[index].error?.fields.map(\.field) == ["entries[\(index)].note"], "\(note.debugDescription)")
            }
            #expect(result.results.last?.status == .created)
            #expect(try await SupportEntry.query(on: app.db).count() == 1)

            var report = WeeklyReportDraft()
            report.communeCode = "00070"
            report.week = "2025-08-14"
            report.highlights = "Ổn định"
            report.difficulties = [DifficultyDraft(category: "platform_fault", description: "VNeID lỗi", reinforcementRequested: true,
                                                   reinforcementNote: "Liên hệ anh Nam 0987 654 321")]
            let refused = try await app.send(.POST, "api/v1/weekly-reports", json: report)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.content.decode(APIErrorBody.self).error.fields.map(\.field) == ["difficulties[0].reinforcement_note"])
            report.difficulties?[0].reinforcementNote = "Cần thêm 3 tình nguyện viên"
            let stored = try await app.send(.POST, "api/v1/weekly-reports", json: report).content.decode(WeeklyReportDTO.self)
            let difficulty = try #require(stored.difficulties.first?.id)
            let transition = try await app.send(.POST, "api/v1/difficulties/\(difficulty)/transition",
                                                json: ["to": "acknowledged", "note": "…0987 654 321, CCCD 001099012345"])
            #expect(transition.status == .unprocessableEntity)
            #expect(try transition.content.decode(APIErrorBody.self).error.fields.map(\.field) == ["note"])
            #expect(try await Difficulty.find(difficulty, on: app.db)?.status == "open")
        }
    }

    // MARK: 4. Sign-in throttle

    @Test("sixteen simultaneous guesses: five are checked, eleven are refused", arguments: Engine.enabled)
    func concurrentGuesses(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            try await TestUsers.makeUser("minh", password: "mật khẩu của Minh", assignments: [RoleAssignment(role: .communeAdmin, unitCode: "00070")], on: app.db)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        try await app.send(.POST, "api/v1/auth/login", json: ["username": "minh", "password": "đoán sai mật khẩu"], token: "").status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 11)
        }
    }

    @Test("behind a proxy, only the hop the proxy added counts; forged ones are ignored", arguments: [Engine.sqlite])
    func forgedForwardedFor(engine: Engine) async throws {
        try await withCauNoi(engine, adjust: { $0.trustProxy = true }) { app in
            let statuses = try await app.live { live in
                var statuses: [HTTPStatus] = []
                for attempt in 0..<12 {
                    // What nginx forwards: the client's forged list, then the address it really saw.
                    let headers: HTTPHeaders = ["X-Forwarded-For": "10.9.\(attempt).1, 198.51.100.7", "Content-Type": "application/json"]
                    let res = try await live.send(.POST, "api/v1/auth/login", headers: headers,
                                                  body: #"{"username":"khach\#(attempt)","password":"sai"}"#)
                    statuses.append(res.status)
                }
                return statuses
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.dropFirst(5).allSatisfy { $0 == .tooManyRequests }, "\(statuses)")
            let addresses = Set(try await AuditEntry.query(on: app.db).filter(\.$action ~~ ["login_failed", "login_throttled"]).all().compactMap(\.clientIP))
            #expect(addresses == ["198.51.100.7"])
        }
    }

    @Test("client address: forged hops never win; untrusted peers are taken as they are")
    func clientAddressRule() {
        let trusted: Set<String> = ["127.0.0.1", "10.0.0.2"]
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 198.51.100.7"], trustProxy: true, trustedProxies: trusted) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4", "198.51.100.7, 10.0.0.2"], trustProxy: true, trustedProxies: trusted) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trustProxy: true, trustedProxies: trusted) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4"], trustProxy: false, trustedProxies: trusted) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["not-an-ip"], trustProxy: true, trustedProxies: trusted) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["1.2.3.4"], trustProxy: true, trustedProxies: trusted) == "unknown")
    }

    // MARK: 5. XLSX denial of service

    @Test("a small workbook declaring millions of cells is refused, and the node keeps answering", arguments: [Engine.sqlite])
    func workbookBomb(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let bomb = try HostileWorkbook.emptyCells(rows: 150_000, columns: 64)
            #expect(bomb.count < 1_000_000)
            let exact = try await app.testing().sendRequest(.POST, "api/v1/support-entries/upload", headers: [
                "Authorization": "Bearer \(TestUsers.adminToken)", "Content-Type": "application/octet-stream",
            ], body: ByteBuffer(bytes: bomb))
            #expect(exact.status == .payloadTooLarge)
            #expect(try exact.content.decode(APIErrorBody.self).error.message.contains("400.000 ô"))
            #expect(try await app.send(.GET, "healthz", token: "").status == .ok)
        }
    }

    @Test("files beyond the parsing slots wait their turn; beyond the queue they answer 503 with Retry-After", arguments: [Engine.sqlite])
    func parsingSlots(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let csv = "Mã đội,Ngày\n"
            // A node with one slot and room for one waiter.
            let slots = ParseSlots(limit: 1, maxWaiting: 1, wait: .seconds(30))
            app.parseSlots = slots
            #expect(await slots.acquire())
            let waiting = Task { try await app.send(.POST, "api/v1/support-entries/upload", rawBody: csv, contentType: HTTPMediaType(type: "text", subType: "csv")).status }
            while await slots.waiting == 0 { try await Task.sleep(for: .milliseconds(20)) }
            let refused = try await app.send(.POST, "api/v1/support-entries/upload", rawBody: csv, contentType: HTTPMediaType(type: "text", subType: "csv"))
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers.first(name: .retryAfter) == "\(SpreadsheetParsing.retryAfterSeconds)")
            await slots.release()
            #expect(try await waiting.value == .unprocessableEntity) // it got the slot: the file was read and found empty
            // A waiter whose turn does not come in time is told to come back.
            let impatient = ParseSlots(limit: 1, maxWaiting: 4, wait: .milliseconds(50))
            app.parseSlots = impatient
            #expect(await impatient.acquire())
            #expect(try await app.send(.POST, "api/v1/support-entries/upload", rawBody: csv, contentType: HTTPMediaType(type: "text", subType: "csv")).status == .serviceUnavailable)
        }
    }

    @Test("lengths count code points, so combining marks cannot stretch a field", arguments: [Engine.sqlite])
    func combiningMarks(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let stacked = String(repeating: "x" + String(repeating: "\u{0300}", count: 50), count: 80)
            let named = try await app.send(.POST, "api/v1/tokens", json: ["name": stacked]).status
            #expect(named == .unprocessableEntity)
            let query = String(repeating: "a" + String(repeating: "\u{0301}", count: 20), count: 100)
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let searched = try await app.send(.GET, "api/v1/org-units?q=\(query)").status
            #expect(searched == .unprocessableEntity)
        }
    }

    @Test("a malformed multipart body answers 400; a number that does not fit answers 422", arguments: [Engine.sqlite])
    func malformedBodies(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let multipart = try await app.send(.POST, "api/v1/volunteers", rawBody: "--x--",
                                               contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "x"]))
            #expect(multipart.status == .badRequest)
            for days in ["1.5", "1e400", "99999999999999999999"] {
                let res = try await app.send(.POST, "api/v1/tokens", rawBody: #"{"name":"x","days":\#(days)}"#)
                #expect(res.status == .unprocessableEntity, "\(days)")
            }
            #expect(try await app.send(.POST, "api/v1/tokens", rawBody: #"{"name":"x","days":"#).status == .badRequest)
        }
    }

    // MARK: 6. Token minting

    @Test("a token made with a token expires with it and dies with it", arguments: Engine.enabled)
    func childTokens(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let parent = try await app.send(.POST, "api/v1/tokens", json: ["name": AnyEncodable("Một ngày"), "days": AnyEncodable(1)])
            let parentDTO = try parent.content.decode(TokenDTO.self)
            let parentToken = try #require(parentDTO.token)
            let child = try await app.send(.POST, "api/v1/tokens", json: ["name": AnyEncodable("Một năm"), "days": AnyEncodable(365)], token: parentToken)
            #expect(child.status == .created)
            let childDTO = try child.content.decode(TokenDTO.self)
            #expect(childDTO.expiresAt <= parentDTO.expiresAt)
            let grandchild = try await app.send(.POST, "api/v1/tokens", json: ["name": "Cháu"], token: try #require(childDTO.token))
            let grandchildToken = try #require(try grandchild.content.decode(TokenDTO.self).token)
            #expect(try await app.send(.GET, "api/v1/auth/me", token: grandchildToken).status == .ok)

            #expect(try await app.send(.POST, "api/v1/tokens/\(parentDTO.id)/revoke").status == .ok)
            app.principalCache?.removeAll()
            for token in [parentToken, try #require(childDTO.token), grandchildToken] {
                #expect(try await app.send(.GET, "api/v1/auth/me", token: token).status == .forbidden)
            }
            #expect(try await app.send(.POST, "api/v1/tokens", json: ["name": AnyEncodable("Null"), "days": AnyEncodable(Optional<Int>.none)]).status == .unprocessableEntity)
        }
    }

    // MARK: 7. Audit rows carry the object's province

    @Test("exports are filed under the province whose people were exported", arguments: Engine.enabled)
    func exportAudit(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            _ = try await app.volunteer("Người Hà Nội", phone: "0955000001", commune: "00070")
            _ = try await app.volunteer("Người Sài Gòn", phone: "0955000002", commune: "26506")
            let commune = try await app.token(for: RoleAssignment(role: .communeAdmin, unitCode: "00070"))
            let hanoi = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            #expect(try await app.send(.GET, "api/v1/exports/volunteers.csv", token: commune).status == .ok)
            #expect(try await app.send(.GET, "api/v1/exports/volunteers.csv?province=79", token: hanoi).status == .ok)
            #expect(try await app.send(.GET, "api/v1/exports/volunteers.csv").status == .ok)
            let rows = try await AuditEntry.query(on: app.db).filter(\.$action == "export.volunteers").sort(\.$at).sort(\.$id).all()
            #expect(rows.map(\.provinceCode) == ["01", "01", nil])
            // …so the province admin sees both of their province's exports in the trail.
            let trail = try await app.send(.GET, "api/v1/audit?per=500", token: hanoi).content.decode(Paged<AuditEntryDTO>.self)
            #expect(trail.items.filter { $0.action == "export.volunteers" }.count == 2)
        }
    }

    // MARK: 8. Control characters

    @Test("NUL, other controls and bidi overrides are refused in names and notes", arguments: Engine.enabled)
    func controlCharacters(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let volunteer: [String: AnyEncodable] = [
                "full_name": AnyEncodable("Nguyễn\u{0} Văn A"), "phone": AnyEncodable("0977000001"), "gender": AnyEncodable("male"),
                "home_commune_code": AnyEncodable("00070"), "force_type": AnyEncodable("local"), "consent_date": AnyEncodable("2025-07-01"),
            ]
            let res = try await app.send(.POST, "api/v1/volunteers", json: volunteer)
            #expect(res.status == .unprocessableEntity)
            #expect(try res.content.decode(APIErrorBody.self).error.fields.map(\.field) == ["full_name"])
            let team = try await app.team(members: [try await app.volunteer(phone: "0977000002")])
            var renamed: [String: AnyEncodable] = ["name": AnyEncodable("Đội \u{202E}ăn trộm"), "home_commune_code": AnyEncodable("00070"),
                                                   "kind": AnyEncodable("service_centre"), "active_from": AnyEncodable("2025-07-01")]
            #expect(try await app.send(.PUT, "api/v1/teams/\(team.id)", json: renamed).status == .unprocessableEntity)
            renamed["name"] = AnyEncodable("Đội\nhai dòng")
            #expect(try await app.send(.PUT, "api/v1/teams/\(team.id)", json: renamed).status == .unprocessableEntity)
            let notes = try await app.send(.POST, "api/v1/support-entries/batch",
                                           json: Batch(entries: [entry(team: team, note: "a\u{1}b"), entry(team: team, note: "hai dòng\nvẫn được")]))
                .content.decode(SupportBatchResponse.self)
            #expect(notes.results.map(\.status) == [.rejected, .created])
            #expect(try await Volunteer.query(on: app.db).filter(\.$phone == "0977000001").count() == 0)
        }
    }

    // MARK: 9. Numbers that are not whole numbers

    @Test("a fractional or oversized count rejects its entry by name; the rest of the batch is stored", arguments: Engine.enabled)
    func unreadableCounts(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let team = try await app.team(members: [try await app.volunteer(phone: "0988000001")])
            func raw(_ id: UUID, _ counts: String) -> String {
                """
                {"id":"\(id)","team_id":"\(team.id)","commune_code":"00070","date":"2025-08-12","volunteer_ids":[],\
                "counts":\(counts),"place":"service_centre","languages":["vi"]}
                """
            }
            let body = #"{"entries":["# + [raw(UUID(), #"{"vneid":1.5}"#), raw(UUID(), #"{"vneid":9223372036854775808}"#),
                                            raw(UUID(), #"{"vneid":"12"}"#), raw(UUID(), #"{"vneid":12}"#)].joined(separator: ",") + "]}"
            let res = try await app.send(.POST, "api/v1/support-entries/batch", rawBody: body)
            #expect(res.status == .ok, "\(res.body.string)")
            let result = try res.content.decode(SupportBatchResponse.self)
            #expect(result.results.map(\.status) == [.rejected, .rejected, .rejected, .created])
            for index in 0..<3 {
                #expect(result.results[index].error?.fields.contains { $0.field == "entries[\(index)].counts.vneid" } == true, "\(index)")
            }
        }
    }

    // MARK: 10. Existence oracles

    @Test("a write to another province's record answers like a random id; SMS replies say nothing of other provinces", arguments: Engine.enabled)
    func existenceOracles(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let saigon = try await app.volunteer("Người Sài Gòn", phone: "0966100001", commune: "26506")
            let saigonTeam = try await app.team(commune: "26506", members: [saigon])
            let hanoi = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            let volunteerBody: [String: AnyEncodable] = [
                "full_name": AnyEncodable("Người Sài Gòn"), "phone": AnyEncodable("0966100001"), "gender": AnyEncodable("male"),
                "home_commune_code": AnyEncodable("26506"), "force_type": AnyEncodable("local"), "consent_date": AnyEncodable("2025-07-01"),
            ]
            for id in [saigon, UUID()] {
                #expect(try await app.send(.PUT, "api/v1/volunteers/\(id)", json: volunteerBody, token: hanoi).status == .notFound)
                #expect(try await app.send(.POST, "api/v1/volunteers/\(id)/courses", json: ["course_code": "x"], token: hanoi).status == .notFound)
            }
            for id in [saigonTeam.id, UUID()] {
                #expect(try await app.send(.POST, "api/v1/teams/\(id)/members", json: ["volunteer_id": saigon.uuidString, "from": "2025-08-01"],
                                           token: hanoi).status == .notFound)
            }

            // An SMS gateway of province 01 texting about a team of 79, from a number of that team,
            // gets the same reply as for a team that does not exist.
            let gateway = try await app.token(for: RoleAssignment(role: .provinceAdmin, unitCode: "01"))
            func sms(_ text: String, from: String) async throws -> RecordTextReport.Reply {
                try await app.send(.POST, "api/v1/sms/inbound", json: ["message_id": UUID().uuidString, "from": from, "text": text], token: gateway)
                    .content.decode(RecordTextReport.Reply.self)
            }
            let real = try await sms("TNV \(saigonTeam.code) 12/08 VNEID 3", from: "0966100001")
            let unknown = try await sms("TNV 99999-9 12/08 VNEID 3", from: "0966100001")
            #expect(real.status == "rejected")
            #expect(real.reply.replacingOccurrences(of: saigonTeam.code, with: "X") == unknown.reply.replacingOccurrences(of: "99999-9", with: "X"))
            // A read-only gateway is refused before any lookup.
            let observer = try await app.token(for: RoleAssignment(role: .observer, unitCode: "01"))
            #expect(try await app.send(.POST, "api/v1/sms/inbound", json: ["message_id": "1", "from": "0966100001", "text": "TNV \(saigonTeam.code) 12/08 VNEID 3"],
                                       token: observer).status == .forbidden)
        }
    }

    // MARK: 12. Caching and transport headers

    @Test("personal data is never cached; https deployments send HSTS", arguments: [Engine.sqlite])
    func cachingHeaders(engine: Engine) async throws {
        try await withCauNoi(engine, adjust: { $0.explicitPublicURL = "https://caunoi.example.vn" }) { app in
            let id = try await app.volunteer(phone: "0999000001")
            let res = try await app.send(.GET, "api/v1/volunteers/\(id)")
            #expect(res.headers.first(name: .cacheControl) == "no-store")
            #expect(res.headers.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=") == true)
            #expect(try await app.send(.GET, "tinh-nguyen-vien/\(id.uuidString.lowercased())").headers.first(name: .cacheControl) == "no-store")
        }
    }

    // MARK: 13. What the document promises

    @Test("TRACE answers 405; a body that is not JSON answers 400", arguments: [Engine.sqlite])
    func protocolAnswers(engine: Engine) async throws {
        try await withCauNoi(engine) { app in
            let trace = try await app.send(.TRACE, "api/v1/teams")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers.first(name: .allow) != nil)
            #expect(try await app.send(.POST, "api/v1/teams", rawBody: "không phải JSON").status == .badRequest)
            let delete = try await app.send(.DELETE, "api/v1/volunteers")
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers.first(name: .allow) == "GET, HEAD, POST")
            #expect(try await app.send(.DELETE, "api/v1/khong-co").status == .notFound)
            // A literal path is not a parameter route's id: PUT /volunteers/import is 405, not "no volunteer 'import'".
            let put = try await app.send(.PUT, "api/v1/volunteers/import", rawBody: "x")
            #expect(put.status == .methodNotAllowed && put.headers.first(name: .allow) == "POST")
            #expect(try await app.send(.PUT, "api/v1/volunteers/template.xlsx", rawBody: "x").headers.first(name: .allow) == "GET, HEAD")
        }
    }
}
