/// Whether bytes are well-formed JSON (RFC 8259), checking the grammar only — no number is
/// converted, so `1e400` or `99999999999999999999` are well-formed here even where a decoder
/// cannot represent them. Tells a body that is not JSON (400) from one whose values do not fit
/// their fields (422), which Foundation's decoder reports alike.
public enum JSONSyntax {
    public static func isWellFormed(_ bytes: [UInt8]) -> Bool {
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        guard parser.value(depth: 0) else { return false }
        parser.skipSpace()
        return parser.index == bytes.count
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        static let maxDepth = 512

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let b = current, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
        }

        mutating func expect(_ literal: String) -> Bool {
            for b in literal.utf8 {
                guard current == b else { return false }
                index += 1
            }
            return true
        }

        mutating func value(depth: Int) -> Bool {
            guard depth < Self.maxDepth, let b = current else { return false }
            switch b {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return expect("true")
            case UInt8(ascii: "f"): return expect("false")
            case UInt8(ascii: "n"): return expect("null")
            default: return number()
            }
        }

        mutating func object(depth: Int) -> Bool {
            index += 1
            skipSpace()
            if current == UInt8(ascii: "}") { index += 1; return true }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\""), string() else { return false }
                skipSpace()
                guard current == UInt8(ascii: ":") else { return false }
                index += 1
                skipSpace()
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "}") else { return false }
                index += 1
                return true
            }
        }

        mutating func array(depth: Int) -> Bool {
            index += 1
            skipSpace()
            if current == UInt8(ascii: "]") { index += 1; return true }
            while true {
                skipSpace()
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "]") else { return false }
                index += 1
                return true
            }
        }

        mutating func string() -> Bool {
            index += 1
            var start = index
            while let b = current {
                switch b {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(validating: bytes[start..<index - 1], as: UTF8.self) != nil
                case UInt8(ascii: "\\"):
                    guard String(validating: bytes[start..<index], as: UTF8.self) != nil else { return false }
                    index += 1
                    guard let e = current else { return false }
                    if e == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            index += 1
                            guard let h = current, (0x30...0x39).contains(h) || (0x41...0x46).contains(h) || (0x61...0x66).contains(h) else { return false }
                        }
                    } else if !"\"\\/bfnrt".utf8.contains(e) {
                        return false
                    }
                    index += 1
                    start = index
                case 0x00...0x1F:
                    return false
                default:
                    index += 1
                }
            }
            return false
        }

        mutating func number() -> Bool {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, isDigit(first) else { return false }
            index += 1
            if first != UInt8(ascii: "0") { while let b = current, isDigit(b) { index += 1 } }
            if current == UInt8(ascii: ".") {
                index += 1
                guard let b = current, isDigit(b) else { return false }
                while let b = current, isDigit(b) { index += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let b = current, isDigit(b) else { return false }
                while let b = current, isDigit(b) { index += 1 }
            }
            return true
        }

        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    }
}
