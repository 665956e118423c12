import Foundation

/// Turns client drafts into `ValidSupportEntry` values, reporting every
/// problem at once with Vietnamese messages.
public enum SupportEntryValidator {
    /// `fieldPrefix` locates the draft inside a batch ("entries[3].") so
    /// error paths point at the right row.
    public static func validate(_ d: SupportEntryDraft, rules: SupportEntryRules,
                                fieldPrefix: String = "") -> Result<ValidSupportEntry, ValidationFailure> {
        var errors = FieldErrors()
        // Field names are put together only for an error (`@autoclosure`): the batch API validates every entry of
        // every batch, and ten names an entry were a measurable part of its work (issue 16).
        let p = fieldPrefix

        let id = errors.parseUUID(d.id, field: p + "id")
        let teamID = errors.parseUUID(d.teamID, field: p + "team_id")
        let communeCode = checkCommuneCode(d.communeCode, field: p + "commune_code", errors: &errors)
        let date = checkDate(d.date, rules: rules, field: p + "date", errors: &errors)
        let volunteers = checkVolunteers(d.volunteerIDs, rules: rules, field: p + "volunteer_ids", errors: &errors)
        let counts = checkCounts(d.counts, rules: rules, field: p + "counts", errors: &errors)
        let beneficiaries = checkBeneficiaries(d.beneficiaries, total: counts?.values.reduce(0, +),
                                               field: p + "beneficiaries", errors: &errors)
        let place = checkPlace(d.place, field: p + "place", errors: &errors)
        let languages = checkLanguages(d.languages, field: p + "languages", errors: &errors)
        let note = checkNote(d.note, rules: rules, field: p + "note", errors: &errors)
        for path in d.unreadableCounts {
            errors.add(p + path, "Phải là số nguyên không âm (tối đa \(VietnameseNumber.grouped(rules.maxPerCategory))).",
                       "Must be a whole number from 0 to \(rules.maxPerCategory).")
        }

        guard errors.isEmpty, let id, let teamID, let communeCode, let date, let volunteers, let counts,
              let beneficiaries, let place, let languages, let note else {
            return .failure(ValidationFailure(errors: errors.all))
        }
        return .success(ValidSupportEntry(
            id: id, teamID: teamID, communeCode: communeCode, date: date, volunteerIDs: volunteers,
            counts: counts, beneficiaries: beneficiaries, place: place, languages: languages,
            note: note.text))
    }

    // MARK: - Field checks

