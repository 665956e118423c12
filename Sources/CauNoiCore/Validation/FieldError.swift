/// One problem with one input field, ready to send to the client.
///
/// `field` is a path into the submitted JSON ("entries[3].counts.vneid") so
/// the app can put the message next to the right control.
public struct FieldError: Error, Codable, Hashable, Sendable {
    public let field: String
    /// Shown to volunteers.
    public let message: String
    /// For logs and non-Vietnamese-speaking maintainers.
    public let messageEN: String

    public init(field: String, message: String, messageEN: String) {
        self.field = field
        self.message = message
        self.messageEN = messageEN
    }

    enum CodingKeys: String, CodingKey {
        case field
        case message
        case messageEN = "message_en"
    }
}

/// Every problem found in one submission; validators report all of them at
/// once so a volunteer fixes the form in one pass.
public struct ValidationFailure: Error, Sendable {
    public let errors: [FieldError]

    public init(errors: [FieldError]) {
        self.errors = errors
    }
}
