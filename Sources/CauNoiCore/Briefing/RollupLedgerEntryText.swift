extension RollupLedger.Entry {
    /// What the ledger counts of an entry as one line of text, kept on the entry's pending mark (issue 16) so the
    /// ledger counts it without reading the entry and its detail rows back:
    /// `date|team|commune|province|total|place|category=n,…|group=n,…|volunteer,…`.
    /// Codes and ids never hold `|`, `,`, `=` or `%` today; any that does is written as `%7C`, `%2C`, `%3D`, `%25`.
    public var encoded: String {
        var out = date.iso
        out.reserveCapacity(64 + 40 * volunteerIDs.count + 16 * (counts.count + groups.count))
        out.append("|")
        Self.append(teamID, to: &out)
        out.append("|")
        Self.append(communeCode, to: &out)
        out.append("|")
        Self.append(provinceCode, to: &out)
        out.append("|")
        out.append(String(total))
        out.append("|")
        Self.append(place, to: &out)
        out.append("|")
        Self.append(counts, to: &out)
        out.append("|")
        Self.append(groups, to: &out)
        out.append("|")
        for (i, id) in volunteerIDs.enumerated() {
            if i > 0 { out.append(",") }
            Self.append(id, to: &out)
        }
        return out
    }

    /// The entry `encoded` wrote; nil for any other text. Read byte by byte: the ledger reads one per entry it counts,
    /// and splitting the text into `Substring`s (Character by Character) cost 12–14 µs an entry against 1.4–1.6 µs
    /// (`caunoi bench-ledger`), more than the rest of the ledger's arithmetic.
    public init?(encoded text: String) {
        var text = text
        guard let entry = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = entry
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Self? {
        let bar = UInt8(ascii: "|"), comma = UInt8(ascii: ","), equals = UInt8(ascii: "=")
        var fields: [Range<Int>] = []
        fields.reserveCapacity(9)
        var start = 0
        for i in 0..<bytes.count where bytes[i] == bar {
            fields.append(start..<i)
            start = i + 1
        }
        fields.append(start..<bytes.count)
        guard fields.count == 9 else { return nil }

        func text(_ range: Range<Int>) -> String? {
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            guard slice.contains(UInt8(ascii: "%")) else { return String(decoding: slice, as: UTF8.self) }
            return unescape(String(decoding: slice, as: UTF8.self)[...])
        }
        func number(_ range: Range<Int>) -> Int? {
            guard !range.isEmpty, range.count <= 18 else { return nil }
            var value = 0, i = range.lowerBound, negative = false
            if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1; guard i < range.upperBound else { return nil } }
            while i < range.upperBound {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                i += 1
            }
            return negative ? -value : value
        }
        /// The items of a list field, split at commas; none for an empty field.
        func items(_ range: Range<Int>) -> [Range<Int>] {
            guard !range.isEmpty else { return [] }
            var out: [Range<Int>] = [], from = range.lowerBound
            for i in range where bytes[i] == comma {
                out.append(from..<i)
                from = i + 1
            }
            out.append(from..<range.upperBound)
            return out
        }
        func map(_ range: Range<Int>) -> [String: Int]? {
            var out: [String: Int] = [:]
            for item in items(range) {
                guard let split = item.first(where: { bytes[$0] == equals }), split > item.lowerBound,
                      let key = text(item.lowerBound..<split), !key.isEmpty, let value = number((split + 1)..<item.upperBound),
                      out.updateValue(value, forKey: key) == nil else { return nil }
            }
            return out
        }

        let date = fields[0]
        guard date.count == 10, let dateText = text(date), let day = LocalDate(iso: dateText), let total = number(fields[4]),
              let team = text(fields[1]), let commune = text(fields[2]), let province = text(fields[3]), let place = text(fields[5]),
              let counts = map(fields[6]), let groups = map(fields[7]) else { return nil }
        var volunteers: [String] = []
        for item in items(fields[8]) {
            guard let id = text(item), !id.isEmpty else { return nil }
            volunteers.append(id)
        }
        return Self(date: day, teamID: team, communeCode: commune, provinceCode: province, total: total, place: place,
                    counts: counts, groups: groups, volunteerIDs: volunteers)
    }

    private static let escapes: [UInt8: String] = [UInt8(ascii: "|"): "%7C", UInt8(ascii: ","): "%2C", UInt8(ascii: "="): "%3D",
                                                   UInt8(ascii: "%"): "%25"]

    private static func append(_ field: String, to out: inout String) {
        // A switch, not a look-up in `escapes`: this runs for every byte of every entry's codes and ids.
        guard field.utf8.contains(where: isEscaped) else { out.append(field); return }
        for scalar in field.unicodeScalars {
            if scalar.isASCII, let escaped = escapes[UInt8(scalar.value)] { out.append(escaped) } else { out.unicodeScalars.append(scalar) }
        }
    }

    /// `key=n,…`, sorted: the same entry always gives the same text.
    private static func append(_ map: [String: Int], to out: inout String) {
        for (i, pair) in map.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { out.append(",") }
            append(pair.key, to: &out)
            out.append("=")
            out.append(String(pair.value))
        }
    }

    private static func isEscaped(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "|"), UInt8(ascii: ","), UInt8(ascii: "="), UInt8(ascii: "%"): true
        default: false
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
