import Foundation

struct Relationship: Equatable {
    var id: String
    /// Full type URI; compare with `hasKind` because transitional and strict OOXML use different prefixes.
    var type: String
    /// Resolved ZIP path of the target part.
    var target: String

    func hasKind(_ kind: String) -> Bool { type.hasSuffix("/" + kind) }
}

/// Parses a `.rels` part.
final class RelationshipsParser: XMLEventHandler {
    private let sourcePart: String
    private(set) var relationships: [Relationship] = []

    private init(sourcePart: String) { self.sourcePart = sourcePart }

    /// Relationships of `sourcePart` ("" for the package root), or [] when it has no .rels part.
    static func relationships(of sourcePart: String, in package: ZipPackage) throws -> [Relationship] {
        let path = PartPath.relationships(of: sourcePart)
        guard let data = try package.read(path) else { return [] }
        let parser = RelationshipsParser(sourcePart: sourcePart)
        try XMLEvents.parse(data, part: path, into: parser)
        return parser.relationships
    }

    func start(_ name: String, attributes: [String: String]) throws {
        guard name == "Relationship",
              let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"],
              attributes["TargetMode"] != "External" else { return }
        relationships.append(Relationship(id: id, type: type, target: PartPath.resolve(target, from: sourcePart)))
    }

    func end(_ name: String) throws {}
    func text(_ string: String) {}
}
