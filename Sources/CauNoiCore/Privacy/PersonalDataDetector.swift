/// Flags free text that looks like it carries a citizen's personal data.
///
/// Support-entry notes must never hold a citizen's CCCD or phone number
/// (the campaign records counts, not people), so notes are screened before
/// they are stored. The detector prefers catching a formatted number over
/// avoiding every false alarm: a false alarm only asks the volunteer to
/// rephrase, a miss leaks personal data.
public enum PersonalDataDetector {
    public enum Finding: String, Sendable, Equatable {
        case citizenID = "citizen_id"
        case phoneNumber = "phone_number"
    }

    /// Unique findings, always in the order [citizenID, phoneNumber].
    public static func findings(in text: String) -> [Finding] {
        let groups = digitGroups(Array(text.utf8))
        var citizen = false
        var phone = false
        for start in groups.indices {
            var digits: [UInt8] = []
            var kind: UInt8? = nil
            var end = start
            while end < groups.count {
                let group = groups[end]
                if end > start {
                    // Extend only through links of one separator kind, so
                    // "01.07.2025 31.08.2025" never reads as one long number.
                    guard let link = group.linkBefore, kind == nil || kind == link else { break }
                    kind = link
                    if !group.canJoin || !groups[start].canJoin { break }
                }
                digits += group.digits
                // Nothing longer than 12 digits ("+84 24 3825 1234") is a candidate.
                if digits.count > 12 { break }
                classify(digits, hasPlus: groups[start].plusBefore, citizen: &citizen, phone: &phone)
                end += 1
            }
            if citizen && phone { break }
        }
        var result: [Finding] = []
        if citizen { result.append(.citizenID) }
        if phone { result.append(.phoneNumber) }
        return result
    }

    // MARK: - Internals

    /// A maximal run of ASCII digits. `linkBefore` is the single separator
    /// joining it to the previous group, if there is exactly one.
    struct DigitGroup {
        var digits: [UInt8]
        var linkBefore: UInt8?
        var plusBefore: Bool
        /// Touches an ASCII letter, as in dossier codes ("H26-250807-0001").
        var gluedToLetter: Bool

        /// Whether the group may combine with neighbours into one number.
        /// Single digits are counting, not formatting ("1 2 3 4"), and
        /// letter-glued groups belong to alphanumeric codes. Either may still
        /// be a number on its own ("CCCD079095001234").
        var canJoin: Bool { digits.count >= 2 && !gluedToLetter }
    }

    private static let separators: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-")]

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// Non-ASCII scalars encode as bytes ≥ 0x80 in UTF-8, so scanning bytes
    /// cannot mistake part of a Vietnamese letter for a digit or separator.
    static func digitGroups(_ bytes: [UInt8]) -> [DigitGroup] {
        var groups: [DigitGroup] = []
        var previousEnd = -10
        var i = 0
        while i < bytes.count {
            guard isDigit(bytes[i]) else {
                i += 1
                continue
            }
            let start = i
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
            var link: UInt8? = nil
            if start == previousEnd + 1 && separators.contains(bytes[previousEnd]) {
                link = bytes[previousEnd]
            }
            let plus = start > 0 && bytes[start - 1] == UInt8(ascii: "+")
            let glued = (start > 0 && isLetter(bytes[start - 1])) || (i < bytes.count && isLetter(bytes[i]))
            groups.append(DigitGroup(digits: Array(bytes[start..<i]), linkBefore: link, plusBefore: plus,
                                     gluedToLetter: glued))
            previousEnd = i
        }
        return groups
    }

    private static func classify(_ digits: [UInt8], hasPlus: Bool, citizen: inout Bool, phone: inout Bool) {
        if hasPlus, digits.count > 2, digits[0] == UInt8(ascii: "8"), digits[1] == UInt8(ascii: "4") {
            // An international prefix means a phone, even at CCCD length ("+84 24 3825 1234").
            if let local = VietnamesePhone.domesticForm(digits, hadPlus: true),
               VietnamesePhone.isMobile(local) || VietnamesePhone.isLandline(local) {
                phone = true
            }
            return
        }
        if digits.count == 12 {
            citizen = true
        } else if (9...11).contains(digits.count) {
            if let local = VietnamesePhone.domesticForm(digits, hadPlus: false),
               VietnamesePhone.isMobile(local) || VietnamesePhone.isLandline(local) {
                phone = true
            }
        }
    }
}
