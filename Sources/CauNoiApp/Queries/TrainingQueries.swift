import CauNoiCore
import Fluent
import Foundation
import SQLKit

/// Sessions, attendance, training coverage by unit, and volunteers' competency levels.
enum TrainingQueries {
    static func topics(of sessions: [UUID], on db: any Database) async throws -> [UUID: [String]] {
        var out: [UUID: [String]] = [:]
        for chunk in sessions.chunked(into: 500) {
            for row in try await TrainingSessionTopic.query(on: db).filter(\.$sessionID ~~ chunk).all() { out[row.sessionID, default: []].append(row.topic) }
        }
        return out
    }

    static func attendanceCounts(_ sessions: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !sessions.isEmpty else { return [:] }
        var out: [UUID: Int] = [:]
        for chunk in sessions.chunked(into: 500) {
            for row in try await db.sql.select().column("session_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(TrainingAttendance.schema).where("session_id", .in, Array(chunk)).groupBy("session_id").all() {
                out[try row.decode(column: "session_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
            }
        }
        return out
    }

    /// The campaign's sessions a person who records training sees: those of their area, and the ones above it that
    /// their area re-trains from (central sessions; a commune's province's sessions).
    static func sessions(campaignID: UUID, area: ScopeFilter, on db: any Database) async throws -> [TrainingSession] {
        let own = TrainingSession.query(on: db).filter(\.$campaignID == campaignID)
        guard area.restrict(own, .init(province: \.$provinceCode, commune: \.$communeCode)) else { return [] }
        var all = try await own.sort(\.$heldOn, .descending).limit(500).all()
        if !area.everything {
            let above = TrainingSession.query(on: db).filter(\.$campaignID == campaignID)
            let provinces = Array(Set(area.communes.compactMap { UnitDirectoryResource.directory.entry(code: $0)?.provinceCode }))
            // A central session's unit is "VN"; a province's session has the province itself as its unit.
            above.filter(\.$unitCode ~~ (["VN"] + provinces))
            all += try await above.sort(\.$heldOn, .descending).limit(200).all()
        }
        var seen = Set<UUID>()
        return all.filter { seen.insert($0.id!).inserted }.sorted { ($0.heldOn, $0.createdAt) > ($1.heldOn, $1.createdAt) }
    }

    /// Who may read a session: its area's trainers, and those below who re-train from it (everyone with the
    /// permission for a central session; a province's communes for a province session).
    static func mayRead(_ s: TrainingSession, policy: AccessPolicy) -> Bool {
        if policy.allows(.manageTraining, on: s.place) { return true }
        let area = ScopeFilter.from(policy, .manageTraining)
        switch s.level {
        case .central: return !area.isEmpty
        case .province: return area.communes.contains { UnitDirectoryResource.directory.entry(code: $0)?.provinceCode == s.provinceCode }
        case .commune: return false
        }
    }

    /// Topic codes in the standard's order (stored order is insertion order).
    static func ordered(_ topics: [String], _ standard: CompetencyStandard) -> [String] {
        let rank = Dictionary(uniqueKeysWithValues: standard.competencies.enumerated().map { ($1.code, $0) })
        return topics.sorted { (rank[$0] ?? .max, $0) < (rank[$1] ?? .max, $1) }
    }

    // MARK: - Coverage

    /// How coverage rows are grouped: provinces of the nation, communes of a province, or one row for a commune.
    enum Grouping: Sendable, Equatable {
        case provinces
        case communes(province: String)
        case commune(String)
        case total(province: String?)
    }

    /// Active volunteers on `day` (an open membership in a team, the volunteer active), by unit of `grouping`, and
    /// how many of them attended a session of the campaign on each topic of its standard (held on or before `day`).
    /// One pass: each active volunteer's topics are folded into one row of flags (a column per topic) and summed by
    /// unit — three grouped DISTINCT counts took three times as long at national scale (BENCHMARKS.md).
    static func coverage(campaign: Campaign, grouping: Grouping, day: LocalDate, on db: any Database) async throws -> [TrainingCoverage] {
        let campaignID = try campaign.requireID()
        let topics = campaign.definition?.competencyStandard.competencies.map(\.code) ?? []
        let unit: String, filter: SQLQueryString
        switch grouping {
        case .provinces: unit = "t.province_code"; filter = ""
        case .communes(let p): unit = "t.home_commune_code"; filter = " AND t.province_code = \(bind: p)"
        case .commune(let c): unit = "t.home_commune_code"; filter = " AND t.home_commune_code = \(bind: c)"
        case .total(let p): unit = "CAST('' AS TEXT)"; filter = p.map { " AND t.province_code = \(bind: $0)" } ?? ""
        }
        // A province or a commune starts from its teams (SQLite otherwise walks every membership; CROSS JOIN keeps the
        // order) and folds only its own volunteers' attendance: 0.54 s → 0.06 s for Hà Nội at seed scale.
        let narrowed = if case .provinces = grouping { false } else if case .total(nil) = grouping { false } else { true }
        let from: SQLQueryString = narrowed ? "teams t CROSS JOIN team_memberships m" : "team_memberships m JOIN teams t ON t.id = m.team_id"
        let join: SQLQueryString = narrowed ? " AND m.team_id = t.id" : ""
        let onlyActive: SQLQueryString = narrowed ? " AND a.volunteer_id IN (SELECT vid FROM act)" : ""
        let provinces = ProvinceClause.sql("t.province_code", campaign.definition?.provinces.map(Set.init))
        var flags: SQLQueryString = "", sums: SQLQueryString = ""
        for (i, topic) in topics.enumerated() {
            flags += ", MAX(CASE WHEN tp.topic = \(bind: topic) THEN 1 ELSE 0 END) AS t\(unsafeRaw: String(i))"
            sums += ", CAST(COALESCE(SUM(att.t\(unsafeRaw: String(i))), 0) AS BIGINT) AS t\(unsafeRaw: String(i))"
        }
        var out: [TrainingCoverage] = []
        for r in try await db.sql.raw("""
            WITH act AS (SELECT DISTINCT m.volunteer_id AS vid, \(unsafeRaw: unit) AS unit
              FROM \(from) JOIN volunteers v ON v.id = m.volunteer_id
              WHERE m.from_date <= \(bind: day.iso) AND (m.to_date IS NULL OR m.to_date >= \(bind: day.iso)) AND v.status = 'active'\(join)\(filter)\(unsafeRaw: provinces)),
            att AS (SELECT a.volunteer_id AS vid\(flags)
              FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id JOIN training_session_topics tp ON tp.session_id = s.id
              WHERE s.campaign_id = \(bind: campaignID) AND s.held_on <= \(bind: day.iso)\(onlyActive) GROUP BY a.volunteer_id)
            SELECT act.unit AS unit, COUNT(*) AS n, COUNT(att.vid) AS trained\(sums) FROM act LEFT JOIN att ON att.vid = act.vid GROUP BY act.unit
            """).all() {
            var byTopic: [String: Int] = [:]
            for (i, topic) in topics.enumerated() {
                let n = try r.decode(column: "t\(i)", as: Int.self)
                if n > 0 { byTopic[topic] = n }
            }
            out.append(TrainingCoverage(unitCode: try r.decode(column: "unit", as: String.self), active: try r.decode(column: "n", as: Int.self),
                                        trainedAny: try r.decode(column: "trained", as: Int.self), byTopic: byTopic))
        }
        return out.sorted { $0.unitCode < $1.unitCode }
    }

    /// A commune's active volunteers and the topics each still needs (names only: no phones on this list).
    struct Need: Equatable, Sendable {
        var volunteerID: UUID
        var name: String
        var missing: [String]
    }

    static func stillNeeded(campaign: Campaign, commune: String, day: LocalDate, on db: any Database) async throws -> [Need] {
        guard let standard = campaign.definition?.competencyStandard, !standard.isEmpty else { return [] }
        let people = try await db.sql.raw("""
            SELECT DISTINCT v.id AS id, v.full_name AS name FROM teams t CROSS JOIN team_memberships m JOIN volunteers v ON v.id = m.volunteer_id
            WHERE m.team_id = t.id AND m.from_date <= \(bind: day.iso) AND (m.to_date IS NULL OR m.to_date >= \(bind: day.iso)) AND v.status = 'active'
              AND t.home_commune_code = \(bind: commune)
            """).all().map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self)) }
        let attended = try await attendedTopics(people.map(\.0), campaignID: try campaign.requireID(), until: day, on: db)
        return people.compactMap { id, name in
            let missing = TrainingCoverage.stillNeeded(standard, attendedTopics: attended[id] ?? []).map(\.name)
            return missing.isEmpty ? nil : Need(volunteerID: id, name: name, missing: missing)
        }.sorted { UnitNameMatcher.sortKey($0.name) < UnitNameMatcher.sortKey($1.name) }
    }

    /// Volunteer → topics of the campaign's sessions they attended (held on or before `until`, when given).
    static func attendedTopics(_ volunteers: [UUID], campaignID: UUID, until: LocalDate? = nil, on db: any Database) async throws -> [UUID: Set<String>] {
        var out: [UUID: Set<String>] = [:]
        let limit: SQLQueryString = until.map { " AND s.held_on <= \(bind: $0.iso)" } ?? ""
        for chunk in volunteers.chunked(into: 500) {
            for r in try await db.sql.raw("""
                SELECT a.volunteer_id AS vid, tp.topic AS topic FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
                JOIN training_session_topics tp ON tp.session_id = s.id
                WHERE s.campaign_id = \(bind: campaignID) AND a.volunteer_id IN (\(binds: Array(chunk)))\(limit)
                """).all() {
                out[try r.decode(column: "vid", as: UUID.self), default: []].insert(try r.decode(column: "topic", as: String.self))
            }
        }
        return out
    }

    // MARK: - Competency levels

    /// Each volunteer's evidence for the campaign's standard: courses done, topics attended, the latest assessments.
    static func evidence(_ volunteers: [UUID], campaign: Campaign, on db: any Database) async throws -> [UUID: CompetencyEvidenceSet] {
        let campaignID = try campaign.requireID()
        let topics = try await attendedTopics(volunteers, campaignID: campaignID, on: db)
        var out = Dictionary(uniqueKeysWithValues: volunteers.map { ($0, CompetencyEvidenceSet(sessionTopics: topics[$0] ?? [])) })
        for chunk in volunteers.chunked(into: 500) {
            for c in try await CourseCompletion.query(on: db).filter(\.$volunteer.$id ~~ chunk).all() { out[c.$volunteer.id]?.courses.insert(c.courseCode) }
            for a in try await CompetencyAssessment.query(on: db).filter(\.$campaignID == campaignID).filter(\.$volunteerID ~~ chunk).all() {
                out[a.volunteerID]?.assessed[a.competency] = a.level
            }
        }
        return out
    }

    /// The campaign whose standard a volunteer of `province` is assessed on: the one asked for if it reaches the
    /// province, else the one running there (nil when none). An ended campaign's ladder is not offered by default.
    static func standardCampaign(_ code: String?, province: String, today: LocalDate, on db: any Database) async throws -> Campaign? {
        let all = try await CampaignQueries.all(on: db)
        if let code, let asked = all.first(where: { $0.code == code }), asked.definition?.covers(province: province) == true { return asked }
        return CampaignQueries.pick(all, today: today, province: province)
    }
}

