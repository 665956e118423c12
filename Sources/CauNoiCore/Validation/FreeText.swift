/// The one rule for text people type into CauNoi, applied on every write path.
///
/// - No control characters: NUL and the other C0/C1 controls, and the bidirectional overrides
///   that make a name display differently from what is stored. Multi-line text (`.prose`) may
///   hold line breaks and tabs; a `.line` (a name, a title) may not.
/// - At most `maxLength` code points once in NFC (which is also how it is returned).
/// - No citizen's personal data (`PersonalDataDetector`), unless the field is meant to hold a
///   number of the writer's own (a certificate number).
public enum FreeText {
    public enum Shape: Sendable { case line, prose }

    /// Trimmed text, nil when empty or refused; every refusal is recorded in `errors` with the field.
    public static func check(_ value: String?, field: String, maxLength: Int, required: Bool, shape: Shape = .line,
                             screenPersonalData: Bool = true, errors: inout FieldErrors) -> String? {
        // NFC, and lengths in code points: a "character" may carry any number of combining marks,
        // so counting characters would let one of them hold kilobytes.
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping ?? ""
        if trimmed.isEmpty {
            if required { errors.add(field, "Bắt buộc nhập.", "Required.") }
            return nil
        }
        if let bad = firstForbiddenScalar(trimmed, shape: shape) {
            let code = "U+" + String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4)
            errors.add(field, "Có ký tự điều khiển không được phép (\(code)); hãy gõ lại nội dung.",
                       "Contains a control character that is not allowed (\(code)); retype the text.")
            return nil
        }
        if trimmed.unicodeScalars.count > maxLength {
            errors.add(field, "Dài quá \(VietnameseNumber.grouped(maxLength)) ký tự.", "Longer than \(maxLength) characters.")
            return nil
        }
        if screenPersonalData {
            let findings = PersonalDataDetector.findings(in: trimmed)
            if !findings.isEmpty {
                errors.add(field, personalDataMessage(findings).vi, personalDataMessage(findings).en)
                return nil
            }
        }
        return trimmed
    }

    /// The first scalar the shape does not allow, if any.
    public static func firstForbiddenScalar(_ text: String, shape: Shape) -> Unicode.Scalar? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x09:
                if shape == .line { return scalar }
            case 0x00...0x1F, 0x7F...0x9F,
                 0x202A...0x202E, 0x2066...0x2069,   // bidirectional embeddings, overrides, isolates
                 0xFFF9...0xFFFB, 0xFFFE, 0xFFFF:    // interlinear annotations, non-characters
                return scalar
            default:
                continue
            }
        }
        return nil
    }

    static func personalDataMessage(_ findings: [PersonalDataDetector.Finding]) -> (vi: String, en: String) {
        switch (findings.contains(.citizenID), findings.contains(.phoneNumber)) {
        case (true, true):
            return ("Nội dung có vẻ chứa số định danh (CCCD) và số điện thoại — không ghi thông tin cá nhân của người dân.",
                    "The text appears to contain a citizen ID and a phone number; do not record citizens' personal data.")
        case (true, false):
            return ("Nội dung có vẻ chứa số định danh cá nhân (CCCD) — không ghi thông tin cá nhân của người dân.",
                    "The text appears to contain a citizen ID number; do not record citizens' personal data.")
        default:
            return ("Nội dung có vẻ chứa số điện thoại — không ghi thông tin cá nhân của người dân.",
                    "The text appears to contain a phone number; do not record citizens' personal data.")
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
