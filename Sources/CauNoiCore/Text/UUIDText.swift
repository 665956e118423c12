import Foundation

/// UUIDs to and from their 36-character text without Foundation, which parses with `sscanf` and formats with
/// `snprintf` on Linux: a batch of 20 entries turns ~40 ids each way, and those calls were ~5% of a busy node's CPU
/// (issue 16). Accepts exactly what `UUID(uuidString:)` accepts (anything unusual is handed to it).
public enum UUIDText {
    private static let upperDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let dash = UInt8(ascii: "-")

    /// As `uuidString`: upper case (how SQLKit stores UUIDs on SQLite).
    public static func upper(_ id: UUID) -> String { format(id, upperDigits) }

    /// As `uuidString.lowercased()`: how the API shows ids.
    public static func lower(_ id: UUID) -> String { format(id, lowerDigits) }

    public static func parse(_ text: String) -> UUID? {
        var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let canonical: Bool = withUnsafeMutableBytes(of: &bytes) { out in
            var utf8 = text.utf8.makeIterator()
            var position = 0, index = 0, high: UInt8 = 0
            while let c = utf8.next() {
                defer { position += 1 }
                if position == 8 || position == 13 || position == 18 || position == 23 {
                    guard c == dash else { return false }
                    continue
                }
                let v: UInt8
                switch c {
                case 48...57: v = c &- 48
                case 97...102: v = c &- 87
                case 65...70: v = c &- 55
                default: return false
                }
                guard index < 32 else { return false }
                if index % 2 == 0 { high = v << 4 } else { out[index / 2] = high | v }
                index += 1
            }
            return position == 36 && index == 32
        }
        return canonical ? UUID(uuid: bytes) : UUID(uuidString: text)
    }

    private static func format(_ id: UUID, _ digits: [UInt8]) -> String {
        withUnsafeBytes(of: id.uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var o = 0
                for i in 0..<16 {
                    if i == 4 || i == 6 || i == 8 || i == 10 {
                        buffer[o] = dash
                        o += 1
                    }
                    buffer[o] = digits[Int(raw[i] >> 4)]
                    buffer[o + 1] = digits[Int(raw[i] & 0x0F)]
                    o += 2
                }
                return 36
            }
        }
    }
}

extension UUID {
    /// Byte order: how PostgreSQL orders uuid values, and the order of the text forms (lower- or upper-case hex).
    public func bytesPrecede(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { mine in withUnsafeBytes(of: other.uuid) { mine.lexicographicallyPrecedes($0) } }
    }
}
