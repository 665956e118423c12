import Foundation

/// Search keys for Vietnamese text.
///
/// Users type place names with or without diacritics, in NFC or NFD (macOS
/// file names and some Android keyboards produce NFD), so lookups compare
/// folded keys rather than raw strings.
public enum VietnameseText {
    /// Folds `s` into a lowercase, diacritic-free, single-spaced search key.
    ///
    /// Works on Unicode scalars rather than `Character`s: Swift compares
    /// canonically-equivalent strings as equal, which would hide the very
    /// combining marks we need to drop. NFD input arrives as base letter plus
    /// marks (marks dropped); NFC input as precomposed letters (mapped to
    /// their base), so both fold identically.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return foldASCII(s)
        }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if isCombiningMark(scalar) { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            appendFolded(scalar, to: &out)
        }
        return String(out)
    }

    /// The folded words of `s`: accents, đ, case, Unicode form and punctuation dropped ("Ba Đình, Hà Nội" → ba dinh ha noi).
    public static func words(_ s: String) -> [String] {
        fold(s).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// True when every whitespace-separated token of `fold(query)` occurs in
    /// `haystackFolded`. The haystack is expected to be folded already so a
    /// list can be folded once and searched many times.
    public static func matches(_ haystackFolded: String, query: String) -> Bool {
        let folded = fold(query)
        if folded.isEmpty { return true }
        let tokens = folded.utf8.split(separator: 0x20)
        let found = haystackFolded.utf8.withContiguousStorageIfAvailable { hay in
            tokens.allSatisfy { containsBytes(hay, $0) }
        }
        if let found { return found }
        let hay = Array(haystackFolded.utf8)
        return tokens.allSatisfy { containsBytes(hay, $0) }
    }

    // MARK: - Internals

    /// ASCII-only input is the common case for typed queries; skipping
    /// normalisation there keeps the search path cheap.
    private static func foldASCII(_ s: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                pendingSpace = !bytes.isEmpty
            default:
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append((0x41...0x5A).contains(b) ? b + 0x20 : b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            out.append((0x41...0x5A).contains(v) ? Unicode.Scalar(UInt8(v + 0x20)) : scalar)
            return
        }
        if let base = latinBase(v) {
            out.append(Unicode.Scalar(base))
            return
        }
        // Canonical decomposition of one scalar does not depend on its
        // neighbours (reordering only moves marks, which are dropped anyway),
        // so decomposing scalar by scalar equals decomposing the whole string.
        for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars where !isCombiningMark(part) {
            // Lowercasing can itself emit combining marks (e.g. "İ" → "i̇"), so filter again.
            for lower in part.properties.lowercaseMapping.unicodeScalars where !isCombiningMark(lower) {
                out.append(lower)
            }
        }
    }

    /// Lowercase ASCII base letter for precomposed Latin letters (Latin-1,
    /// Latin Extended-A/B and the Vietnamese block U+1E00–U+1EFF), or nil.
    /// Precomputed once because per-character Foundation decomposition is
    /// the dominant cost when folding Vietnamese text.
    private static func latinBase(_ v: UInt32) -> UInt8? {
        let b: UInt8
        switch v {
        case 0x00C0..<0x0250: b = latinBaseTable.low[Int(v - 0x00C0)]
        case 0x1E00..<0x1F00: b = latinBaseTable.high[Int(v - 0x1E00)]
        default: return nil
        }
        return b == 0 ? nil : b
    }

    private static let latinBaseTable: (low: [UInt8], high: [UInt8]) = {
        func build(_ range: Range<UInt32>) -> [UInt8] {
            range.map { v -> UInt8 in
                guard let scalar = Unicode.Scalar(v) else { return 0 }
                // Đ/đ: the bar is not a combining mark. Ð/ð (eth) are look-alikes
                // that legacy-encoding converters emit for Đ/đ in Vietnamese text.
                if v == 0x0110 || v == 0x0111 || v == 0x00D0 || v == 0x00F0 { return UInt8(ascii: "d") }
                let kept = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { !isCombiningMark($0) }
                guard kept.count == 1, let only = kept.first, only.isASCII,
                      let lower = only.properties.lowercaseMapping.unicodeScalars.first,
                      lower.isASCII, (0x61...0x7A).contains(lower.value) else { return 0 }
                return UInt8(lower.value)
            }
        }
        return (build(0x00C0..<0x0250), build(0x1E00..<0x1F00))
    }()

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F,  // Combining Diacritical Marks: all Vietnamese tones and vowel marks
             0x1AB0...0x1AFF,  // Combining Diacritical Marks Extended
             0x1DC0...0x1DFF,  // Combining Diacritical Marks Supplement
             0x20D0...0x20FF,  // Combining Diacritical Marks for Symbols
             0xFE20...0xFE2F:  // Combining Half Marks
            return true
        default:
            return false
        }
    }

    /// Byte search is safe on folded text (no combining marks remain, so no
    /// match can start or end inside a grapheme that matters) and avoids
    /// `Character` comparison on the hot path.
    private static func containsBytes<H: RandomAccessCollection<UInt8>, N: Collection<UInt8>>(
        _ hay: H, _ needle: N
    ) -> Bool where H.Index == Int {
        guard let first = needle.first else { return true }
        let count = needle.count
        guard count <= hay.count else { return false }
        let rest = needle.dropFirst()
        var i = hay.startIndex
        let lastStart = hay.endIndex - count
        while i <= lastStart {
            if hay[i] == first {
                var k = i + 1
                var matched = true
                for b in rest {
                    if hay[k] != b {
                        matched = false
                        break
                    }
                    k += 1
                }
                if matched { return true }
            }
            i += 1
        }
        return false
    }
}
