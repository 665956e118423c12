import Foundation

/// Course completions from a learning platform's export (CSV or XLSX): one completion per row, told apart by the
/// volunteer's phone. Exports differ in their headers and usually hold one course per file, so the course may be
/// a column (its name or code) or chosen for the whole file. Every problem is reported with its row and column in
/// one pass; nothing here touches storage.
public enum CourseSheet {
    public enum Column: String, SheetColumn, Sendable {
        case fullName, phone, course, completedOn, certificateNo

        public var header: String {
            switch self {
            case .fullName: "Họ và tên"
            case .phone: "Số điện thoại"
            case .course: "Khóa học"
            case .completedOn: "Ngày hoàn thành"
            case .certificateNo: "Số chứng nhận"
            }
        }

        /// Other headers the platforms' exports use for the same column (folded).
        public var aliases: [String] {
            switch self {
            case .fullName: ["ho ten", "ten", "hoc vien", "ten hoc vien", "full name", "full_name", "name"]
            case .phone: ["dien thoai", "sdt", "so dt", "so dien thoai di dong", "phone", "phone number", "mobile"]
            case .course: ["khoa hoc", "ten khoa hoc", "ma khoa hoc", "course", "course name", "course_code"]
            case .completedOn: ["ngay hoan thanh", "ngay cap", "ngay cap chung nhan", "ngay hoan thanh khoa hoc",
                                "thoi gian hoan thanh", "completed", "completed on", "completed_on", "completion date"]
            case .certificateNo: ["so chung nhan", "so chung chi", "ma chung nhan", "ma chung chi", "chung nhan",
                                  "certificate", "certificate no", "certificate_no"]
            }
        }
    }

    public struct Row: Sendable, Hashable {
        /// The row's line in the file (the header is line 1).
        public var line: Int
        /// The 10-digit domestic form.
        public var phone: String
        public var courseCode: String
        public var completedOn: LocalDate
        public var certificateNo: String?
    }

    /// Rows with a readable phone, course and date; every unreadable value is a row error. `fixedCourse` is the
    /// course chosen for the whole file (then a course column is not needed, and is ignored when present).
    public static func parse(_ table: [[String]], courses: [Course], fixedCourse: String?, today: LocalDate)
        -> (rows: [Row], errors: [RowError]) {
        guard let header = table.first else {
            return ([], [RowError(line: 1, column: nil, message: "Tệp trống.", messageEN: "The file is empty.")])
        }
        let index = Column.index(header)
        var required: [Column] = [.phone, .completedOn]
        if fixedCourse == nil { required.append(.course) }
        let missing = required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            let hint = missing.contains(.course) ? " Nếu cả tệp là một khóa học, hãy chọn khóa học trên trang." : ""
            return ([], [RowError(line: 1, column: nil,
                                  message: "Thiếu cột: " + missing.map(\.header).joined(separator: ", ") + "." + hint,
                                  messageEN: "Missing columns: " + missing.map(\.rawValue).joined(separator: ", ") + ".")])
        }
        let byName = Dictionary(courses.map { (VietnameseText.words($0.name).joined(separator: " "), $0.code) }, uniquingKeysWith: { a, _ in a })
        let known = courses.map(\.name).joined(separator: "; ")
        var rows: [Row] = []
        var errors: [RowError] = []
        var firstLine: [String: Int] = [:]
        for (offset, cells) in table.dropFirst().enumerated() {
            let line = offset + 2
            func cell(_ c: Column) -> String {
                guard let i = index[c], i < cells.count else { return "" }
                return cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if Column.allCases.allSatisfy({ cell($0).isEmpty }) { continue }   // blank rows are skipped
            var bad = false
            func fail(_ c: Column, _ vi: String, _ en: String) {
                bad = true
                errors.append(RowError(line: line, column: c.header, message: vi, messageEN: en))
            }
            let phone = readPhone(cell(.phone))
            if cell(.phone).isEmpty {
                fail(.phone, "Thiếu số điện thoại.", "The phone is missing.")
            } else if phone == nil {
                fail(.phone, "Số điện thoại di động không hợp lệ (10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).", "Invalid mobile phone number.")
            }
            var course = fixedCourse
            if fixedCourse == nil {
                let typed = cell(.course)
                if typed.isEmpty {
                    fail(.course, "Thiếu tên khóa học.", "The course is missing.")
                } else if let code = courses.first(where: { $0.code == typed })?.code ?? byName[VietnameseText.words(typed).joined(separator: " ")] {
                    course = code
                } else {
                    fail(.course, "Khóa học \"\(typed)\" không có trong danh mục (\(known)).", "Unknown course \"\(typed)\".")
                }
            }
            // Exports add the time ("15/07/2025 10:32"); only the day matters.
            let typedDate = String(cell(.completedOn).split(separator: " ").first ?? "")
            var day: LocalDate?
            if typedDate.isEmpty {
                fail(.completedOn, "Thiếu ngày hoàn thành.", "The completion date is missing.")
            } else if let d = SpreadsheetTemplate.parseDate(typedDate) {
                if d > today { fail(.completedOn, "Ngày hoàn thành \(d.longVietnamese) ở tương lai.", "The completion date is in the future.") } else { day = d }
            } else {
                fail(.completedOn, "Ngày không hợp lệ, cần dạng dd/mm/yyyy.", "Invalid date; use dd/mm/yyyy.")
            }
            let certificate = cell(.certificateNo)
            if certificate.count > 60 { fail(.certificateNo, "Số chứng nhận dài quá 60 ký tự.", "The certificate number is longer than 60 characters.") }
            guard !bad, let phone, let course, let day else { continue }
            let key = phone + "|" + course
            if let first = firstLine[key] {
                errors.append(RowError(line: line, column: Column.phone.header,
                                       message: "Trùng số điện thoại và khóa học với dòng \(first).", messageEN: "Same phone and course as line \(first)."))
                continue
            }
            firstLine[key] = line
            rows.append(Row(line: line, phone: phone, courseCode: course, completedOn: day, certificateNo: certificate.isEmpty ? nil : certificate))
        }
        return (rows, errors)
    }

    /// A phone as spreadsheets keep it: numeric cells lose the leading zero ("912345678", "912345678.0").
    static func readPhone(_ raw: String) -> String? {
        var s = raw
        if s.hasSuffix(".0") { s.removeLast(2) }
        if s.count == 9, s.allSatisfy(\.isNumber), let first = s.first, "35789".contains(first) { s = "0" + s }
        return VietnamesePhone.normalise(s)
    }
}
