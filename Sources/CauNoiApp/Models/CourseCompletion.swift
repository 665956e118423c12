import Fluent
import Foundation

final class CourseCompletion: Model, @unchecked Sendable {
    static let schema = "course_completions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "volunteer_id") var volunteer: Volunteer
    @Field(key: "course_code") var courseCode: String
    @Field(key: "completed_on") var completedOn: String
    @OptionalField(key: "certificate_no") var certificateNo: String?
    @OptionalField(key: "source") var source: String?

    init() {}
}
