import Foundation

/// Parses `xl/sharedStrings.xml`. Rich-text runs are concatenated; phonetic guides
/// (`<rPh>`, East Asian reading hints) are skipped because they are not cell text.
final class SharedStringsParser: XMLEventHandler {
    private(set) var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    private var maxStrings = Int.max

    static func parse(_ data: Data, part: String, maxStrings: Int = .max) throws -> [String] {
        let parser = SharedStringsParser()
        parser.maxStrings = maxStrings
        try XMLEvents.parse(data, part: part, into: parser)
        return parser.strings
    }

    func start(_ name: String, attributes: [String: String]) throws {
        switch name {
        case "si":
            guard strings.count < maxStrings else { throw XLSXError.tooLarge }
            inItem = true
            current = ""
        case "rPh":
            phoneticDepth += 1
        case "t":
            inText = inItem && phoneticDepth == 0
        default:
            break
        }
    }

    func end(_ name: String) throws {
        switch name {
        case "si":
            strings.append(XMLText.decodeOOXMLEscapes(current))
            inItem = false
        case "rPh":
            phoneticDepth -= 1
        case "t":
            inText = false
        default:
            break
        }
    }

    func text(_ string: String) {
        if inText { current += string }
    }
}
