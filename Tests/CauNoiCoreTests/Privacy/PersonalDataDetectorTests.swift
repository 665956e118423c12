import Testing
@testable import CauNoiCore

struct PersonalDataDetectorTests {
    typealias F = PersonalDataDetector.Finding

    @Test(arguments: [
        "079095001234",
        "CCCD 079095001234",
        "Số CCCD: 0790 9500 1234.",
        "cccd 079.095.001.234 của bà",
        "079 095 001 234",
        "079095 001234",
        "mã 079-095-001-234",
        "định danh001095001234xong",
    ])
    func detectsCitizenID(text: String) {
        #expect(PersonalDataDetector.findings(in: text) == [.citizenID])
    }

    @Test(arguments: [
        "gọi 0912345678",
        "SĐT: 0912 345 678",
        "sđt 0912.345.678 (con trai)",
        "liên hệ +84912345678",
        "liên hệ +84 912 345 678",
        "84912345678",
        "0389-123-456",
        "máy bàn 024 3825 1234",
        "máy bàn 02438251234",
        "tổng đài +84 24 3825 1234",
        "số 091 234 5678",
    ])
    func detectsPhone(text: String) {
        #expect(PersonalDataDetector.findings(in: text) == [.phoneNumber])
    }

    @Test func detectsBothInFixedOrder() {
        #expect(PersonalDataDetector.findings(in: "0912345678 và 079095001234") == [.citizenID, .phoneNumber])
        #expect(PersonalDataDetector.findings(in: "CCCD 079095001234 0912345678") == [.citizenID, .phoneNumber])
        #expect(PersonalDataDetector.findings(in: "0790 9500 1234 0912 345 678") == [.citizenID, .phoneNumber])
    }

    @Test func findingsAreUnique() {
        #expect(PersonalDataDetector.findings(in: "0912345678, 0987654321, 0912345678") == [.phoneNumber])
        #expect(PersonalDataDetector.findings(in: "079095001234 / 001095001234") == [.citizenID])
    }

    @Test(arguments: [
        "",
        "hỗ trợ 12 người, 3 cụ già",
        "ngày 07/08/2025 hỗ trợ 25 lượt",
        "từ 01/07/2025 đến 31/08/2025",
        "từ 01.07.2025 31.08.2025",
        "2025-07-01 2025-08-31",
        "Đã cài VNeID cho 120 người, 35 người cao tuổi",
        "Tổng 2.170.000 lượt trong chiến dịch",
        "1.500.000.000 đồng",
        "phòng 12, tầng 3, số 45 Lý Thái Tổ",
        "1 2 3 4 5 6 7 8 9 10 11 12",
        "0123456789",
        "8:30 - 11:30, 13:30 - 17:00",
        "Mã xã 00070, tỉnh 01",
        "0790950012345",
        "07909500123456789",
        "số hồ sơ 000.00.12.H26-250807-0001",
        "912.000.000 đồng",
        "Thôn 5, bản Nà Hẩu; 40 hộ, 160 khẩu",
    ])
    func ignoresOrdinaryText(text: String) {
        #expect(PersonalDataDetector.findings(in: text) == [])
    }

    @Test func rawValues() {
        #expect(F.citizenID.rawValue == "citizen_id")
        #expect(F.phoneNumber.rawValue == "phone_number")
    }
}
