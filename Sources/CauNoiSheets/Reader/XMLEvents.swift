import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Receives SAX-style events; one small handler per OOXML part keeps memory flat
/// even for large worksheets.
protocol XMLEventHandler: AnyObject {
    /// `name` is the local name (namespace prefix removed).
    func start(_ name: String, attributes: [String: String]) throws
    func end(_ name: String) throws
    func text(_ string: String)
}

/// Thrown by handlers for content that is well-formed XML but cannot be a valid part.
struct InvalidContent: Error {}

enum XMLEvents {
    static func parse(_ data: Data, part: String, into handler: XMLEventHandler) throws {
        // OOXML parts never carry a DTD; refusing one rules out entity-expansion attacks.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw XLSXError.malformedXML(part: part, line: 0)
        }
        // Stream input, not XMLParser(data:): on Linux the data initializer fails with
        // NSXMLParserErrorDomain code 1 once a document passes ~10 MB (swift-corelibs-foundation #4851),
        // which a 50,000-row worksheet easily does.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let bridge = Bridge(handler: handler, part: part)
        parser.delegate = bridge
        let succeeded = parser.parse()
        if let failure = bridge.failure { throw failure }
        // On Linux, parse() returns true for some errors (for example a truncated document),
        // so the error report is checked as well.
        guard succeeded, parser.parserError == nil else {
            throw XLSXError.malformedXML(part: part, line: bridge.errorLine ?? parser.lineNumber)
        }
    }

    /// Attribute lookup that ignores a namespace prefix (`r:id` matches "id"), because
    /// whether prefixes survive namespace processing differs between platforms.
    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { key, _ in
            guard let colon = key.lastIndex(of: ":") else { return false }
            return key[key.index(after: colon)...] == name
        }?.value
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}

private final class Bridge: NSObject, XMLParserDelegate {
    let handler: XMLEventHandler
    let part: String
    var failure: XLSXError?
    /// Line of the first syntax error, taken when it is reported because later recovery moves on.
    var errorLine: Int?

    init(handler: XMLEventHandler, part: String) {
        self.handler = handler
        self.part = part
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        perform(parser) { try handler.start(XMLEvents.localName(elementName), attributes: attributeDict) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        perform(parser) { try handler.end(XMLEvents.localName(elementName)) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        handler.text(string)
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        handler.text(whitespaceString)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        handler.text(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if errorLine == nil { errorLine = parser.lineNumber }
    }

    private func perform(_ parser: XMLParser, _ body: () throws -> Void) {
        guard failure == nil else { return }
        do {
            try body()
        } catch let error as XLSXError {
            failure = error
            parser.abortParsing()
        } catch {
            failure = .malformedXML(part: part, line: parser.lineNumber)
            parser.abortParsing()
        }
    }
}
