import Foundation

/// Lower-case hex by table: `String(format: "%02x")` per byte was a visible share of bulk loads.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A UUID from its 36-character text as SQLite stores it, without Foundation's `sscanf` (a national proposal reads
    /// 600,000 of them); anything else goes through `UUID(uuidString:)`.
    static func uuid(_ text: String) -> UUID? {
        var bytes = [UInt8](repeating: 0, count: 16)
        var i = 0, high = true
        var utf8 = text.utf8.makeIterator()
        var count = 0
        while let c = utf8.next() {
            count += 1
            if c == UInt8(ascii: "-") { continue }
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 97...102: v = c - 87
            case 65...70: v = c - 55
            default: return UUID(uuidString: text)
            }
            guard i < 16 else { return UUID(uuidString: text) }
            if high { bytes[i] = v << 4 } else { bytes[i] |= v; i += 1 }
            high.toggle()
        }
        guard count == 36, i == 16, text.utf8.enumerated().allSatisfy({ [8, 13, 18, 23].contains($0.offset) == ($0.element == UInt8(ascii: "-")) }) else {
            return UUID(uuidString: text)
        }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
