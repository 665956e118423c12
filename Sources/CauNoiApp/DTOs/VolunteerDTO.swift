import CauNoiCore
import Vapor

struct CourseCompletionDTO: Content, Equatable {
    var courseCode: String
    var completedOn: String
    var certificateNo: String?
    var source: String?

    enum CodingKeys: String, CodingKey {
        case courseCode = "course_code", completedOn = "completed_on", certificateNo = "certificate_no", source
    }

    init(_ row: CourseCompletion) {
        courseCode = row.courseCode
        completedOn = row.completedOn
        certificateNo = row.certificateNo
        source = row.source
    }
}

/// The full record, phone included: only returned when one volunteer is asked for by id.
struct VolunteerDTO: Content, Equatable {
    var id: UUID
    var fullName: String
    /// Nil when the caller is not on the volunteer's unit chain (nor the volunteer).
    var phone: String?
    var birthYear: Int?
    var gender: String
    var unionMember: Bool
    var affiliation: String?
    var homeCommuneCode: String
    var provinceCode: String
    var forceType: String
    var techSkill: String
    var communicationSkill: String
    var languages: [String]
    var hasMotorbike: Bool
    var consentDate: String?
    var status: String
    var courses: [CourseCompletionDTO]

    enum CodingKeys: String, CodingKey {
        case id, fullName = "full_name", phone, birthYear = "birth_year", gender, unionMember = "union_member"
        case affiliation, homeCommuneCode = "home_commune_code", provinceCode = "province_code"
        case forceType = "force_type", techSkill = "tech_skill", communicationSkill = "communication_skill"
        case languages, hasMotorbike = "has_motorbike", consentDate = "consent_date", status, courses
    }

    init(_ v: Volunteer, courses: [CourseCompletion]) {
        id = v.id ?? UUID()
        fullName = v.fullName
        phone = v.phone
        birthYear = v.birthYear
        gender = v.gender
        unionMember = v.unionMember
        affiliation = v.affiliation
        homeCommuneCode = v.$homeCommune.id
        provinceCode = v.provinceCode
        forceType = v.forceType
        techSkill = v.techSkill
        communicationSkill = v.communicationSkill
        languages = v.languages.split(separator: ",").map(String.init)
        hasMotorbike = v.hasMotorbike
        consentDate = v.consentDate
        status = v.status
        self.courses = courses.sorted { $0.courseCode < $1.courseCode }.map(CourseCompletionDTO.init)
    }
}

extension VolunteerDTO {
    func withoutPersonalFields() -> VolunteerDTO {
        var copy = self
        copy.phone = nil
        copy.birthYear = nil
        return copy
    }
}

/// What lists show: enough to find a person, with the phone masked (data minimisation).
struct VolunteerSummaryDTO: Content, Equatable {
    var id: UUID
    var fullName: String
    var phoneMasked: String?
    var homeCommuneCode: String
    var forceType: String
    var status: String
    var languages: [String]

    enum CodingKeys: String, CodingKey {
        case id, fullName = "full_name", phoneMasked = "phone_masked", homeCommuneCode = "home_commune_code"
        case forceType = "force_type", status, languages
    }

    init(_ v: Volunteer, showPhone: Bool) {
        id = v.id ?? UUID()
        fullName = v.fullName
        phoneMasked = showPhone ? PhoneMask.mask(v.phone) : nil
        homeCommuneCode = v.$homeCommune.id
        forceType = v.forceType
        status = v.status
        languages = v.languages.split(separator: ",").map(String.init)
    }
}

struct Paged<Item: Content>: Content {
    var items: [Item]
    var page: Int
    var per: Int
    var total: Int
}

enum PhoneMask {
    /// "0912345678" → "091•••••78": recognisable to the owner, useless to a harvester.
    static func mask(_ phone: String) -> String {
        guard phone.count >= 6 else { return String(repeating: "•", count: phone.count) }
        return String(phone.prefix(3)) + String(repeating: "•", count: phone.count - 5) + String(phone.suffix(2))
    }
}
