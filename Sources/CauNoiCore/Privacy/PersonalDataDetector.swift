/// Flags free text that looks like it carries a citizen's personal data.
///
/// Free text on every write path (support-entry notes, weekly reports, difficulties and their
/// notes, addresses, names) must never hold a citizen's CCCD or phone number: the campaign records
/// counts, not people. The detector prefers catching a formatted number over avoiding every false
/// alarm: a false alarm only asks the volunteer to rephrase, a miss leaks personal data.
///
/// The text is first folded to a plain form (`PersonalDataText.fold`): any Unicode decimal digit
/// becomes its ASCII digit (full-width "０９１２…"), every kind of space (no-break, thin, figure …)
/// a space, dash-, dot- and slash-like marks their ASCII forms, invisible joiners vanish, and the
/// trunk-prefix notation "(0)" is dropped. Only then are digit groups joined into candidates.
public enum PersonalDataDetector {
    public enum Finding: String, Sendable, Equatable {
        case citizenID = "citizen_id"
        case phoneNumber = "phone_number"
    }

    /// Unique findings, always in the order [citizenID, phoneNumber].
    public static func findings(in text: String) -> [Finding] {
        let groups = digitGroups(PersonalDataText.fold(text))
        var citizen = false
        var phone = false
        for start in groups.indices {
            var digits: [UInt8] = []
            var kind: UInt8? = nil
            let freeLinks = prefixLinks(groups, from: start)
            var end = start
            while end < groups.count {
                let group = groups[end]
                if end > start {
                    guard let link = group.linkBefore, group.canJoin, groups[start].canJoin else { break }
                    if end - start <= freeLinks {
                        // "+84 (0) 912.345.678", "(024) 3825-1234": prefixes may be set off differently.
                    } else if let expected = kind {
                        // One separator kind throughout, so "01.07.2025 31.08.2025" never reads as one number.
                        guard link == expected else { break }
                    } else {
                        kind = link
                    }
                }
                digits += group.digits
                if digits.count > maxCandidateLength(digits) { break }
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

    /// A maximal run of ASCII digits. `linkBefore` is the separator kind joining it to the
    /// previous group, if the gap between them is a short run of formatting marks.
    struct DigitGroup {
        var digits: [UInt8]
        var linkBefore: UInt8?
        var plusBefore: Bool
        /// Touches a letter, as in dossier codes ("H26-250807-0001").
        var gluedToLetter: Bool

        /// Whether the group may combine with neighbours into one number.
        /// Single digits are counting, not formatting ("1 2 3 4"), and
        /// letter-glued groups belong to alphanumeric codes. Either may still
        /// be a number on its own ("CCCD079095001234").
        var canJoin: Bool { digits.count >= 2 && !gluedToLetter }

        /// "84" after a plus, or "0084": an international prefix.
        var isCountryCode: Bool {
            digits == [0x38, 0x34] && plusBefore || digits == [0x30, 0x30, 0x38, 0x34]
        }
    }

    private static let space = UInt8(ascii: " ")
    private static let separators: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"),
                                                 UInt8(ascii: "("), UInt8(ascii: ")")]

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The folded text marks every letter, Vietnamese ones included, as an ASCII letter.
    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// The kind of a gap between two digit groups: at most three formatting marks, of which the
    /// non-space ones (parentheses count as space) are all the same. Nil if the gap does not link.
    static func linkKind(_ gap: ArraySlice<UInt8>) -> UInt8? {
        guard (1...3).contains(gap.count) else { return nil }
        var kind: UInt8? = nil
        for b in gap {
            guard separators.contains(b) else { return nil }
            let k = (b == UInt8(ascii: "(") || b == UInt8(ascii: ")")) ? space : b
            if k == space { continue }
            if let existing = kind, existing != k { return nil }
            kind = k
        }
        return kind ?? space
    }

    static func digitGroups(_ bytes: [UInt8]) -> [DigitGroup] {
        var groups: [DigitGroup] = []
        var previousEnd = -1
        var i = 0
        while i < bytes.count {
            guard isDigit(bytes[i]) else {
                i += 1
                continue
            }
            let start = i
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
            let link = previousEnd >= 0 ? linkKind(bytes[previousEnd..<start]) : nil
            var plus = false
            var j = start - 1
            while j >= 0, bytes[j] == space { j -= 1 }
            if j >= 0, bytes[j] == UInt8(ascii: "+") { plus = true }
            let glued = (start > 0 && isLetter(bytes[start - 1])) || (i < bytes.count && isLetter(bytes[i]))
            groups.append(DigitGroup(digits: Array(bytes[start..<i]), linkBefore: link, plusBefore: plus,
                                     gluedToLetter: glued))
            previousEnd = i
        }
        return groups
    }

    /// How many links after `start` may use a different separator from the rest: those after a
    /// country code ("+84", "0084") and an area code of up to three digits after it, or after a
    /// trunk or area prefix of 2–4 digits starting with 0 ("(024) 3825-1234", "0912 345.678").
    static func prefixLinks(_ groups: [DigitGroup], from start: Int) -> Int {
        let first = groups[start]
        if first.isCountryCode {
            let next = start + 1 < groups.count ? groups[start + 1] : nil
            return (next.map { $0.digits.count <= 3 } ?? false) ? 2 : 1
        }
        if (2...4).contains(first.digits.count), first.digits[0] == 0x30 { return 1 }
        return 0
    }

    /// Nothing longer than 12 digits is a candidate ("+84 24 3825 1234"), 14 with a "0084" prefix.
    private static func maxCandidateLength(_ digits: [UInt8]) -> Int {
        digits.count >= 2 && digits[0] == 0x30 && digits[1] == 0x30 ? 14 : 12
    }

    private static func classify(_ digits: [UInt8], hasPlus: Bool, citizen: inout Bool, phone: inout Bool) {
        var digits = digits
        var international = hasPlus
        // "0084 912 345 678": the international call prefix in place of the plus. It makes 13 digits
        // at least; twelve starting "0084" are a CCCD from province 008.
        if digits.count >= 13, digits[0] == 0x30, digits[1] == 0x30, digits[2] == 0x38, digits[3] == 0x34 {
            digits.removeFirst(2)
            international = true
        }
        if international, digits.count > 2, digits[0] == UInt8(ascii: "8"), digits[1] == UInt8(ascii: "4") {
            // An international prefix means a phone, even at CCCD length ("+84 24 3825 1234").
            if let local = VietnamesePhone.domesticForm(digits, hadPlus: true),
               VietnamesePhone.isMobile(local) || VietnamesePhone.isLandline(local) {
                phone = true
            }
            return
        }
        if digits.count == 12 {
            if isCitizenIDShape(digits) { citizen = true }
        } else if (9...11).contains(digits.count) {
            if let local = VietnamesePhone.domesticForm(digits, hadPlus: false),
               VietnamesePhone.isMobile(local) || VietnamesePhone.isLandline(local) {
                phone = true
            }
        }
    }

    /// A CCCD starts with the birth province's code, 001–096 (Circular 59/2021/TT-BCA); twelve
    /// digits that start otherwise ("2025 31 08 2025") are not one.
    static func isCitizenIDShape(_ digits: [UInt8]) -> Bool {
        guard digits.count == 12 else { return false }
        let province = Int(digits[0] - 0x30) * 100 + Int(digits[1] - 0x30) * 10 + Int(digits[2] - 0x30)
        return (1...96).contains(province)
    }
}

/// The plain form the detector scans: ASCII digits, ASCII formatting marks, a letter marker.
public enum PersonalDataText {
    /// Folds `text` to bytes: digits 0–9 from any script, " " for every space, "-", ".", "/", "(",
    /// ")", "+" for their look-alikes, "a" for any other letter, "#" for anything else. Invisible
    /// format characters (zero-width space, joiners, soft hyphen, BOM) are dropped, and "(0)" —
    /// the trunk prefix in "+84 (0) 912…" — becomes a space.
    public static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let byte = fold(scalar) { out.append(byte) }
        }
        // Drop "(0)" (with optional spaces inside): it is never part of the number itself.
        var result: [UInt8] = []
        result.reserveCapacity(out.count)
        var i = 0
        while i < out.count {
            if out[i] == UInt8(ascii: "(") {
                var j = i + 1
                while j < out.count, out[j] == UInt8(ascii: " ") { j += 1 }
                if j < out.count, out[j] == 0x30 {
                    var k = j + 1
                    while k < out.count, out[k] == UInt8(ascii: " ") { k += 1 }
                    if k < out.count, out[k] == UInt8(ascii: ")") {
                        result.append(UInt8(ascii: " "))
                        i = k + 1
                        continue
                    }
                }
            }
            result.append(out[i])
            i += 1
        }
        return result
    }

