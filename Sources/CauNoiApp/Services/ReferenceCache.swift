import CauNoiCore
import Fluent
import Foundation
import NIOConcurrencyHelpers

/// The teams, coverage, memberships and locked weeks the node's group commits have read, kept between groups while
/// the database's "references" generation stays where it was when they were read (issue 16: the read was a fifth of
/// the one writer's time under phones' small batches, and a Monday-morning burst names the same teams again and again).
/// Triggers raise the generation with every change to what it holds (`UpdateCacheGenerationAddReferences`), from any
/// node or tool, so each group reads the generation first and starts afresh when it has moved: what is held is never
/// older than the database was at the group's start. Teams are kept whole (every membership), so whichever volunteers
/// the next entries name are there; teams and communes the database does not know are read again each time.
final class ReferenceCache: Sendable {
    /// Kept at most (teams, memberships): the whole country (~12,000 teams, ~308,000 volunteers) fits; past that, the
    /// node starts afresh rather than grow.
    let maxTeams: Int
    let maxMemberships: Int
    private let held = NIOLockedValueBox(Held())

    init(maxTeams: Int = 30_000, maxMemberships: Int = 1_000_000) {
        self.maxTeams = maxTeams
        self.maxMemberships = maxMemberships
    }

    /// As `References.load(for:on:)` answers, inside the group's transaction: the generations first, then only what is
    /// not held as of them.
    func references(for entries: [ValidSupportEntry], on db: any Database) async throws -> References {
        let generations = try await References.generations(on: db)
        let teams = Set(entries.map(\.teamID)), communes = Set(entries.map(\.communeCode))
        let (missingTeams, missingCommunes) = held.withLockedValue { held -> (Set<UUID>, Set<String>) in
            if held.generation != generations.references || generations.references == nil
                || held.references.teams.count > maxTeams || held.memberships > maxMemberships {
                held = Held(generation: generations.references)
            }
            return (teams.filter { held.references.teams[$0] == nil }, communes.subtracting(held.communes))
        }
        let read = missingTeams.isEmpty && missingCommunes.isEmpty ? nil
            : try await References.load(wholeTeams: missingTeams, communes: missingCommunes, on: db)
        let kept = held.withLockedValue { held -> References? in
            // Another group (PostgreSQL writes two at once) may have started afresh for a later generation meanwhile.
            guard held.generation == generations.references else { return nil }
            if let read { held.add(read, communes: missingCommunes) }
            return held.references
        }
        var references = if let kept { kept } else { try await References.load(wholeTeams: teams, communes: communes, on: db) }
        for code in communes { if let province = References.province(ofCommune: code) { references.provinceOfCommune[code] = province } }
        references.campaignsGeneration = generations.campaigns
        return references
    }
}

extension ReferenceCache {
    /// Whole teams, and communes whose locked weeks (of every campaign) were read.
    fileprivate struct Held {
        var generation: Int64?
        var references = References()
        var communes: Set<String> = []
        var memberships = 0

        mutating func add(_ read: References, communes checked: Set<String>) {
            for (id, team) in read.teams { references.teams[id] = team }
            for (team, members) in read.memberships {
                references.memberships[team] = members
                memberships += members.values.reduce(0) { $0 + $1.count }
            }
            for (campaign, weeks) in read.lockedByCampaign { references.lockedByCampaign[campaign, default: []].formUnion(weeks) }
            communes.formUnion(checked)
        }
    }
}
