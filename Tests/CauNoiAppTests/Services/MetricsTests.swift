import CauNoiCore
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CauNoiApp

@Suite("Metrics in Prometheus text format, for allowed addresses only")
struct MetricsTests {
    /// Sample lines as the exposition format writes them: `name{label="value",…} number`.
    static func samples(_ text: String) -> [(name: String, labels: [String: String], value: Double)] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else { return nil }
            let head = String(parts[0])
            guard let open = head.firstIndex(of: "{") else { return (head, [:], value) }
            let name = String(head[..<open])
            var labels: [String: String] = [:]
            for pair in head[head.index(after: open)..<head.index(before: head.endIndex)].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                labels[String(kv[0])] = String(kv[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return (name, labels, value)
        }
    }

    @Test("a loopback scrape counts requests by route pattern, entries ingested and open difficulties by province; others get 403",
          arguments: Engine.enabled)
    func scrape(engine: Engine) async throws {
        try await withCauNoi(engine, adjust: { $0.trustProxy = true }) { app in
            let v = try await app.volunteer(phone: "0912000001")
            let team = try await app.team(members: [v])
            let stored = try await app.send(.POST, "api/v1/support-entries/batch", json: Batch(entries: [entry(team: team), entry(team: team, date: "2025-08-11")]))
            #expect(try stored.content.decode(SupportBatchResponse.self).summary.created == 2)
            var draft = WeeklyReportDraft()
            draft.communeCode = "00070"; draft.week = "2025-08-07"; draft.highlights = "Ổn định"
            draft.difficulties = [DifficultyDraft(category: "platform_fault", description: "VNeID chậm")]
            #expect(try await app.send(.POST, "api/v1/weekly-reports", json: draft).status == .created)
            _ = try await app.send(.GET, "api/v1/teams/\(team.id.uuidString)")

            let (res, outside) = try await app.live { live in
                (try await live.send(.GET, "metrics"),
                 // Through the proxy, a client elsewhere is refused.
                 try await live.send(.GET, "metrics", headers: ["X-Forwarded-For": "203.0.113.9"]))
            }
            let text = res.body.map { String(buffer: $0) } ?? ""
            #expect(res.status == .ok && res.headers.contentType?.subType == "plain")
            let samples = Self.samples(text)
            #expect(samples.contains { $0.name == "caunoi_http_requests_total" && $0.labels["route"] == "/api/v1/teams/:id"
                && $0.labels["method"] == "GET" && $0.labels["status"] == "200" && $0.value == 1 })
            #expect(samples.first { $0.name == "caunoi_support_entries_ingested_total" }?.value == 2)
            #expect(samples.first { $0.name == "caunoi_difficulties_open_count" && $0.labels["province"] == "01" }?.value == 1)
            #expect(samples.first { $0.name == "caunoi_difficulties_open_count" && $0.labels["province"] == "79" }?.value == 0)
            #expect(samples.contains { $0.name == "caunoi_http_request_duration_seconds_bucket" && $0.labels["route"] == "/api/v1/teams/:id" })
            // Bounded labels: no concrete ids, no commune codes.
            #expect(!text.contains(team.id.uuidString) && !text.contains("00070"))
            #expect(outside.status == .forbidden)
            // So is an in-process request, which has no address.
            #expect(try await app.send(.GET, "metrics", token: "").status == .forbidden)
        }
    }
}
