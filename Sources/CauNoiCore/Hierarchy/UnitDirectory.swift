import Foundation

/// Every province and commune with the names people use for it, today's and the ones from before July 2025, to
/// find units by what is typed (`UnitNameMatcher`). Built once from the shipped lists; it holds no state.
public struct UnitDirectory: Sendable {
    public struct Entry: Sendable, Hashable {
        public var unit: UnitNameMatcher.Candidate
        public var level: OrgLevel
        /// The unit's own code for a province.
        public var provinceCode: String
    }

    public let entries: [Entry]
    private let byCode: [String: Int]
    /// Entries by the first letters (up to `prefixLength`) of every word of their names, province and former names.
    /// Every match needs each typed word to start one of those words, so a search ranks only the entries every
    /// typed word's prefix points to, not all 3,355 (and their 10,000 former names).
    private let byPrefix: [String: [Int]]
    static let prefixLength = 3

    /// A unit by its code.
    public func entry(code: String) -> Entry? { byCode[code].map { entries[$0] } }

    /// "Phường Hoàn Kiếm, Thành phố Hà Nội" (a province by its name alone); nil for an unknown code.
    public func label(code: String) -> String? {
        guard let e = entry(code: code) else { return nil }
        return e.unit.provinceName.isEmpty ? e.unit.name : "\(e.unit.name), \(e.unit.provinceName)"
    }

    public init(catalog: DivisionsCatalog, formerNames: [String: [String]] = [:]) {
        var entries: [Entry] = catalog.provinces.map {
            Entry(unit: .init(code: $0.code, name: $0.name, provinceName: ""), level: .province, provinceCode: $0.code)
        }
        for c in catalog.communes {
            let province = catalog.province(code: c.provinceCode)?.name ?? ""
            entries.append(Entry(unit: .init(code: c.code, name: c.name, provinceName: province, formerNames: formerNames[c.code] ?? []),
                                 level: .commune, provinceCode: c.provinceCode))
        }
        self.entries = entries
        byCode = Dictionary(entries.enumerated().map { ($1.unit.code, $0) }, uniquingKeysWith: { a, _ in a })
        var byPrefix: [String: Set<Int>] = [:]
        for (i, e) in entries.enumerated() {
            for word in e.unit.nameWords + e.unit.provinceWords + e.unit.formerWords.flatMap({ $0 }) {
                for n in 1...min(Self.prefixLength, word.count) { byPrefix[String(word.prefix(n)), default: []].insert(i) }
            }
        }
        self.byPrefix = byPrefix.mapValues { $0.sorted() }
    }

    /// The entries that can match `text`: a code's own entry, or those every typed word's prefix points to.
    private func pool(_ text: String, levels: Set<OrgLevel>, include: (Entry) -> Bool) -> [Entry] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let i = byCode[trimmed] { return levels.contains(entries[i].level) && include(entries[i]) ? [entries[i]] : [] }
        let tokens = VietnameseText.words(trimmed)
        guard !tokens.isEmpty else { return [] }
        var candidates: Set<Int>?
        for token in tokens {
            let found = Set(byPrefix[String(token.prefix(Self.prefixLength))] ?? [])
            candidates = candidates.map { $0.intersection(found) } ?? found
            if candidates?.isEmpty == true { return [] }
        }
        return (candidates ?? []).sorted().map { entries[$0] }.filter { levels.contains($0.level) && include($0) }
    }

    /// Units of `levels` that `include` admits, best match first (see `UnitNameMatcher.matches`).
    public func search(_ text: String, levels: Set<OrgLevel>, where include: (Entry) -> Bool = { _ in true }) -> [Entry] {
        let pool = self.pool(text, levels: levels, include: include)
        let byCode = Dictionary(pool.map { ($0.unit.code, $0) }, uniquingKeysWith: { a, _ in a })
        return UnitNameMatcher.matches(text, in: pool.map(\.unit)).compactMap { byCode[$0.code] }
    }

    /// The one unit the text means among those admitted, or why not.
    public func pick(_ text: String, levels: Set<OrgLevel>, where include: (Entry) -> Bool = { _ in true })
        -> Result<Entry, UnitNameMatcher.Problem> {
        let pool = self.pool(text, levels: levels, include: include)
        let byCode = Dictionary(pool.map { ($0.unit.code, $0) }, uniquingKeysWith: { a, _ in a })
        return UnitNameMatcher.pick(text, in: pool.map(\.unit)).map { byCode[$0.code]! }
    }

    /// Former names by today's commune code from the pre-2025 → 2025 list (columns old_province, old_district,
    /// old_ward, new_commune_code): "Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội" for 00097. A split ward is
    /// a former name of each commune it went to.
    public static func formerNames(csv: String) -> [String: [String]] {
        let rows = CSVReader.rows(csv)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces) }),
              let ward = header.firstIndex(of: "old_ward"), let district = header.firstIndex(of: "old_district"),
              let province = header.firstIndex(of: "old_province"), let code = header.firstIndex(of: "new_commune_code") else { return [:] }
        var out: [String: [String]] = [:]
        for row in rows.dropFirst() where row.count == header.count {
            let name = [row[ward], row[district], row[province]].map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: ", ")
            let target = row[code].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, target.count == 5 else { continue }
            if out[target]?.contains(name) != true { out[target, default: []].append(name) }
        }
        return out
    }
}
