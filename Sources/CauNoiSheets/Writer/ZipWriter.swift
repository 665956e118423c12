import Foundation
import ZIPFoundation

/// Builds a ZIP archive entirely in memory; the server never writes exports to disk.
enum ZipWriter {
    /// Fixed timestamp so identical input yields identical bytes (cacheable, diffable exports).
    private static let entryDate = Date(timeIntervalSince1970: 1_704_067_200) // 2024-01-01T00:00:00Z

    static func archive(_ entries: [(path: String, data: Data)]) throws -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for entry in entries {
                let bytes = entry.data
                try archive.addEntry(
                    with: entry.path,
                    type: .file,
                    uncompressedSize: Int64(bytes.count),
                    modificationDate: entryDate,
                    compressionMethod: .deflate,
                    provider: { position, size in
                        let start = bytes.startIndex + Int(position)
                        return bytes.subdata(in: start..<(start + size))
                    }
                )
            }
            guard let data = archive.data else { throw XLSXError.writeFailed }
            return data
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError.writeFailed
        }
    }
}
