/// Text handling shared by the writer and reader: XML 1.0 legality, escaping,
/// and OOXML's `_xHHHH_` character escapes.
enum XMLText {
    /// XML 1.0 `Char` production. Anything else makes Excel refuse the file.
    static func isLegal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func strippingIllegal(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isLegal) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(isLegal))
        return String(scalars)
    }

    /// Escapes element content. CR becomes a character reference because XML parsers
    /// normalize a literal CR (or CRLF) to LF, which would break exact round-trips.
    static func escapeContent(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// Escapes an attribute value; whitespace is encoded too because attribute-value
    /// normalization would turn tabs and newlines into spaces.
    static func escapeAttribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#xD;"
            case "\"" where quotes: out += "&quot;"
            case "\n" where quotes: out += "&#xA;"
            case "\t" where quotes: out += "&#x9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Protects literal `_xHHHH_` sequences so Excel does not decode them as escapes:
    /// the leading underscore is itself written as `_x005F_`.
    static func encodeOOXMLEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if escapeValue(in: scalars, at: index) != nil {
                out.append(contentsOf: "_x005F_".unicodeScalars)
                out.append(contentsOf: scalars[(index + 1)..<(index + 7)])
                index += 7
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// Decodes `_xHHHH_` escapes that Excel uses for characters XML cannot hold
    /// (for example `_x000D_` for CR). Surrogate pairs written as two escapes are joined.
    static func decodeOOXMLEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard let value = escapeValue(in: scalars, at: index) else {
                out.append(scalars[index])
                index += 1
                continue
            }
            if (0xD800...0xDBFF).contains(value),
               let low = escapeValue(in: scalars, at: index + 7), (0xDC00...0xDFFF).contains(low),
               let joined = Unicode.Scalar(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)) {
                out.append(joined)
                index += 14
            } else if let scalar = Unicode.Scalar(value) {
                out.append(scalar)
                index += 7
            } else {
                // A lone surrogate cannot be represented; keep the text as written.
                out.append(contentsOf: scalars[index..<(index + 7)])
                index += 7
            }
        }
        return String(out)
    }

    /// Value of an `_xHHHH_` escape starting at `index`, if there is one.
    private static func escapeValue(in scalars: [Unicode.Scalar], at index: Int) -> UInt32? {
        guard index + 7 <= scalars.count,
              scalars[index] == "_", scalars[index + 1] == "x", scalars[index + 6] == "_" else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[(index + 2)..<(index + 6)] {
            guard let digit = hexDigit(scalar) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: return scalar.value - 0x30
        case 0x41...0x46: return scalar.value - 0x41 + 10
        case 0x61...0x66: return scalar.value - 0x61 + 10
        default: return nil
        }
    }
}
