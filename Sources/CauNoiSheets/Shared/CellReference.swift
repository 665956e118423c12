/// A1-style references and Excel's grid limits.
enum CellReference {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    /// Column letters for a zero-based index: 0 → "A", 26 → "AA".
    static func columnName(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// Zero-based row and column of a reference such as "C5" or "$C$5".
    /// Returns nil for anything outside Excel's grid, so callers never size arrays from junk.
    static func parse(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var letterCount = 0
        var digitCount = 0
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 0x24: // "$" marks an absolute reference; irrelevant here.
                continue
            case 0x41...0x5A, 0x61...0x7A:
                guard digitCount == 0, letterCount < 3 else { return nil }
                column = column * 26 + Int((scalar.value & 0xDF) - 0x40)
                letterCount += 1
            case 0x30...0x39:
                guard letterCount > 0, digitCount < 7 else { return nil }
                row = row * 10 + Int(scalar.value - 0x30)
                digitCount += 1
            default:
                return nil
            }
        }
        guard letterCount > 0, digitCount > 0,
              (1...maxColumns).contains(column), (1...maxRows).contains(row) else { return nil }
        return (row - 1, column - 1)
    }
}
