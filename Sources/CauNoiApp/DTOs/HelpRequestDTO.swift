import Vapor

/// An open home-visit request as the field app lists it; contact fields are left out for those who may not see them.
struct HelpRequestDTO: Content, Equatable {
    var id: UUID
    var reference: String
    var communeName: String
    var needs: String
    var window: String
    var language: String
    var forRelative: Bool
    var status: String
    var statusName: String
    var teamName: String?
    var visit: String?
    var callName: String?
    var phone: String?
    var address: String?
    var details: String?

    enum CodingKeys: String, CodingKey {
        case id, reference, communeName = "commune_name", needs, window, language, forRelative = "for_relative", status
        case statusName = "status_name", teamName = "team_name", visit, callName = "call_name", phone, address, details
    }
}
