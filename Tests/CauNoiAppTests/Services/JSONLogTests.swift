import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
@testable import CauNoiApp

@Suite("JSON logs on request")
struct JSONLogTests {
    @Test("each record is one JSON line with time, level, label, message, source and metadata (request id)")
    func oneObjectPerLine() throws {
        let lines = NIOLockedValueBox<[String]>([])
        var handler = JSONLogHandler(label: "caunoi.test", now: { fixedNow }, write: { line in lines.withLockedValue { $0.append(line) } })
        handler.logLevel = .info
        handler[metadataKey: "node"] = "a1"
        let logger = Logger(label: "caunoi.test") { _ in handler }
        logger.debug("not written")
        logger.warning("request deferred: \"database\" unavailable", metadata: ["request-id": "R-1", "count": .stringConvertible(3)])
        let written = lines.withLockedValue { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.hasSuffix("\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["level"] == "warning" && object["label"] == "caunoi.test" && object["node"] == "a1")
        #expect(object["message"] == "request deferred: \"database\" unavailable")
        #expect(object["request-id"] == "R-1" && object["count"] == "3")
        let time = try #require(object["time"])
        #expect(try Date(time, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) == fixedNow)
    }
}