    private static func checkCommuneCode(_ raw: String?, field: @autoclosure () -> String, errors: inout FieldErrors) -> String? {
        // As sent nearly always: then without Foundation's trimming, which bridges through NSString.
        if let raw, isCommuneCode(raw) { return raw }
        guard let code = raw?.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
            errors.add(field(), "Mã xã là bắt buộc", "Commune code is required")
            return nil
        }
        guard isCommuneCode(code) else {
            errors.add(field(), "Mã xã phải gồm đúng 5 chữ số", "Commune code must be exactly 5 digits")
            return nil
        }
        return code
    }

    private static func isCommuneCode(_ code: String) -> Bool {
        code.utf8.count == 5 && code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func checkDate(_ raw: String?, rules: SupportEntryRules, field: @autoclosure () -> String,
                                  errors: inout FieldErrors) -> LocalDate? {
        guard let raw, !raw.isEmpty else {
            errors.add(field(), "Ngày hỗ trợ là bắt buộc", "Date is required")
            return nil
        }
        guard let date = LocalDate(iso: raw) else {
            errors.add(field(), "Ngày không đúng định dạng YYYY-MM-DD", "Date must be a valid YYYY-MM-DD date")
            return nil
        }
        var ok = true
        let campaign = rules.campaign
        if !campaign.contains(date) {
            let endVI = campaign.end?.longVietnamese ?? "nay", endEN = campaign.end?.iso ?? "today"
            errors.add(field(),
                       "Ngày phải nằm trong thời gian chiến dịch \(campaign.code) (\(campaign.start.longVietnamese) – \(endVI))",
                       "Date must be within campaign \(campaign.code) (\(campaign.start.iso) to \(endEN))")
            ok = false
        }
        if date > rules.today {
            errors.add(field(), "Không thể ghi nhận hỗ trợ cho ngày trong tương lai",
                       "Date cannot be in the future")
            ok = false
        }
        return ok ? date : nil
    }

    private static func checkVolunteers(_ raw: [String]?, rules: SupportEntryRules, field: @autoclosure () -> String,
                                        errors: inout FieldErrors) -> [UUID]? {
        var ok = true
        var unique = Set<UUID>()
        for (i, text) in (raw ?? []).enumerated() {
            if let uuid = errors.parseUUID(text, field: "\(field())[\(i)]") {
                unique.insert(uuid)
            } else {
                ok = false
            }
        }
        if unique.count > rules.maxVolunteers {
            errors.add(field(),
                       "Không được ghi quá \(VietnameseNumber.grouped(rules.maxVolunteers)) tình nguyện viên cho một lần ghi",
                       "At most \(rules.maxVolunteers) volunteers per entry")
            ok = false
        }
        return ok ? Array(unique) : nil
    }

    private static func checkCounts(_ raw: [String: Int]?, rules: SupportEntryRules, field: @autoclosure () -> String,
                                    errors: inout FieldErrors) -> [String: Int]? {
        guard let raw, !raw.isEmpty else {
            errors.add(field(), "Cần ghi ít nhất một lượt hỗ trợ", "At least one support count is required")
            return nil
        }
        var ok = true
        var kept: [String: Int] = [:]
        // Sorted so error order is stable across runs (dictionary order is not).
        for code in raw.keys.sorted() {
            let value = raw[code]!
            func path() -> String { "\(field()).\(code)" }
            if let category = rules.campaign.category(code: code) {
                if category.retired, value > 0, !rules.allowRetiredCategories {
                    errors.add(path(), "Danh mục \"\(category.name)\" đã ngừng sử dụng trong chiến dịch này", "Category \(code) is retired in this campaign")
                    ok = false
                    continue
                }
            } else {
                errors.add(path(), "Danh mục không tồn tại", "Unknown support category")
                ok = false
                continue
            }
            if value < 0 {
                errors.add(path(), "Số lượt không được âm", "Count must not be negative")
                ok = false
            } else if value > rules.maxPerCategory {
                errors.add(path(),
                           "Số lượt vượt quá \(VietnameseNumber.grouped(rules.maxPerCategory)) lượt cho một danh mục trong một lần ghi",
                           "Count exceeds \(rules.maxPerCategory) per category in one entry")
                ok = false
            } else if value > 0 {
                kept[code] = value
            }
        }
        // A zero total is only worth reporting when no single count was wrong.
        if ok && kept.isEmpty {
            errors.add(field(), "Tổng số lượt hỗ trợ phải lớn hơn 0", "Total support count must be greater than 0")
            ok = false
        }
        return ok ? kept : nil
    }

    /// `total` is nil when the counts were invalid; the upper bound is then
    /// unknown and not checked, to avoid piling consequential errors.
    private static func checkBeneficiaries(_ raw: [String: Int]?, total: Int?, field: @autoclosure () -> String,
                                           errors: inout FieldErrors) -> [BeneficiaryGroup: Int]? {
        var ok = true
        var kept: [BeneficiaryGroup: Int] = [:]
        for key in (raw ?? [:]).keys.sorted() {
            let value = raw![key]!
            func path() -> String { "\(field()).\(key)" }
            guard let group = BeneficiaryGroup(rawValue: key) else {
                errors.add(path(), "Nhóm đối tượng không tồn tại", "Unknown beneficiary group")
                ok = false
                continue
            }
            if value < 0 {
                errors.add(path(), "Số người không được âm", "Count must not be negative")
                ok = false
            } else if let total, value > total {
                errors.add(path(),
                           "Không được vượt quá tổng số lượt hỗ trợ (\(VietnameseNumber.grouped(total)))",
                           "Must not exceed the total support count (\(total))")
                ok = false
            } else if value > 0 {
                kept[group] = value
            }
        }
        return ok ? kept : nil
    }

    private static func checkPlace(_ raw: String?, field: @autoclosure () -> String, errors: inout FieldErrors) -> SupportPlace? {
        guard let raw, !raw.isEmpty else {
            errors.add(field(), "Nơi hỗ trợ là bắt buộc", "Place is required")
            return nil
        }
        guard let place = SupportPlace(rawValue: raw) else {
            errors.add(field(), "Nơi hỗ trợ không hợp lệ", "Unknown place")
            return nil
        }
        return place
    }

    private static func checkLanguages(_ raw: [String]?, field: @autoclosure () -> String, errors: inout FieldErrors) -> [Language]? {
        var ok = true
        var result: [Language] = []
        for (i, code) in (raw ?? []).enumerated() {
            if let language = Language(rawValue: code) {
                result.append(language)
            } else {
                errors.add("\(field())[\(i)]", "Ngôn ngữ không hợp lệ", "Unknown language")
                ok = false
            }
        }
        return ok ? result : nil
    }

    /// Wrapped so "valid, no note" (text nil) differs from "invalid" (nil).
    private struct CheckedNote {
        var text: String?
    }

    private static func checkNote(_ raw: String?, rules: SupportEntryRules, field: @autoclosure () -> String,
                                  errors: inout FieldErrors) -> CheckedNote? {
        guard let raw else { return CheckedNote(text: nil) }
        let before = errors.all.count
        let text = FreeText.check(raw, field: field(), maxLength: rules.maxNoteLength, required: false, shape: .prose, errors: &errors)
        return errors.all.count == before ? CheckedNote(text: text) : nil
    }
}
