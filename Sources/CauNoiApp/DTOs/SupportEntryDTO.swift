import CauNoiCore
import Vapor

/// The body of `POST /api/v1/support-entries/batch`. Each entry is decoded on its own,
/// so one malformed entry is reported and the rest are still stored.
struct SupportBatchRequest: Decodable, Sendable {
    var campaign: String?
    var entries: [LenientEntry]
}

struct LenientEntry: Decodable, Sendable {
    /// The id as sent, when readable, so the client can match the answer to its entry.
    var rawID: String?
    /// The campaign the entry names, if any (it overrides the batch's).
    var campaign: String?
    var draft: Result<SupportEntryDraft, FieldError>

    private enum Keys: String, CodingKey { case id, campaign }

    init(rawID: String?, campaign: String? = nil, draft: Result<SupportEntryDraft, FieldError>) {
        self.rawID = rawID
        self.campaign = campaign
        self.draft = draft
    }

    init(from decoder: any Decoder) throws {
        let keys = try? decoder.container(keyedBy: Keys.self)
        rawID = try? keys?.decode(String.self, forKey: .id)
        campaign = try? keys?.decode(String.self, forKey: .campaign)
        do {
            draft = .success(try SupportEntryDraft(from: decoder))
        } catch let error as DecodingError {
            draft = .failure(error.fieldError)
        }
    }
}

struct EntryResultDTO: Content, Equatable {
    enum Status: String, Codable, Sendable { case created, duplicate, conflict, rejected }

    struct ErrorDTO: Codable, Equatable, Sendable {
        var message: String
        var messageEN: String
        var fields: [FieldError]
        enum CodingKeys: String, CodingKey { case message, messageEN = "message_en", fields }
    }

    var id: String?
    var status: Status
    var error: ErrorDTO?
}

struct SupportBatchResponse: Content, Equatable {
    struct Summary: Codable, Equatable, Sendable {
        var created = 0
        var duplicate = 0
        var conflict = 0
        var rejected = 0
    }

    var results: [EntryResultDTO]
    var summary: Summary

    init(results: [EntryResultDTO]) {
        self.results = results
        var summary = Summary()
        for result in results {
            switch result.status {
            case .created: summary.created += 1
            case .duplicate: summary.duplicate += 1
            case .conflict: summary.conflict += 1
            case .rejected: summary.rejected += 1
            }
        }
        self.summary = summary
    }
}

struct SupportEntryDTO: Content, Equatable {
    var id: UUID
    var campaign: String
    var teamID: UUID
    var communeCode: String
    var provinceCode: String
    var date: String
    var volunteerIDs: [UUID]
    var counts: [String: Int]
    var beneficiaries: [String: Int]
    var total: Int
    var place: String
    var languages: [String]
    var note: String?
    /// The logical entry and which version of it this row is; only the current version counts.
    var entryID: UUID
    var version: Int
    var isCurrent: Bool

    enum CodingKeys: String, CodingKey {
        case id, campaign, teamID = "team_id", communeCode = "commune_code", provinceCode = "province_code", date
        case volunteerIDs = "volunteer_ids", counts, beneficiaries, total, place, languages, note
        case entryID = "entry_id", version, isCurrent = "is_current"
    }
}

extension SupportEntryDTO {
    /// Observers get the figures without who took part.
    func withoutPeople() -> SupportEntryDTO {
        var copy = self
        copy.volunteerIDs = []
        return copy
    }
}
