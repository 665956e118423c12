import Foundation
import Testing
import ZIPFoundation

/// Builds and inspects ZIP packages in memory so tests can hand-craft XLSX files.
enum ZipFixture {
    /// Entries are written in the given order, as Excel writes [Content_Types].xml first.
    static func archive(_ entries: [(String, String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in entries {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return try #require(archive.data)
    }

    /// Text of one part of a package.
    static func part(_ path: String, of data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path], "missing \(path)")
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func paths(of data: Data) throws -> [String] {
        try Archive(data: data, accessMode: .read).map(\.path)
    }
}
