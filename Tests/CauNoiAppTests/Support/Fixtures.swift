import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

/// Small helpers that drive the public API the way a client would.
extension Application {
    /// Sends as the seeded central admin unless `token` is given; `token: ""` sends anonymously. The answer is
    /// checked against the OpenAPI document (`OpenAPIConformance`).
    func send(_ method: HTTPMethod, _ path: String, json: (any Encodable & Sendable)? = nil,
              rawBody: String? = nil, contentType: HTTPMediaType = .json, token: String = TestUsers.adminToken,
              headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        let response = try await testing().sendRequest(method, path, headers: headers, beforeRequest: { req in
            if !token.isEmpty { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            if let json {
                try req.content.encode(AnyEncodable(json), as: .json)
            } else if let rawBody {
                req.headers.contentType = contentType
                req.body = ByteBuffer(string: rawBody)
            }
        })
        // Every API answer a test sees must be one the document describes.
        for problem in OpenAPIConformance.problems(method: method, path: path, status: response.status,
                                                   contentType: response.headers.first(name: .contentType),
                                                   body: Data(response.body.readableBytesView)) {
            Issue.record("OpenAPI: \(problem)")
        }
        return response
    }

    func volunteer(_ name: String = "Nguyễn Văn An", phone: String, commune: String = "00070",
                   languages: [String] = ["vi"]) async throws -> UUID {
        let body: [String: AnyEncodable] = [
            "full_name": AnyEncodable(name), "phone": AnyEncodable(phone), "gender": AnyEncodable("male"),
            "home_commune_code": AnyEncodable(commune), "force_type": AnyEncodable("local"),
            "consent_date": AnyEncodable("2025-07-01"), "languages": AnyEncodable(languages),
        ]
        let res = try await send(.POST, "api/v1/volunteers", json: body)
        try #require(res.status == .created, "creating volunteer: \(res.body.string)")
        return try res.content.decode(VolunteerDTO.self).id
    }

    func team(commune: String = "00070", kind: String = "service_centre", members: [UUID], covered: [String] = [],
              activeFrom: String = "2025-07-01") async throws -> TeamDTO {
        var body: [String: AnyEncodable] = [
            "name": AnyEncodable("Đội hình tình nguyện \(commune)"), "home_commune_code": AnyEncodable(commune),
            "kind": AnyEncodable(kind), "active_from": AnyEncodable(activeFrom),
            "members": AnyEncodable(members.map { ["volunteer_id": $0.uuidString, "from": activeFrom] }),
            "covered_communes": AnyEncodable(covered),
        ]
        if kind == "home_support" { body["hotline"] = AnyEncodable("0912345678") }
        let res = try await send(.POST, "api/v1/teams", json: body)
        try #require(res.status == .created, "creating team: \(res.body.string)")
        return try res.content.decode(TeamDTO.self)
    }
}

struct AnyEncodable: Encodable, @unchecked Sendable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// A valid entry for `team` that callers tweak.
func entry(id: UUID = UUID(), team: TeamDTO, date: String = "2025-08-12", volunteers: [UUID]? = nil,
           counts: [String: Int] = ["vneid": 12, "ho_so": 30], note: String? = nil) -> [String: AnyEncodable] {
    var e: [String: AnyEncodable] = [
        "id": AnyEncodable(id.uuidString), "team_id": AnyEncodable(team.id.uuidString),
        "commune_code": AnyEncodable(team.homeCommuneCode), "date": AnyEncodable(date),
        "volunteer_ids": AnyEncodable((volunteers ?? team.members?.map(\.volunteerID) ?? []).map(\.uuidString)),
        "counts": AnyEncodable(counts), "beneficiaries": AnyEncodable(["elderly": 5]),
        "place": AnyEncodable("service_centre"), "languages": AnyEncodable(["vi"]),
    ]
    if let note { e["note"] = AnyEncodable(note) }
    return e
}

struct Batch: Encodable, Sendable {
    var entries: [[String: AnyEncodable]]
}
