import Foundation

/// Finds an administrative unit from what a person types: its code, its name with or without accents, in any
/// case or Unicode form, with the province's name added to tell apart units that share a name ("ba dinh ha noi"),
/// or a name it had before 2025 ("phường Phúc Xá, quận Ba Đình" → Phường Hồng Hà).
public enum UnitNameMatcher {
    public struct Candidate: Sendable, Hashable {
        public var code: String
        public var name: String
        public var provinceName: String
        /// Earlier names that now lead here ("Phường Phúc Xá, Quận Ba Đình").
        public var formerNames: [String]

        public init(code: String, name: String, provinceName: String, formerNames: [String] = []) {
            self.code = code
            self.name = name
            self.provinceName = provinceName
            self.formerNames = formerNames
        }
    }

    /// The candidates the text can mean, best first: an exact code alone; then names equal to the text, names
    /// holding every word, names that need the province's words, and former names.
    public static func matches(_ text: String, in candidates: [Candidate]) -> [Candidate] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let exact = candidates.first(where: { $0.code == trimmed }) { return [exact] }
        let tokens = words(trimmed)
        guard !tokens.isEmpty else { return [] }
        let whole = tokens.joined(separator: " ")
        var ranked: [(rank: Int, candidate: Candidate)] = []
        for candidate in candidates {
            let name = words(candidate.name)
            let province = words(candidate.provinceName)
            let rank: Int
            if name.joined(separator: " ") == whole || name.dropFirst(typeWords(name)).joined(separator: " ") == whole {
                rank = 0
            } else if covers(tokens, name) {
                rank = 1
            } else if covers(tokens, name + province) {
                rank = 2
            } else if candidate.formerNames.contains(where: { covers(tokens, words($0) + province) }) {
                rank = 3
            } else {
                continue
            }
            ranked.append((rank, candidate))
        }
        return ranked.sorted { ($0.rank, $0.candidate.name, $0.candidate.code) < ($1.rank, $1.candidate.name, $1.candidate.code) }
            .map(\.candidate)
    }

    /// The one unit the text means, or why not: nothing matched, or several did equally well.
    public static func pick(_ text: String, in candidates: [Candidate]) -> Result<Candidate, Problem> {
        let found = matches(text, in: candidates)
        guard let best = found.first else { return .failure(.none) }
        let tied = found.filter { rank(of: $0, text) == rank(of: best, text) }
        return tied.count == 1 ? .success(best) : .failure(.ambiguous(tied))
    }

    public enum Problem: Error, Equatable, Sendable {
        case none
        case ambiguous([Candidate])

        /// Vietnamese, naming the choices so the person can add the province.
        public var message: String {
            switch self {
            case .none: "Không tìm thấy đơn vị có tên này trong phạm vi của bạn."
            case .ambiguous(let options):
                "Có \(options.count) đơn vị trùng tên: "
                    + options.prefix(5).map { "\($0.name) (\($0.provinceName))" }.joined(separator: "; ")
                    + (options.count > 5 ? "; …" : "") + ". Hãy ghi thêm tên tỉnh hoặc dùng mã."
            }
        }

        public var messageEN: String {
            switch self {
            case .none: "No unit with that name in your area."
            case .ambiguous(let options): "\(options.count) units share that name; add the province or use the code."
            }
        }
    }

    private static func rank(of candidate: Candidate, _ text: String) -> Int {
        let tokens = words(text), whole = tokens.joined(separator: " "), name = words(candidate.name)
        if name.joined(separator: " ") == whole || name.dropFirst(typeWords(name)).joined(separator: " ") == whole { return 0 }
        if covers(tokens, name) { return 1 }
        if covers(tokens, name + words(candidate.provinceName)) { return 2 }
        return 3
    }

    private static func words(_ text: String) -> [String] { VietnameseText.words(text) }

    /// Every typed word starts some word of the name (in any order), so "hoan kiem" and "hoàn kiế" both find Hoàn Kiếm.
    private static func covers(_ tokens: [String], _ words: [String]) -> Bool {
        tokens.allSatisfy { token in words.contains { $0.hasPrefix(token) } }
    }

    /// How many leading words name the kind of unit ("phuong", "xa", "dac khu", "thanh pho", "tinh").
    private static func typeWords(_ name: [String]) -> Int {
        guard let first = name.first else { return 0 }
        switch first {
        case "phuong", "xa", "tinh": return 1
        case "dac", "thanh": return name.count > 2 ? 2 : 0
        default: return 0
        }
    }
}
