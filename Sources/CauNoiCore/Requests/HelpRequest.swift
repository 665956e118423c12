import Foundation

/// What a citizen (or a relative) asks help at home for.
public enum HelpNeed: String, CaseIterable, Codable, Sendable {
    case vneid, onlineDossier = "online_dossier", payment, digitalSkills = "digital_skills", procedureAdvice = "procedure_advice", other

    public var vietnamese: String {
        switch self {
        case .vneid: "Cài đặt, kích hoạt VNeID"
        case .onlineDossier: "Nộp hồ sơ trực tuyến"
        case .payment: "Thanh toán trực tuyến"
        case .digitalSkills: "Dùng điện thoại, ứng dụng"
        case .procedureAdvice: "Hỏi thủ tục cần giấy tờ gì"
        case .other: "Việc khác"
        }
    }
}

/// When the person can receive a visit.
public enum VisitWindow: String, CaseIterable, Codable, Sendable {
    case morning, afternoon, evening, anytime

    public var vietnamese: String {
        switch self {
        case .morning: "Buổi sáng"
        case .afternoon: "Buổi chiều"
        case .evening: "Buổi tối"
        case .anytime: "Lúc nào cũng được"
        }
    }
}

/// received → assigned → scheduled → done / could not help. Worded for the person who asked.
public enum HelpRequestStatus: String, CaseIterable, Codable, Sendable {
    case received, assigned, scheduled, done, couldNotHelp = "could_not_help"

    public var vietnamese: String {
        switch self {
        case .received: "Đã nhận đề nghị"
        case .assigned: "Đã giao cho đội tình nguyện"
        case .scheduled: "Đã hẹn lịch đến nhà"
        case .done: "Đã hỗ trợ xong"
        case .couldNotHelp: "Chưa hỗ trợ được"
        }
    }

    /// What happens next, in plain words, for the status page.
    public var explanation: String {
        switch self {
        case .received: "Xã đã nhận đề nghị và sẽ giao cho một đội tình nguyện. Đội sẽ gọi lại cho bạn trước khi đến."
        case .assigned: "Một đội tình nguyện đã nhận việc và sẽ gọi lại để hẹn giờ đến nhà."
        case .scheduled: "Đội tình nguyện đã hẹn ngày đến nhà. Hãy để ý điện thoại."
        case .done: "Đội tình nguyện đã đến hỗ trợ. Cảm ơn bạn."
        case .couldNotHelp: "Đội tình nguyện chưa hỗ trợ được. Lý do ở bên dưới; bạn có thể gửi đề nghị mới hoặc gọi đường dây nóng của xã."
        }
    }

    public var isClosed: Bool { self == .done || self == .couldNotHelp }

    /// Moves the queue allows (an assignment may be changed until the visit is closed).
    public func allows(_ next: HelpRequestStatus) -> Bool {
        switch (self, next) {
        case (.received, .assigned), (.assigned, .assigned), (.scheduled, .assigned): true
        case (.assigned, .scheduled), (.scheduled, .scheduled): true
        case (.assigned, .done), (.scheduled, .done): true
        case (.received, .couldNotHelp), (.assigned, .couldNotHelp), (.scheduled, .couldNotHelp): true
        default: false
        }
    }
}

/// The form as sent: strings as typed, consents as ticked.
public struct HelpRequestDraft: Codable, Sendable, Hashable {
    public var callName: String?
    public var phone: String?
    public var communeCode: String?
    public var address: String?
    public var needs: [String]?
    public var details: String?
    public var window: String?
    public var language: String?
    public var forRelative: Bool?
    public var consentProcessing: Bool?
    public var consentContact: Bool?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case callName = "call_name", phone, communeCode = "commune_code", address, needs, details, window, language
        case forRelative = "for_relative", consentProcessing = "consent_processing", consentContact = "consent_contact"
    }
}

public struct ValidHelpRequest: Sendable, Hashable {
    public var callName: String
    public var phone: String
    public var communeCode: String
    public var address: String
    public var needs: [HelpNeed]
    public var details: String?
    public var window: VisitWindow
    public var language: Language
    public var forRelative: Bool
}

