import Foundation

/// A short guide to one administrative procedure, as admins curate it: what to bring, the steps, the fee and time,
/// the legal basis and the official source, and the day someone last checked it against that source. Nothing here
/// is invented: a search answers with guides, each showing where it comes from and when it was checked.
public struct ProcedureGuide: Sendable, Hashable, Codable {
    public var title: String
    public var office: String?
    /// What to bring, one item per line.
    public var documents: [String]
    /// The steps, in order.
    public var steps: [String]
    public var fee: String?
    public var duration: String?
    public var legalBasis: String?
    public var sourceURL: String
    public var checkedOn: LocalDate
    /// A province's own guide; nil for the whole country.
    public var provinceCode: String?

    public init(title: String, office: String? = nil, documents: [String], steps: [String] = [], fee: String? = nil, duration: String? = nil,
                legalBasis: String? = nil, sourceURL: String, checkedOn: LocalDate, provinceCode: String? = nil) {
        self.title = title; self.office = office; self.documents = documents; self.steps = steps; self.fee = fee; self.duration = duration
        self.legalBasis = legalBasis; self.sourceURL = sourceURL; self.checkedOn = checkedOn; self.provinceCode = provinceCode
    }
}

/// A guide as typed in a form or a spreadsheet row: lists as text with one item per line.
public struct ProcedureGuideDraft: Codable, Sendable, Hashable {
    public var title: String?
    public var office: String?
    public var documents: String?
    public var steps: String?
    public var fee: String?
    public var duration: String?
    public var legalBasis: String?
    public var sourceURL: String?
    public var checkedOn: String?
    public var provinceCode: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case title, office, documents, steps, fee, duration, legalBasis = "legal_basis", sourceURL = "source_url", checkedOn = "checked_on"
        case provinceCode = "province_code"
    }
}

public enum ProcedureGuideValidator {
    public static func validate(_ d: ProcedureGuideDraft, today: LocalDate, knownProvinces: Set<String>) -> Result<ProcedureGuide, ValidationFailure> {
        var errors = FieldErrors()
        let title = FreeText.check(d.title, field: "title", maxLength: 200, required: true, errors: &errors)
        let office = FreeText.check(d.office, field: "office", maxLength: 200, required: false, errors: &errors)
        func lines(_ text: String?, field: String, required: Bool) -> [String] {
            let checked = FreeText.check(text, field: field, maxLength: 4_000, required: required, shape: .prose, errors: &errors)
            return (checked ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "-•*")).trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        let documents = lines(d.documents, field: "documents", required: true)
        let steps = lines(d.steps, field: "steps", required: false)
        let fee = FreeText.check(d.fee, field: "fee", maxLength: 200, required: false, errors: &errors)
        let duration = FreeText.check(d.duration, field: "duration", maxLength: 200, required: false, errors: &errors)
        let legal = FreeText.check(d.legalBasis, field: "legal_basis", maxLength: 500, required: false, shape: .prose, errors: &errors)
        var source: String?
        let rawSource = d.sourceURL?.trimmingCharacters(in: .whitespaces) ?? ""
        if rawSource.isEmpty {
            errors.add("source_url", "Cần đường dẫn nguồn chính thức (ví dụ trang Cổng Dịch vụ công).", "An official source link is required.")
        } else if let url = URL(string: rawSource), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil,
                  rawSource.count <= 500 {
            source = rawSource
        } else {
            errors.add("source_url", "Đường dẫn nguồn phải bắt đầu bằng http:// hoặc https://.", "The source must be an http(s) link.")
        }
        let checked = CommonRules.pastDate(d.checkedOn, field: "checked_on", today: today, required: true, errors: &errors)
        var province: String?
        if let raw = d.provinceCode?.trimmingCharacters(in: .whitespaces), !raw.isEmpty, raw != "VN" {
            if knownProvinces.contains(raw) { province = raw } else {
                errors.add("province_code", "Không có tỉnh mã \"\(raw)\".", "Unknown province \"\(raw)\".")
            }
        }
        guard errors.isEmpty, let title, let source, let checked else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(ProcedureGuide(title: title, office: office, documents: documents, steps: steps, fee: fee, duration: duration,
                                       legalBasis: legal, sourceURL: source, checkedOn: checked, provinceCode: province))
    }
}
