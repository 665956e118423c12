import Foundation

/// A support entry exactly as the client sent it. Everything is optional and
/// loosely typed so that bad input still decodes and can be answered with
/// field-level errors instead of a blanket "malformed JSON".
public struct SupportEntryDraft: Sendable, Codable, Hashable {
    public var id: String?
    public var teamID: String?
    public var communeCode: String?
    public var date: String?
    public var volunteerIDs: [String]?
    /// Category code → number of times that help was given.
    public var counts: [String: Int]?
    /// BeneficiaryGroup raw value → how many of those helped were in the group.
    public var beneficiaries: [String: Int]?
    public var place: String?
    public var languages: [String]?
    public var note: String?
    /// Count fields whose value is not a whole number ("counts.vneid" for 1.5, 2^63 or "12"),
    /// kept so the validator names them instead of the whole batch failing to decode.
    public var unreadableCounts: [String] = []

    public init(id: String? = nil, teamID: String? = nil, communeCode: String? = nil, date: String? = nil,
                volunteerIDs: [String]? = nil, counts: [String: Int]? = nil, beneficiaries: [String: Int]? = nil,
                place: String? = nil, languages: [String]? = nil, note: String? = nil) {
        self.id = id
        self.teamID = teamID
        self.communeCode = communeCode
        self.date = date
        self.volunteerIDs = volunteerIDs
        self.counts = counts
        self.beneficiaries = beneficiaries
        self.place = place
        self.languages = languages
        self.note = note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        teamID = try c.decodeIfPresent(String.self, forKey: .teamID)
        communeCode = try c.decodeIfPresent(String.self, forKey: .communeCode)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        volunteerIDs = try c.decodeIfPresent([String].self, forKey: .volunteerIDs)
        var unreadable: [String] = []
        counts = try Self.wholeNumbers(c, .counts, unreadable: &unreadable)
        beneficiaries = try Self.wholeNumbers(c, .beneficiaries, unreadable: &unreadable)
        unreadableCounts = unreadable.sorted()
        place = try c.decodeIfPresent(String.self, forKey: .place)
        languages = try c.decodeIfPresent([String].self, forKey: .languages)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// An object of whole numbers; a value that is not one (a fraction, a number past Int, a string)
    /// is left out and its path recorded.
    private static func wholeNumbers(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys,
                                     unreadable: inout [String]) throws -> [String: Int]? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        let object = try c.nestedContainer(keyedBy: AnyKey.self, forKey: key)
        var result: [String: Int] = [:]
        for name in object.allKeys {
            if let value = try? object.decode(Int.self, forKey: name) {
                result[name.stringValue] = value
            } else {
                unreadable.append("\(key.stringValue).\(name.stringValue)")
            }
        }
        return result
    }

    enum CodingKeys: String, CodingKey {
        case id
        case teamID = "team_id"
        case communeCode = "commune_code"
        case date
        case volunteerIDs = "volunteer_ids"
        case counts
        case beneficiaries
        case place
        case languages
        case note
    }
}

/// A support entry that passed `SupportEntryValidator`, in canonical form.
public struct ValidSupportEntry: Sendable, Hashable {
    /// Client-generated, so an offline device can retry without duplicating.
    public let id: UUID
    public let teamID: UUID
    public let communeCode: String
    public let date: LocalDate
    /// Sorted, unique.
    public let volunteerIDs: [UUID]
    /// Zero counts dropped.
    public let counts: [String: Int]
    /// Zero counts dropped.
    public let beneficiaries: [BeneficiaryGroup: Int]
    public let place: SupportPlace
    /// Unique, in `Language.allCases` order (Vietnamese first).
    public let languages: [Language]
    /// Trimmed; nil if empty.
    public let note: String?

    /// Canonicalises its input the same way the validator does, so entries
    /// reloaded from storage compare equal to freshly validated ones. Does
    /// not validate: use `SupportEntryValidator` for client input.
    public init(id: UUID, teamID: UUID, communeCode: String, date: LocalDate, volunteerIDs: [UUID],
                counts: [String: Int], beneficiaries: [BeneficiaryGroup: Int], place: SupportPlace,
                languages: [Language], note: String?) {
        self.id = id
        self.teamID = teamID
        self.communeCode = communeCode
        self.date = date
        // In the order of their text (`uuidString`), which is the order of their bytes: compared without making strings.
        self.volunteerIDs = Array(Set(volunteerIDs)).sorted { $0.bytesPrecede($1) }
        self.counts = counts.filter { $0.value != 0 }
        self.beneficiaries = beneficiaries.filter { $0.value != 0 }
        self.place = place
        let chosen = Set(languages)
        self.languages = Language.allCases.filter { chosen.contains($0) }
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.note = trimmed?.isEmpty == false ? trimmed : nil
    }

    public var total: Int { counts.values.reduce(0, +) }

    /// Everything except `id`, as deterministic text. A retried submission
    /// with the same id and the same content is a harmless duplicate; the
    /// same id with different content is a conflict. Comparing this string
    /// (or a hash of it) tells the two apart regardless of key order, UUID
    /// letter case or Unicode normalisation of the note.
    public var canonicalContent: String {
        // Appended into one string (the batch API makes one per entry): the same text as nine interpolated lines
        // joined by "\n" (`canonicalContentIsStable` and `canonicalContentIsStableLiterally` pin it).
        var out = "team_id="
        out.reserveCapacity(200 + 37 * volunteerIDs.count + (note?.utf8.count ?? 0))
        out += UUIDText.lower(teamID)
        out += "\ncommune_code="
        out += communeCode
        out += "\ndate="
        out += date.iso
        out += "\nvolunteer_ids="
        for (i, id) in volunteerIDs.enumerated() {
            if i > 0 { out += "," }
            out += UUIDText.lower(id)
        }
        out += "\ncounts="
        for (i, key) in counts.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            out += key
            out += ":"
            out += String(counts[key]!)
        }
        out += "\nbeneficiaries="
        var first = true
        for group in BeneficiaryGroup.allCases {
            guard let count = beneficiaries[group] else { continue }
            if !first { out += "," }
            first = false
            out += group.rawValue
            out += ":"
            out += String(count)
        }
        out += "\nplace="
        out += place.rawValue
        out += "\nlanguages="
        for (i, language) in languages.enumerated() {
            if i > 0 { out += "," }
            out += language.rawValue
        }
        // Length-prefixed and last, so no note content can imitate other fields.
        out += "\nnote="
        if let note {
            let text = note.precomposedStringWithCanonicalMapping
            out += String(text.utf8.count)
            out += ":"
            out += text
        } else {
            out += "-"
        }
        return out
    }
}

/// Limits applied to support entries. Defaults follow campaign guidance; the
/// per-category cap catches typos such as an extra zero.
public struct SupportEntryRules: Sendable {
    public var campaign: CampaignDefinition
    /// Injected rather than read from the clock so validation is testable
    /// and consistent within one batch.
    public var today: LocalDate
    public var maxPerCategory = 2000
    public var maxNoteLength = 280
    public var maxVolunteers = 100
    /// Corrections keep counts in categories retired since the entry was made.
    public var allowRetiredCategories = false

    public init(campaign: CampaignDefinition, today: LocalDate) {
        self.campaign = campaign
        self.today = today
    }
}
