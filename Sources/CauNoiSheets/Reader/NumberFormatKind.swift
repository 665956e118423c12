import Foundation

/// What a cell's number format says about how to present a numeric value.
enum NumberFormatKind: Equatable {
    case plain
    case date
    case time
    case dateTime
    /// Elapsed time such as `[h]:mm:ss`, which can exceed 24 hours.
    case duration

    /// Built-in format ids whose meaning is fixed by ECMA-376 (18.8.30).
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17: return .date
        case 18...21, 45, 47: return .time
        case 22: return .dateTime
        case 46: return .duration
        default: return .plain
        }
    }

    /// Classifies a custom format code by the date/time tokens outside literals.
    static func classify(_ code: String) -> NumberFormatKind {
        let tokens = significantCharacters(of: code)
        if tokens.elapsed { return .duration }
        let letters = tokens.text
        let hasTime = letters.contains("h") || letters.contains("s")
        // A lone "m" means minutes next to h or s, otherwise month.
        let hasDate = letters.contains("d") || letters.contains("y") || (letters.contains("m") && !hasTime)
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return .plain
        }
    }

    /// Lowercased characters of the first section with quoted text, escapes,
    /// padding/fill markers, bracketed modifiers and AM/PM markers removed.
    private static func significantCharacters(of code: String) -> (text: String, elapsed: Bool) {
        let characters = Array(code.lowercased())
        var result = ""
        var elapsed = false
        var index = 0
        scan: while index < characters.count {
            switch characters[index] {
            case ";":
                // Only the first (positive numbers) section decides how a date is shown.
                break scan
            case "\"", "\\", "_", "*", "[":
                index = skipLiteral(in: characters, at: index, elapsed: &elapsed)
            default:
                result.append(characters[index])
            }
            index += 1
        }
        result = result.replacingOccurrences(of: "am/pm", with: "").replacingOccurrences(of: "a/p", with: "")
        return (result, elapsed)
    }

    /// Index of the last character of the literal starting at `index`.
    private static func skipLiteral(in characters: [Character], at index: Int, elapsed: inout Bool) -> Int {
        switch characters[index] {
        case "\"":
            var end = index + 1
            while end < characters.count, characters[end] != "\"" { end += 1 }
            return end
        case "[":
            var end = index + 1
            while end < characters.count, characters[end] != "]" { end += 1 }
            let content = characters[(index + 1)..<min(end, characters.count)]
            // [h], [mm], [ss] mark elapsed time; anything else ([Red], [$-42A]) is a modifier.
            if !content.isEmpty, content.allSatisfy({ "hms".contains($0) }) { elapsed = true }
            return end
        default:
            // "\x" literal, "_x" padding and "*x" fill each consume the next character.
            return index + 1
        }
    }
}
