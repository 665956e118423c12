import Foundation
import Testing

/// Compares text with a file under __Snapshots__; `SNAPSHOT_RECORD=1` (re)writes it.
/// A missing snapshot is written and the test fails, so a new snapshot is always looked at once.
func assertSnapshot(_ text: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    if record || !FileManager.default.fileExists(atPath: file.path) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("Recorded snapshot \(name); check it and run again.", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(text == expected, "snapshot \(name) differs; rerun with SNAPSHOT_RECORD=1 if the change is intended", sourceLocation: sourceLocation)
}
