import Foundation

/// Time-ordered UUIDs (RFC 9562 version 7): new rows land at the end of the key index,
/// which inserts markedly faster than random v4 keys on both engines.
///
/// The one reading of the wall clock outside `AppConfig.now`, on purpose: the time here only orders keys
/// in the index and means nothing to the domain, so it must keep moving even when tests fix the app clock.
enum UUIDv7 {
    static func make(now: Date = Date()) -> UUID {
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - UInt64(i)))) }
        // Two 64-bit draws (two getrandom calls), not one per byte: this runs once per stored row.
        var generator = SystemRandomNumberGenerator()
        let high = generator.next(), low = generator.next()
        for i in 6..<8 { bytes[i] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(i - 6))) }
        for i in 8..<16 { bytes[i] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(i - 8))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
