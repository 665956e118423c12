import Foundation

/// The standard as people edit it in two text boxes, one line per competency ("mã | tên | mã khóa học, …") and one
/// line per level ("tên cấp độ | khóa học, tập huấn, đánh giá"); every problem names its box and line.
public enum CompetencyStandardText {
    public static let maxCompetencies = 20
    public static let maxLevels = 5

    public static func format(_ s: CompetencyStandard) -> (competencies: String, levels: String) {
        let competencies = s.competencies.map { c in
            ([c.code, c.name] + (c.courses.isEmpty ? [] : [c.courses.joined(separator: ", ")])).joined(separator: " | ")
        }
        let levels = s.levels.map { "\($0.name) | " + $0.earnedBy.sorted().map(\.vietnamese).joined(separator: ", ") }
        return (competencies.joined(separator: "\n"), levels.joined(separator: "\n"))
    }

    public static func parse(competencies: String?, levels: String?, knownCourses: Set<String>) -> Result<CompetencyStandard, ValidationFailure> {
        var errors = FieldErrors()
        var list: [Competency] = []
        var seen: [String: Int] = [:]
        for (line, text) in lines(competencies) {
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func fail(_ vi: String, _ en: String) { errors.add("competencies", "Dòng \(line): \(vi)", "Line \(line): \(en)") }
            guard parts.count >= 2, parts.count <= 3 else {
                fail("cần dạng “mã | tên | mã khóa học (nếu có)”.", "use “code | name | course codes (optional)”."); continue
            }
            let code = parts[0]
            guard isCode(code) else { fail("mã “\(code)” chỉ gồm chữ thường không dấu, số và dấu gạch dưới (tối đa 40).", "code must be a-z, 0-9, _ (≤ 40)."); continue }
            if let first = seen[code] { fail("mã “\(code)” trùng dòng \(first).", "code “\(code)” repeats line \(first)."); continue }
            seen[code] = line
            var nameErrors = FieldErrors()
            guard let name = FreeText.check(parts[1], field: "competencies", maxLength: 160, required: true, errors: &nameErrors) else {
                fail("tên năng lực: " + (nameErrors.all.first?.message ?? ""), "name: " + (nameErrors.all.first?.messageEN ?? "")); continue
            }
            let courses = parts.count == 3 ? parts[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
            let unknown = courses.filter { !knownCourses.contains($0) }
            if !unknown.isEmpty {
                fail("khóa học “\(unknown.joined(separator: ", "))” không có trong danh mục khóa học của chiến dịch.", "unknown course \(unknown).")
                continue
            }
            list.append(Competency(code: code, name: name, courses: courses))
        }
        if list.count > maxCompetencies {
            errors.add("competencies", "Tối đa \(maxCompetencies) năng lực.", "At most \(maxCompetencies) competencies.")
        }
        var ladder: [CompetencyLevel] = []
        for (line, text) in lines(levels) {
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func fail(_ vi: String, _ en: String) { errors.add("levels", "Dòng \(line): \(vi)", "Line \(line): \(en)") }
            guard parts.count == 2 else { fail("cần dạng “tên cấp độ | khóa học, tập huấn, đánh giá”.", "use “level name | ways”."); continue }
            var nameErrors = FieldErrors()
            guard let name = FreeText.check(parts[0], field: "levels", maxLength: 80, required: true, errors: &nameErrors) else {
                fail("tên cấp độ: " + (nameErrors.all.first?.message ?? ""), "name: " + (nameErrors.all.first?.messageEN ?? "")); continue
            }
            var ways = Set<CompetencyEvidence>()
            var bad: [String] = []
            for word in parts[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }) {
                let folded = VietnameseText.words(word).joined(separator: " ")
                if let way = CompetencyEvidence.allCases.first(where: { VietnameseText.words($0.vietnamese).joined(separator: " ") == folded || $0.rawValue == folded }) {
                    ways.insert(way)
                } else { bad.append(word) }
            }
            if !bad.isEmpty { fail("“\(bad.joined(separator: ", "))” không phải cách đạt (khóa học, tập huấn, đánh giá).", "unknown way \(bad)."); continue }
            if ways.isEmpty { fail("cần ít nhất một cách đạt (khóa học, tập huấn, đánh giá).", "name at least one way."); continue }
            ladder.append(CompetencyLevel(name: name, earnedBy: ways.sorted()))
        }
        if ladder.count > maxLevels { errors.add("levels", "Tối đa \(maxLevels) cấp độ.", "At most \(maxLevels) levels.") }
        if !list.isEmpty && ladder.isEmpty && errors.isEmpty {
            errors.add("levels", "Cần ít nhất một cấp độ.", "At least one level is needed.")
        }
        guard errors.isEmpty else { return .failure(ValidationFailure(errors: errors.all)) }
        return .success(CompetencyStandard(competencies: list, levels: ladder))
    }

    /// Non-blank lines with their 1-based numbers.
    static func lines(_ text: String?) -> [(Int, String)] {
        (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset + 1, $0.element.trimmingCharacters(in: .whitespaces)) }.filter { !$0.1.isEmpty }
    }

    public static func isCode(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 40 && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
