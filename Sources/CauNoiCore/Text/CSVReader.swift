/// Minimal RFC 4180 reader for the spreadsheets provinces send in: files
/// exported by Excel in Vietnamese locale use ";" and a BOM, others use ",".
public enum CSVReader {
    /// All records as fields. Quoted fields may contain separators, newlines
    /// and "" escapes. With `separator` nil, ',' or ';' is chosen by which
    /// appears more often (outside quotes) in the first line.
    public static func rows(_ text: String, separator: Character? = nil) -> [[String]] {
        records(text, separator: separator).map(\.fields)
    }

    // MARK: - Internals

    struct Record {
        /// 1-based line where the record starts, for error messages.
        var line: Int
        var fields: [String]
    }

    static func records(_ text: String, separator: Character? = nil) -> [Record] {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        let sep = separator?.unicodeScalars.first ?? detectSeparator(scalars)

        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldStarted = false  // a quote only opens quoting at the start of a field
        var previousWasCR = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldStarted = false
        }
        func endRecord() {
            endField()
            records.append(Record(line: recordLine, fields: fields))
            fields = []
        }

        var iterator = scalars.makeIterator()
        var lookahead: Unicode.Scalar? = iterator.next()
        while let c = lookahead {
            lookahead = iterator.next()
            let afterCR = previousWasCR
            previousWasCR = false
            if inQuotes {
                if c == "\"" {
                    if lookahead == "\"" {
                        field.append("\"")
                        lookahead = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" && !afterCR { line += 1 }
                    if c == "\r" { line += 1; previousWasCR = true }
                    field.append(c)
                }
                continue
            }
            switch c {
            case sep:
                endField()
            case "\"" where !fieldStarted:
                inQuotes = true
                fieldStarted = true
            case "\r":
                endRecord()
                line += 1
                recordLine = line
                previousWasCR = true
            case "\n":
                if afterCR { continue }  // second half of CRLF
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(c)
                fieldStarted = true
            }
        }
        if inQuotes || fieldStarted || !field.isEmpty || !fields.isEmpty {
            endRecord()
        }
        while let last = records.last, last.fields.count == 1, last.fields[0].isEmpty {
            records.removeLast()
        }
        return records
    }

    private static func detectSeparator(_ scalars: Substring.UnicodeScalarView) -> Unicode.Scalar {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        for c in scalars {
            if c == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == "\n" || c == "\r" { break }
            if c == "," { commas += 1 } else if c == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }
}
