import Foundation
import ZIPFoundation

/// Read-only, in-memory view of the parts of an OOXML package.
final class ZipPackage {
    /// Upper bounds for decompressed parts; protect the server from ZIP bombs.
    private let limits: XLSXLimits
    private var bytesRead = 0

    private let archive: Archive
    /// Keyed by normalized lowercase path because some generators vary case or use backslashes.
    private let entries: [String: Entry]

    init(data: Data, limits: XLSXLimits = .excel) throws {
        self.limits = limits
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw XLSXError.notZip
        }
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            entries[Self.key(entry.path)] = entry
        }
        guard !entries.isEmpty else { throw XLSXError.notZip }
        self.archive = archive
        self.entries = entries
    }

    func contains(_ path: String) -> Bool {
        entries[Self.key(path)] != nil
    }

    /// Decompressed bytes of a part, or nil when the package has no such part.
    func read(_ path: String) throws -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        let partLimit = min(limits.maxPartBytes, limits.maxTotalBytes - bytesRead)
        guard entry.uncompressedSize <= UInt64(max(0, partLimit)) else { throw XLSXError.tooLarge }
        var output = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                // The header's size can lie, so the limit is enforced on real output too.
                guard output.count + chunk.count <= partLimit else { throw XLSXError.tooLarge }
                output.append(chunk)
            }
            bytesRead += output.count
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError.notZip
        }
        return output
    }

    private static func key(_ path: String) -> String {
        var normalized = path.replacingOccurrences(of: "\\", with: "/")
        while normalized.hasPrefix("/") { normalized.removeFirst() }
        return normalized.lowercased()
    }
}
