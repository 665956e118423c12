import CauNoiCore
import Foundation

/// The unit directory (today's names and the pre-2025 ones) built from the shipped lists on first use: reference
/// data that never changes while the server runs, the same on every node, so it is read once, not per request.
///
/// Former names: the pre-July-2025 → 2025 list of the open dataset of the PyPI package `vietnamadminunits` 1.0.4
/// (MIT licence, `Resources/vietnamadminunits-LICENSE.txt`).
enum UnitDirectoryResource {
    static let directory: UnitDirectory = {
        guard let catalog = try? HierarchySeeder.catalog() else { return UnitDirectory(catalog: DivisionsCatalog(provinces: [], communes: [])) }
        let legacy = Bundle.module.url(forResource: "vn-legacy-to-2025", withExtension: "csv")
            .flatMap { try? Data(contentsOf: $0) }
            .map { UnitDirectory.formerNames(csv: String(decoding: $0, as: UTF8.self)) } ?? [:]
        return UnitDirectory(catalog: catalog, formerNames: legacy)
    }()
}
