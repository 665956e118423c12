import Testing
@testable import CauNoiCore

/// Generated phone numbers and CCCDs, written the many ways people write them, inside ordinary
/// sentences: every one must be caught. Generated ordinary text (dates, money, counts, codes)
/// must not be. Deterministic (a fixed seed), so a failure names a reproducible case.
struct PersonalDataPropertyTests {
    typealias Seeded = SeededRandom

    static let separators = [" ", "\u{A0}", "\u{202F}", "\u{2009}", ".", "-", "\u{2011}", "\u{2013}", "/", " - ", "\u{200B}"]
    static let sentences = ["Bà cụ nhờ gọi %@ giúp", "%@", "SĐT: %@.", "liên hệ (%@) sau", "CCCD %@ của ông", "số:%@", "gọi %@, cảm ơn"]
    static let mobilePrefixes = ["32", "33", "34", "35", "36", "37", "38", "39", "56", "58", "59", "70", "76", "77", "78", "79",
                                 "81", "82", "83", "84", "85", "86", "88", "89", "90", "91", "92", "93", "94", "96", "97", "98", "99"]

    func digits(_ count: Int, _ rng: inout Seeded) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    /// Splits `number` into groups of 2–4 digits, joined by one separator (or none).
    func grouped(_ number: String, _ rng: inout Seeded) -> String {
        let separator = Bool.random(using: &rng) ? "" : Self.separators.randomElement(using: &rng)!
        var groups: [String] = []
        var rest = Substring(number)
        while !rest.isEmpty {
            let size = min(rest.count, Int.random(in: 2...4, using: &rng))
            let take = rest.count - size == 1 ? rest.count : size   // never leave a lone digit
            groups.append(String(rest.prefix(take)))
            rest = rest.dropFirst(take)
        }
        return groups.joined(separator: separator)
    }

    func fullWidth(_ text: String, _ rng: inout Seeded) -> String {
        guard Int.random(in: 0..<5, using: &rng) == 0 else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            (0x30...0x39).contains(s.value) ? Unicode.Scalar(s.value - 0x30 + 0xFF10)! : s
        }))
    }

    func mobile(_ rng: inout Seeded) -> String {
        let national = Self.mobilePrefixes.randomElement(using: &rng)! + digits(7, &rng)   // 9 digits after the 0
        let body = grouped(national, &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return "+84 " + body
        case 1: return "+84 (0) " + body
        case 2: return "0084 " + body
        case 3: return "+84" + body
        default: return grouped("0" + national, &rng)
        }
    }

    func citizenID(_ rng: inout Seeded) -> String {
        let province = pad3(Int.random(in: 1...96, using: &rng))
        return grouped(province + digits(9, &rng), &rng)
    }

    @Test func everyGeneratedNumberIsCaught() {
        var rng = Seeded(state: 2025)
        for case_ in 0..<3_000 {
            let isPhone = case_ % 2 == 0
            let number = fullWidth(isPhone ? mobile(&rng) : citizenID(&rng), &rng)
            let text = Self.sentences.randomElement(using: &rng)!.replacingOccurrences(of: "%@", with: number)
            let findings = PersonalDataDetector.findings(in: text)
            #expect(findings.contains(isPhone ? .phoneNumber : .citizenID), "case \(case_): \(text.debugDescription)")
        }
    }

    @Test func landlinesAreCaught() {
        var rng = Seeded(state: 24)
        for case_ in 0..<500 {
            let area = ["24", "28", "236", "292", "203"].randomElement(using: &rng)!
            let local = digits(10 - area.count, &rng)
            let text = Bool.random(using: &rng) ? "máy bàn (0\(area)) \(grouped(local, &rng))" : "tổng đài 0\(area) \(grouped(local, &rng))"
            #expect(PersonalDataDetector.findings(in: text) == [.phoneNumber], "case \(case_): \(text.debugDescription)")
        }
    }

    @Test func ordinaryFiguresAreNotFlagged() {
        var rng = Seeded(state: 7)
        for case_ in 0..<3_000 {
            let day = Int.random(in: 1...28, using: &rng), month = Int.random(in: 1...12, using: &rng)
            let text: String
            switch case_ % 6 {
            case 0: text = "ngày \(pad2(day))/\(pad2(month))/2025 hỗ trợ \(Int.random(in: 1...500, using: &rng)) lượt"
            case 1: text = "từ \(pad2(day)).\(pad2(month)).2025 đến \(pad2(day)).\(pad2(month)).2025"
            case 2: text = "Tổng \(VietnameseNumber.grouped(Int.random(in: 1_000...999_999_999, using: &rng))) đồng"
            case 3: text = "Thôn \(Int.random(in: 1...30, using: &rng)), \(Int.random(in: 1...400, using: &rng)) hộ, \(Int.random(in: 1...2000, using: &rng)) khẩu"
            case 4: text = "Mã xã \(digits(5, &rng)), tỉnh \(digits(2, &rng)), ca \(Int.random(in: 7...11, using: &rng)):30 - \(Int.random(in: 13...17, using: &rng)):00"
            default: text = "hồ sơ H\(Int.random(in: 10...99, using: &rng))-2508\(pad2(day))-\(digits(4, &rng))"
            }
            #expect(PersonalDataDetector.findings(in: text).isEmpty, "case \(case_): \(text.debugDescription)")
        }
    }
}

private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
private func pad3(_ value: Int) -> String { value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)" }
