extension RollupLedger.Entry {
    /// What the ledger counts of an entry as one line of text, kept on the entry's pending mark (issue 16) so the
    /// ledger counts it without reading the entry and its detail rows back:
    /// `date|team|commune|province|total|place|category=n,…|group=n,…|volunteer,…`.
    /// Codes and ids never hold `|`, `,`, `=` or `%` today; any that does is written as `%7C`, `%2C`, `%3D`, `%25`.
    public var encoded: String {
        var out = date.iso
        out.reserveCapacity(64 + 40 * volunteerIDs.count + 16 * (counts.count + groups.count))
        for field in [teamID, communeCode, provinceCode] {
            out.append("|")
            Self.append(field, to: &out)
        }
        out.append("|")
        out.append(String(total))
        out.append("|")
        Self.append(place, to: &out)
        for map in [counts, groups] {
            out.append("|")
            // Sorted: the same entry always gives the same text.
            for (i, pair) in map.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out.append(",") }
                Self.append(pair.key, to: &out)
                out.append("=")
                out.append(String(pair.value))
            }
        }
        out.append("|")
        for (i, id) in volunteerIDs.enumerated() {
            if i > 0 { out.append(",") }
            Self.append(id, to: &out)
        }
        return out
    }

    /// The entry `encoded` wrote; nil for any other text.
    public init?(encoded text: String) {
        let fields = text.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 9, let date = LocalDate(iso: String(fields[0])), let total = Int(fields[4]),
              let team = Self.unescape(fields[1]), let commune = Self.unescape(fields[2]), let province = Self.unescape(fields[3]),
              let place = Self.unescape(fields[5]), let counts = Self.map(fields[6]), let groups = Self.map(fields[7]) else { return nil }
        var volunteers: [String] = []
        if !fields[8].isEmpty {
            for id in fields[8].split(separator: ",", omittingEmptySubsequences: false) {
                guard let id = Self.unescape(id), !id.isEmpty else { return nil }
                volunteers.append(id)
            }
        }
        self.init(date: date, teamID: team, communeCode: commune, provinceCode: province, total: total, place: place,
                  counts: counts, groups: groups, volunteerIDs: volunteers)
    }

    private static func map(_ text: Substring) -> [String: Int]? {
        var out: [String: Int] = [:]
        guard !text.isEmpty else { return out }
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, let key = unescape(parts[0]), !key.isEmpty, let value = Int(parts[1]),
                  out.updateValue(value, forKey: key) == nil else { return nil }
        }
        return out
    }

    private static let escapes: [UInt8: String] = [UInt8(ascii: "|"): "%7C", UInt8(ascii: ","): "%2C", UInt8(ascii: "="): "%3D",
                                                   UInt8(ascii: "%"): "%25"]

    private static func append(_ field: String, to out: inout String) {
        guard field.utf8.contains(where: { escapes[$0] != nil }) else { out.append(field); return }
        for scalar in field.unicodeScalars {
            if scalar.isASCII, let escaped = escapes[UInt8(scalar.value)] { out.append(escaped) } else { out.unicodeScalars.append(scalar) }
        }
    }

    private static func unescape(_ field: Substring) -> String? {
        guard field.utf8.contains(UInt8(ascii: "%")) else { return String(field) }
        var out = "", rest = field[...]
        while let percent = rest.firstIndex(of: "%") {
            out += rest[..<percent]
            let code = rest[percent...].prefix(3)
            guard let byte = escapes.first(where: { $0.value == code })?.key else { return nil }
            out.unicodeScalars.append(Unicode.Scalar(byte))
            rest = rest[percent...].dropFirst(3)
        }
        return out + rest
    }
}
