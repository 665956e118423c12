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

        /// Folded once here: a directory is searched for every row of a 55,000-row import.
        let nameWords: [String]
        let provinceWords: [String]
        let formerWords: [[String]]
        let accentedName: [String]
        /// The folded and the accented name, whole and without the kind of unit, joined once (compared per search).
        let nameJoined: String
        let nameTail: String
        let accentedJoined: String
        let accentedTail: String

        public init(code: String, name: String, provinceName: String, formerNames: [String] = []) {
            self.code = code
            self.name = name
            self.provinceName = provinceName
            self.formerNames = formerNames
            nameWords = VietnameseText.words(name)
            provinceWords = VietnameseText.words(provinceName)
            formerWords = formerNames.map(VietnameseText.words)
            accentedName = UnitNameMatcher.accentedWords(name)
            let kind = UnitNameMatcher.typeWords(nameWords)
            nameJoined = nameWords.joined(separator: " ")
            nameTail = nameWords.dropFirst(kind).joined(separator: " ")
            accentedJoined = accentedName.joined(separator: " ")
            accentedTail = accentedName.dropFirst(kind).joined(separator: " ")
        }

        public static func == (a: Candidate, b: Candidate) -> Bool {
            a.code == b.code && a.name == b.name && a.provinceName == b.provinceName && a.formerNames == b.formerNames
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(code)
            hasher.combine(name)
        }
    }

    /// The candidates the text can mean, best first: an exact code alone; then the name exactly as written (accents
    /// included, so "Vĩnh Hưng" is not "Vinh Hưng"), names equal to the text without accents, names holding every
    /// word, names that need the province's words, and former names.
    public static func matches(_ text: String, in candidates: [Candidate]) -> [Candidate] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let exact = candidates.first(where: { $0.code == trimmed }) { return [exact] }
        let query = Query(trimmed)
        guard !query.tokens.isEmpty else { return [] }
        return candidates.compactMap { c in rank(c, query).map { ($0, c) } }
            .sorted { ($0.0, $0.1.name, $0.1.code) < ($1.0, $1.1.name, $1.1.code) }
            .map(\.1)
    }

    /// The one unit the text means, or why not: nothing matched, or several did equally well.
    public static func pick(_ text: String, in candidates: [Candidate]) -> Result<Candidate, Problem> {
        let found = matches(text, in: candidates)
        guard let best = found.first else { return .failure(.none) }
        let query = Query(text)
        let top = rank(best, query)
        let tied = found.filter { rank($0, query) == top }
        return tied.count == 1 ? .success(best) : .failure(.ambiguous(tied))
    }

    private struct Query {
        var tokens: [String]
        var whole: String
        /// The words as typed, accents kept (NFC, lower case).
        var accented: String

        init(_ text: String) {
            tokens = words(text)
            whole = tokens.joined(separator: " ")
            accented = accentedWords(text).joined(separator: " ")
        }
    }

    private static func rank(_ c: Candidate, _ q: Query) -> Int? {
        // Typed with accents, the exact name wins over namesakes that differ only by them.
        if q.accented != q.whole, c.accentedJoined == q.accented || c.accentedTail == q.accented { return -1 }
        if c.nameJoined == q.whole || c.nameTail == q.whole { return 0 }
        let name = c.nameWords, province = c.provinceWords
        if covers(q.tokens, name) { return 1 }
        if covers(q.tokens, name, province) { return 2 }
        if c.formerWords.contains(where: { covers(q.tokens, $0, province) }) { return 3 }
        return nil
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

    private static func words(_ text: String) -> [String] { VietnameseText.words(text) }

    /// Words with their accents: NFC, lower case, punctuation dropped.
    static func accentedWords(_ text: String) -> [String] {
        text.precomposedStringWithCanonicalMapping.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Every typed word starts some word of the name (in any order), so "hoan kiem" and "hoàn kiế" both find Hoàn Kiếm.
    private static func covers(_ tokens: [String], _ words: [String], _ more: [String] = []) -> Bool {
        tokens.allSatisfy { token in words.contains { $0.hasPrefix(token) } || more.contains { $0.hasPrefix(token) } }
    }

    /// The key a list of units sorts by: the name without the kind of unit, accents folded, so "Thành phố Hà Nội"
    /// sorts under H beside "Tỉnh Hà Tĩnh", as people look for it.
    public static func sortKey(_ name: String) -> String {
        let words = VietnameseText.words(name)
        return words.dropFirst(typeWords(words)).joined(separator: " ")
    }

    /// How many leading words name the kind of unit ("phuong", "xa", "dac khu", "thanh pho", "tinh").
    static func typeWords(_ name: [String]) -> Int {
        guard let first = name.first else { return 0 }
        switch first {
        case "phuong", "xa", "tinh": return 1
        case "dac", "thanh": return name.count > 2 ? 2 : 0
        default: return 0
        }
    }
}
