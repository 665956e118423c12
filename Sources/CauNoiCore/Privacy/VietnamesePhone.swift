/// Vietnamese mobile numbers as typed by volunteers and citizens.
public enum VietnamesePhone {
    /// Returns the 10-digit domestic form ("0912345678") or nil.
    ///
    /// Accepts spaces, dots, dashes and parentheses as formatting, and the
    /// country code as "+84" or "84" (also "+84 (0) 912…", a common way of
    /// writing it). Only mobile prefixes 03, 05, 07, 08, 09 are accepted: the
    /// platform only ever needs mobile numbers for contacting volunteers.
    public static func normalise(_ raw: String) -> String? {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var sawPlus = false
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39:
                digits.append(UInt8(scalar.value))
            case 0x2B: // "+" only as the very first meaningful character
                guard digits.isEmpty, !sawPlus else { return nil }
                sawPlus = true
            case 0x20, 0x09, 0xA0, 0x2E, 0x2D, 0x28, 0x29:
                continue
            default:
                return nil
            }
        }
        let local = domesticForm(digits, hadPlus: sawPlus)
        guard let local, isMobile(local) else { return nil }
        return String(decoding: local, as: UTF8.self)
    }

    /// Digits spaced as people read a number aloud: "0912 345 678", "024 3900 0001"; other lengths as given.
    public static func spaced(_ digits: String) -> String {
        let d = Array(digits)
        switch d.count {
        case 10: return "\(String(d[0..<4])) \(String(d[4..<7])) \(String(d[7...]))"
        case 11: return "\(String(d[0..<3])) \(String(d[3..<7])) \(String(d[7...]))"
        default: return digits
        }
    }

    // MARK: - Internals

    private static let zero = UInt8(ascii: "0")

    static func domesticForm(_ digits: [UInt8], hadPlus: Bool) -> [UInt8]? {
        let startsWith84 = digits.count > 2 && digits[0] == UInt8(ascii: "8") && digits[1] == UInt8(ascii: "4")
        if hadPlus {
            guard startsWith84 else { return nil }
            return stripCountryCode(digits)
        }
        if startsWith84 && digits.count >= 11 {
            return stripCountryCode(digits)
        }
        return digits
    }

    private static func stripCountryCode(_ digits: [UInt8]) -> [UInt8] {
        let rest = digits.dropFirst(2)
        if rest.first == zero { return Array(rest) }
        return [zero] + rest
    }

    /// 10 digits, "0" then a mobile network prefix.
    static func isMobile(_ d: [UInt8]) -> Bool {
        guard d.count == 10, d[0] == zero else { return false }
        switch d[1] {
        case UInt8(ascii: "3"), UInt8(ascii: "5"), UInt8(ascii: "7"), UInt8(ascii: "8"), UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    /// Fixed lines since 2017: "02" + area code digit + 8 digits = 11 digits.
    static func isLandline(_ d: [UInt8]) -> Bool {
        d.count == 11 && d[0] == zero && d[1] == UInt8(ascii: "2")
    }
}