extension TrainingQueries {
    /// The volunteers who hold `competency` at `level` or above in the campaign's standard: only those with some
    /// evidence for it can, so three narrow reads (assessments, attendance on the topic, the linked courses) and the
    /// standard's own rule decide. Used to restrict a reinforcement request that requires the level.
    static func holding(competency code: String, level: Int, campaignID: UUID, on db: any Database) async throws -> Set<UUID> {
        guard let campaign = try await Campaign.find(campaignID, on: db), let standard = campaign.definition?.competencyStandard,
              let competency = standard.competency(code: code), level > 0 else { return [] }
        var evidence: [UUID: CompetencyEvidenceSet] = [:]
        for a in try await CompetencyAssessment.query(on: db).filter(\.$campaignID == campaignID).filter(\.$competency == code)
            .filter(\.$level > 0).all() {
            evidence[a.volunteerID, default: .init()].assessed[code] = a.level
        }
        for r in try await db.sql.raw("""
            SELECT DISTINCT a.volunteer_id AS vid FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
            JOIN training_session_topics tp ON tp.session_id = s.id WHERE s.campaign_id = \(bind: campaignID) AND tp.topic = \(bind: code)
            """).all() {
            evidence[try r.decode(column: "vid", as: UUID.self), default: .init()].sessionTopics.insert(code)
        }
        if !competency.courses.isEmpty {
            for r in try await db.sql.raw("""
                SELECT DISTINCT volunteer_id AS vid FROM course_completions WHERE course_code IN (\(binds: competency.courses))
                """).all() {
                evidence[try r.decode(column: "vid", as: UUID.self), default: .init()].courses.formUnion(competency.courses)
            }
        }
        return Set(evidence.filter { standard.level(of: competency, $0.value) >= level }.keys)
    }
}
