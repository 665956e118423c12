/// Resolves relationship targets to ZIP entry paths.
enum PartPath {
    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (package root) → "_rels/.rels".
    static func relationships(of part: String) -> String {
        let (folder, file) = split(part)
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    }

    /// Targets are relative to the source part's folder unless they start with "/".
    static func resolve(_ target: String, from sourcePart: String) -> String {
        let cleanTarget = target.replacingOccurrences(of: "\\", with: "/")
        var segments: [Substring]
        if cleanTarget.hasPrefix("/") {
            segments = []
        } else {
            segments = split(sourcePart).folder.split(separator: "/")
        }
        for segment in cleanTarget.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    private static func split(_ path: String) -> (folder: String, file: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