    static func fold(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 {
            let byte = UInt8(value)
            if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { return byte }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return UInt8(ascii: " ")
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "+"), UInt8(ascii: "_"):
                return byte == UInt8(ascii: "_") ? UInt8(ascii: "-") : byte
            default: return UInt8(ascii: "#")
            }
        }
        switch value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E: return nil
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0x2043: return UInt8(ascii: "-")
        case 0xFF0E, 0x00B7, 0x2024, 0x3002, 0xFF61, 0x2027, 0x30FB: return UInt8(ascii: ".")
        case 0xFF0F, 0x2215, 0x2044, 0x29F8: return UInt8(ascii: "/")
        case 0xFF08, 0xFE59, 0x207D, 0x208D: return UInt8(ascii: "(")
        case 0xFF09, 0xFE5A, 0x207E, 0x208E: return UInt8(ascii: ")")
        case 0xFF0B, 0xFE62, 0x207A, 0x208A: return UInt8(ascii: "+")
        default: break
        }
        let properties = scalar.properties
        if properties.numericType == .decimal, let number = properties.numericValue, (0...9).contains(number) {
            return 0x30 + UInt8(number)
        }
        if properties.isWhitespace { return UInt8(ascii: " ") }
        // Combining marks (NFD Vietnamese) belong to the letter before them.
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark { return nil }
        if properties.isAlphabetic { return UInt8(ascii: "a") }
        return UInt8(ascii: "#")
    }
}
