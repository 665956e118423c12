/// " AND <column> IN ('01','79')" for raw SQL over a set of provinces (nil: every province, no clause; empty: none).
/// Codes are reduced to their digits, so nothing else reaches the text.
enum ProvinceClause {
    static func sql(_ column: String, _ provinces: Set<String>?) -> String {
        guard let provinces else { return "" }
        guard !provinces.isEmpty else { return " AND 1 = 0" }
        return " AND \(column) IN (" + provinces.sorted().map { "'\($0.filter(\.isNumber))'" }.joined(separator: ",") + ")"
    }
}
