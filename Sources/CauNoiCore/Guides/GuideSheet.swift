import Foundation

/// Procedure guides from a spreadsheet (CSV or XLSX), one guide per row under Vietnamese headers. Lists (what to
/// bring, steps) are one item per line in the cell, or separated by ";". Every problem is reported with its row and
/// column in one pass; the guide's own rules (`ProcedureGuideValidator`) run afterwards, row by row.
public enum GuideSheet {
    public enum Column: String, SheetColumn, Sendable {
        case title, office, documents, steps, fee, duration, legalBasis, sourceURL, checkedOn, province

        public var header: String {
            switch self {
            case .title: "Tên thủ tục"
            case .office: "Nơi làm"
            case .documents: "Giấy tờ cần mang"
            case .steps: "Các bước"
            case .fee: "Lệ phí"
            case .duration: "Thời gian"
            case .legalBasis: "Căn cứ pháp lý"
            case .sourceURL: "Nguồn"
            case .checkedOn: "Ngày kiểm tra"
            case .province: "Tỉnh"
            }
        }

        public var aliases: [String] {
            switch self {
            case .title: ["thu tuc", "ten", "title"]
            case .office: ["co quan", "noi thuc hien", "office"]
            case .documents: ["giay to", "ho so", "thanh phan ho so", "documents"]
            case .steps: ["trinh tu", "cac buoc thuc hien", "steps"]
            case .fee: ["phi", "le phi phi", "fee"]
            case .duration: ["thoi han giai quyet", "thoi gian giai quyet", "duration"]
            case .legalBasis: ["can cu", "legal basis", "legal_basis"]
            case .sourceURL: ["duong dan", "link", "source", "source_url", "nguon chinh thuc"]
            case .checkedOn: ["ngay kiem tra voi nguon", "checked on", "checked_on"]
            case .province: ["tinh thanh pho", "pham vi", "province", "province_code"]
            }
        }

        /// The validator's field for this column, to place its errors.
        var field: String {
            switch self {
            case .title: "title"
            case .office: "office"
            case .documents: "documents"
            case .steps: "steps"
            case .fee: "fee"
            case .duration: "duration"
            case .legalBasis: "legal_basis"
            case .sourceURL: "source_url"
            case .checkedOn: "checked_on"
            case .province: "province_code"
            }
        }

        public static func forField(_ field: String) -> Column? { allCases.first { $0.field == field } }
    }

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var draft: ProcedureGuideDraft
    }

    /// `province` turns what was typed in the province column (a name or a code; empty: the whole country) into a
    /// province code, or says why it cannot.
    public static func parse(_ table: [[String]], province: (String) -> Result<String?, RowError>) -> (rows: [Row], errors: [RowError]) {
        guard let header = table.first else {
            return ([], [RowError(line: 1, column: nil, message: "Tệp trống.", messageEN: "The file is empty.")])
        }
        let index = Column.index(header)
        let missing = [Column.title, .documents, .sourceURL, .checkedOn].filter { index[$0] == nil }
        guard missing.isEmpty else {
            return ([], [RowError(line: 1, column: nil, message: "Thiếu cột: " + missing.map(\.header).joined(separator: ", ") + ".",
                                  messageEN: "Missing columns: " + missing.map(\.rawValue).joined(separator: ", ") + ".")])
        }
        var rows: [Row] = []
        var errors: [RowError] = []
        for (offset, cells) in table.dropFirst().enumerated() {
            let line = offset + 2
            func cell(_ c: Column) -> String {
                guard let i = index[c], i < cells.count else { return "" }
                return cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if Column.allCases.allSatisfy({ cell($0).isEmpty }) { continue }
            func list(_ c: Column) -> String { cell(c).split(whereSeparator: { $0 == ";" || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") }
            var d = ProcedureGuideDraft()
            d.title = cell(.title); d.office = cell(.office); d.documents = list(.documents); d.steps = list(.steps)
            d.fee = cell(.fee); d.duration = cell(.duration); d.legalBasis = cell(.legalBasis); d.sourceURL = cell(.sourceURL)
            let typedDate = cell(.checkedOn)
            d.checkedOn = typedDate.isEmpty ? nil : (SpreadsheetTemplate.parseDate(String(typedDate.split(separator: " ").first ?? "")).map(\.iso) ?? typedDate)
            switch province(cell(.province)) {
            case .success(let code): d.provinceCode = code
            case .failure(let e): errors.append(RowError(line: line, column: Column.province.header, message: e.message, messageEN: e.messageEN)); continue
            }
            rows.append(Row(line: line, draft: d))
        }
        return (rows, errors)
    }
}
