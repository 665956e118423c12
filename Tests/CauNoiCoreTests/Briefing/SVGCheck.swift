import Foundation

/// Minimal structural checks for generated SVG: Foundation's XMLDocument is
/// not available on every Linux toolchain, and a full parser is not needed to
/// catch the mistakes string-built markup can make.
enum SVGCheck {
    /// Nil when tags nest and close properly, quotes are closed and every
    /// "&" starts a known entity; otherwise the first problem found.
    static func problem(_ svg: String) -> String? {
        let bytes = Array(svg.utf8)
        var stack: [String] = []
        var i = 0
        var rootClosed = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "&") {
                if let issue = entityProblem(bytes, at: i) { return issue }
                i += 1
                continue
            }
            if b == UInt8(ascii: ">") { return "stray '>' at \(i)" }
            guard b == UInt8(ascii: "<") else { i += 1; continue }
            var j = i + 1
            var quote: UInt8? = nil
            while j < bytes.count {
                let c = bytes[j]
                if let q = quote {
                    if c == q { quote = nil }
                    else if c == UInt8(ascii: "<") { return "'<' inside attribute at \(j)" }
                    else if c == UInt8(ascii: "&"), let issue = entityProblem(bytes, at: j) { return issue }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == UInt8(ascii: ">") {
                    break
                } else if c == UInt8(ascii: "<") {
                    return "'<' inside tag at \(j)"
                }
                j += 1
            }
            guard j < bytes.count else { return "unterminated tag at \(i)" }
            let inner = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
            let name = String(inner.drop { $0 == "/" }.prefix { !$0.isWhitespace && $0 != "/" })
            if name.isEmpty { return "empty tag name at \(i)" }
            if rootClosed { return "content after root at \(i)" }
            if inner.hasPrefix("/") {
                guard stack.popLast() == name else { return "unexpected </\(name)> at \(i)" }
                if stack.isEmpty { rootClosed = true }
            } else if !inner.hasSuffix("/") {
                stack.append(name)
            }
            i = j + 1
        }
        return stack.isEmpty ? nil : "unclosed <\(stack.last!)>"
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Values of `attribute` on every `<element …>`, in document order.
    static func attributes(_ attribute: String, of element: String, in svg: String) -> [String] {
        svg.components(separatedBy: "<\(element) ").dropFirst().compactMap { tail in
            let tag = tail.prefix { $0 != ">" }
            guard let start = tag.range(of: " \(attribute)=\"") ?? tag.range(of: "\(attribute)=\"") else { return nil }
            return String(tag[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// Text content of every `<text …>` element, unescaped only as far as tests need.
    static func texts(in svg: String) -> [String] {
        svg.components(separatedBy: "<text ").dropFirst().map { tail in
            let afterTag = tail.drop { $0 != ">" }.dropFirst()
            return String(afterTag.prefix { $0 != "<" })
        }
    }

    private static func entityProblem(_ bytes: [UInt8], at i: Int) -> String? {
        let rest = String(decoding: bytes[i..<min(i + 6, bytes.count)], as: UTF8.self)
        let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
        return known.contains(where: rest.hasPrefix) ? nil : "bare '&' at \(i)"
    }
}