/// The least data that lets a team help, and nothing a volunteer must never hold: no CCCD, no VNeID password or
/// one-time code, no health details. Refused text says what to leave out instead of storing it.
public enum HelpRequestValidator {
    public static func validate(_ d: HelpRequestDraft) -> Result<ValidHelpRequest, ValidationFailure> {
        var errors = FieldErrors()
        let name = FreeText.check(d.callName, field: "call_name", maxLength: 60, required: true, errors: &errors)
        var phone: String?
        if let raw = d.phone?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            phone = CommonRules.hotline(raw, field: "phone", errors: &errors)
        } else {
            errors.add("phone", "Cần số điện thoại để đội gọi lại.", "A phone number to call back is required.")
        }
        let commune = CommonRules.communeCode(d.communeCode, field: "commune_code", errors: &errors)
        let address = FreeText.check(d.address, field: "address", maxLength: 200, required: true, shape: .prose, errors: &errors)
        var needs: [HelpNeed] = []
        for raw in d.needs ?? [] {
            if let need = HelpNeed(rawValue: raw) { if !needs.contains(need) { needs.append(need) } } else {
                errors.add("needs", "Việc cần hỗ trợ “\(raw)” không có trong danh sách.", "Unknown need \"\(raw)\".")
            }
        }
        if needs.isEmpty, (d.needs ?? []).isEmpty { errors.add("needs", "Hãy chọn ít nhất một việc cần hỗ trợ.", "Choose at least one need.") }
        let details = FreeText.check(d.details, field: "details", maxLength: 300, required: false, shape: .prose, errors: &errors)
        let window = CommonRules.enumValue(d.window.flatMap { $0.isEmpty ? nil : $0 } ?? VisitWindow.anytime.rawValue, VisitWindow.self,
                                           field: "window", errors: &errors)
        let language = CommonRules.enumValue(d.language.flatMap { $0.isEmpty ? nil : $0 } ?? Language.vi.rawValue, Language.self,
                                             field: "language", errors: &errors)
        for (field, text) in [("call_name", name), ("address", address), ("details", details)] {
            guard let text, let problem = SensitiveText.problem(in: text) else { continue }
            errors.add(field, problem.vi, problem.en)
        }
        if d.consentProcessing != true {
            errors.add("consent_processing", "Cần bạn đồng ý để xã và đội tình nguyện dùng các thông tin này cho việc hỗ trợ.",
                       "Consent to processing is required.")
        }
        if d.consentContact != true {
            errors.add("consent_contact", "Cần bạn đồng ý để đội tình nguyện gọi điện cho bạn.", "Consent to be contacted is required.")
        }
        guard errors.isEmpty, let name, let phone, let commune, let address, let window, let language else {
            return .failure(ValidationFailure(errors: errors.all))
        }
        return .success(ValidHelpRequest(callName: name, phone: phone, communeCode: commune, address: address, needs: needs, details: details,
                                         window: window, language: language, forRelative: d.forRelative ?? false))
    }
}

/// A visit's appointment as the team types it: a day from today to 60 days ahead, and an hour in words.
public enum VisitAppointment {
    public static func validate(date: String?, time: String?, today: LocalDate) -> Result<(day: LocalDate, time: String?), ValidationFailure> {
        var errors = FieldErrors()
        let day = CommonRules.date(date, field: "visit_date", required: true, errors: &errors)
        if let day, day < today || day > today.adding(days: 60) {
            errors.add("visit_date", "Ngày hẹn phải từ hôm nay đến 60 ngày tới.", "The visit date must be between today and 60 days ahead.")
        }
        let hour = FreeText.check(time, field: "visit_time", maxLength: 40, required: false, errors: &errors)
        guard errors.isEmpty, let day else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success((day, hour))
    }
}

/// A secret or a health detail typed where it must not be. Saying what is wrong ("quên mật khẩu VNeID", "chưa nhận
/// được mã kích hoạt") is a need and passes; giving the value ("mật khẩu là …", "OTP 482913") is refused. A hospital
/// as a landmark passes; a named condition does not.
public enum SensitiveText {
    static let secrets = ["mat khau", "password", "pass", "otp", "ma xac thuc", "ma xac nhan", "ma kich hoat", "ma pin", "pin"]
    static let health = ["ung thu", "tieu duong", "huyet ap", "hiv", "mang thai", "co thai", "tam than", "dot quy", "tai bien",
                         "suy than", "chay than", "hoa tri", "tram cam", "lao phoi", "benh nen", "khuyet tat tri tue"]

    public static func problem(in text: String) -> (vi: String, en: String)? {
        let words = VietnameseText.words(text)
        let joined = " " + words.joined(separator: " ") + " "
        for secret in secrets {
            let parts = secret.split(separator: " ").map(String.init)
            var i = 0
            while i + parts.count <= words.count {
                if Array(words[i..<(i + parts.count)]) == parts {
                    // The value follows: "là …", ":" (dropped by folding, so the next word), or any word with a digit.
                    let after = Array(words[(i + parts.count)...].prefix(3))
                    let named = after.firstIndex(of: "la").map { $0 < after.count - 1 } ?? false
                    if named || after.contains(where: { $0.contains(where: \.isNumber) }) {
                        return ("Đừng ghi mật khẩu hay mã OTP: tình nguyện viên không bao giờ hỏi những thông tin này. Chỉ cần ghi “quên mật khẩu” hoặc “chưa nhận được mã”.",
                                "Never write a password or one-time code here; saying it was forgotten is enough.")
                    }
                }
                i += 1
            }
        }
        if health.contains(where: { joined.contains(" \($0) ") }) {
            return ("Không cần ghi tình trạng sức khỏe; chỉ ghi việc cần hỗ trợ.", "Leave out health details; say only what help is needed.")
        }
        return nil
    }
}

/// Short codes a person can read out on the phone: no 0/O, 1/I/L, letters and digits grouped by four.
public enum ReferenceCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// "HT-7K3M-9QX2" from random bytes (≥ 8).
    public static func make(_ random: [UInt8]) -> String {
        let chars = random.prefix(8).map { alphabet[Int($0) % alphabet.count] }
        return "HT-" + String(chars[0..<4]) + "-" + String(chars[4..<8])
    }

    /// What a person typed, as stored ("ht 7k3m 9qx2" → "HT-7K3M-9QX2"), or nil when it cannot be a code.
    public static func normalise(_ typed: String) -> String? {
        var chars = typed.uppercased().filter { $0.isLetter || $0.isNumber }
        if chars.hasPrefix("HT") { chars.removeFirst(2) }
        guard chars.count == 8, chars.allSatisfy({ alphabet.contains($0) }) else { return nil }
        let a = Array(chars)
        return "HT-" + String(a[0..<4]) + "-" + String(a[4..<8])
    }
}
