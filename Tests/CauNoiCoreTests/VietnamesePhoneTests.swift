import Testing
@testable import CauNoiCore

struct VietnamesePhoneTests {
    @Test(arguments: [
        "+84912345678", "84912345678", "0912 345 678", "0912.345.678", "0912-345-678",
        "(0912) 345 678", "+84 912 345 678", "+84 (0) 912 345 678", "0912345678", " 0912345678 ",
        "+84-912-345-678", "840912345678",
    ])
    func normalisesToDomesticForm(raw: String) {
        #expect(VietnamesePhone.normalise(raw) == "0912345678")
    }

    @Test(arguments: [
        ("0312345678", "0312345678"), ("0512345678", "0512345678"), ("0712345678", "0712345678"),
        ("0812345678", "0812345678"), ("+84 389 123 456", "0389123456"),
    ])
    func allMobilePrefixes(raw: String, expected: String) {
        #expect(VietnamesePhone.normalise(raw) == expected)
    }

    @Test(arguments: [
        "", "   ", "091234567", "09123456789", "0112345678", "0212345678", "0412345678", "0612345678",
        "912345678", "+1 912 345 678", "0912a345678", "0912/345/678", "09+12345678", "++84912345678",
        "0243 825 1234", "8491234567", "+84", "abc", "０９１２３４５６７８",
    ])
    func rejects(raw: String) {
        #expect(VietnamesePhone.normalise(raw) == nil)
    }
}
