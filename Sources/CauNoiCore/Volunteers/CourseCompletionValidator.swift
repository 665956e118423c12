import Foundation

public struct CourseCompletionDraft: Codable, Sendable, Hashable {
    public var courseCode: String?
    public var completedOn: String?
    public var certificateNo: String?
    public var source: String?

    public init(courseCode: String? = nil, completedOn: String? = nil, certificateNo: String? = nil, source: String? = nil) {
        self.courseCode = courseCode; self.completedOn = completedOn; self.certificateNo = certificateNo; self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case courseCode = "course_code", completedOn = "completed_on", certificateNo = "certificate_no", source
    }
}

public struct ValidCourseCompletion: Sendable, Hashable {
    public var courseCode: String
    public var completedOn: LocalDate
    public var certificateNo: String?
    public var source: String?
}

public enum CourseCompletionValidator {
    public static func validate(_ draft: CourseCompletionDraft, courses: [Course], today: LocalDate)
        -> Result<ValidCourseCompletion, ValidationFailure> {
        var errors = FieldErrors()
        var code: String?
        if let raw = draft.courseCode, !raw.isEmpty {
            if courses.contains(where: { $0.code == raw }) { code = raw } else {
                let known = courses.map(\.code).joined(separator: ", ")
                errors.add("course_code", "Khóa học \"\(raw)\" không có trong danh mục (\(known)).", "Unknown course \"\(raw)\" (known: \(known)).")
            }
        } else {
            errors.add("course_code", "Bắt buộc chọn khóa học.", "course_code is required.")
        }
        let date = CommonRules.pastDate(draft.completedOn, field: "completed_on", today: today, required: true, errors: &errors)
        let certificate = FreeText.check(draft.certificateNo, field: "certificate_no", maxLength: 60, required: false,
                                           screenPersonalData: false, errors: &errors)
        let source = FreeText.check(draft.source, field: "source", maxLength: 60, required: false, errors: &errors)
        guard errors.isEmpty, let code, let date else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(ValidCourseCompletion(courseCode: code, completedOn: date, certificateNo: certificate, source: source))
    }
}
