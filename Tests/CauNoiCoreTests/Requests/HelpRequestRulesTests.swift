import CauNoiCore
import Foundation
import Testing

@Suite("Home-visit request rules")
struct HelpRequestRulesTests {
    @Test("a need is said, a secret's value or a health detail is refused")
    func sensitiveText() {
        for allowed in ["Bà quên mật khẩu VNeID, cần lấy lại", "Chưa nhận được mã kích hoạt VNeID", "gần cổng Bệnh viện Bạch Mai",
                        "Điện thoại hết pin nhanh", "Cần hướng dẫn đổi mật khẩu"] {
            #expect(SensitiveText.problem(in: allowed) == nil, "\(allowed)")
        }
        for refused in ["mật khẩu VNeID là abc", "Mat khau: 123456", "OTP 482913", "mã xác thực 5521", "Bà bị tiểu đường, đi lại khó",
                        "ông bị tai biến"] {
            #expect(SensitiveText.problem(in: refused) != nil, "\(refused)")
        }
    }

    @Test("reference codes read aloud: no look-alike characters, typed any way")
    func referenceCodes() {
        let code = ReferenceCode.make(Array(0..<8))
        #expect(code == "HT-2345-6789")
        #expect(ReferenceCode.normalise("ht 2345 6789") == code && ReferenceCode.normalise("HT-23456789") == code)
        #expect(ReferenceCode.normalise("HT-2345-678O") == nil && ReferenceCode.normalise("123") == nil)
    }

    @Test("the form's rules: consents, a phone, a need; every problem in one pass")
    func validation() {
        var d = HelpRequestDraft()
        d.callName = "Bà Lan 079095001234"
        d.phone = "12"
        d.communeCode = "00070"
        d.address = "Số 5"
        let failure = HelpRequestValidator.validate(d)
        guard case .failure(let f) = failure else { Issue.record("accepted a bad request"); return }
        #expect(Set(f.errors.map(\.field)) == ["call_name", "phone", "needs", "consent_processing", "consent_contact"])
        d.callName = "bà Lan"; d.phone = "0912 345 678"; d.needs = ["vneid"]; d.consentProcessing = true; d.consentContact = true
        guard case .success(let v) = HelpRequestValidator.validate(d) else { Issue.record("refused a good request"); return }
        #expect(v.phone == "0912345678" && v.window == .anytime && v.language == .vi && v.needs == [.vneid])
    }

    @Test("the queue's moves follow the workflow")
    func transitions() {
        #expect(HelpRequestStatus.received.allows(.assigned) && !HelpRequestStatus.received.allows(.done))
        #expect(HelpRequestStatus.scheduled.allows(.done) && !HelpRequestStatus.done.allows(.scheduled))
        #expect(HelpRequestStatus.couldNotHelp.isClosed && !HelpRequestStatus.assigned.isClosed)
    }
}
