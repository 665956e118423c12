import Foundation

public enum VolunteerValidator {
    /// Youth-union volunteers; the bounds catch typos such as 199 or 2099, not policy.
    public static let oldestBirthYear = 1940
    public static let youngestAge = 14

    public static func validate(_ draft: VolunteerDraft, today: LocalDate) -> Result<ValidVolunteer, ValidationFailure> {
        var errors = FieldErrors()
        let name = FreeText.check(draft.fullName, field: "full_name", maxLength: 120, required: true, errors: &errors)
        var phone: String?
        if let raw = draft.phone, !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            phone = VietnamesePhone.normalise(raw)
            if phone == nil {
                errors.add("phone", "Số điện thoại di động không hợp lệ (10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).",
                           "Invalid Vietnamese mobile number (10 digits starting 03, 05, 07, 08 or 09).")
            }
        } else {
            errors.add("phone", "Bắt buộc nhập số điện thoại.", "Phone number is required.")
        }
        if let year = draft.birthYear, !(oldestBirthYear...(today.year - youngestAge)).contains(year) {
            errors.add("birth_year", "Năm sinh phải trong khoảng \(oldestBirthYear)–\(today.year - youngestAge).",
                       "Birth year must be between \(oldestBirthYear) and \(today.year - youngestAge).")
        }
        let gender = CommonRules.enumValue(draft.gender, Gender.self, field: "gender", errors: &errors)
        let affiliation = FreeText.check(draft.affiliation, field: "affiliation", maxLength: 200, required: false, errors: &errors)
        let commune = CommonRules.communeCode(draft.homeCommuneCode, field: "home_commune_code", errors: &errors)
        let force = CommonRules.enumValue(draft.forceType, ForceType.self, field: "force_type", errors: &errors)
        let tech = CommonRules.enumValue(draft.techSkill, SkillLevel.self, field: "tech_skill", default: .basic, errors: &errors)
        let communication = CommonRules.enumValue(
            draft.communicationSkill, SkillLevel.self, field: "communication_skill", default: .basic, errors: &errors)
        var languages = CommonRules.languages(draft.languages, field: "languages", errors: &errors) ?? []
        if languages.isEmpty { languages = [.vi] }
        // Personal data may be processed only with recorded consent (Decree 13/2023), so it is required.
        let consent = CommonRules.pastDate(draft.consentDate, field: "consent_date", today: today, required: true, errors: &errors)
        let status = CommonRules.enumValue(draft.status, VolunteerStatus.self, field: "status", default: .active, errors: &errors)

        guard errors.isEmpty, let name, let phone, let gender, let commune, let force, let tech, let communication,
              let consent, let status else {
            return .failure(ValidationFailure(errors: errors.all))
        }
        return .success(ValidVolunteer(
            fullName: name, phone: phone, birthYear: draft.birthYear, gender: gender,
            unionMember: draft.unionMember ?? false, affiliation: affiliation, homeCommuneCode: commune,
            forceType: force, techSkill: tech, communicationSkill: communication, languages: languages,
            hasMotorbike: draft.hasMotorbike ?? false, consentDate: consent, status: status))
    }
}
