import CauNoiCore
import Vapor

/// A form's use case run once: its answer, or the field errors the form shows again beside what was typed.
/// Errors that are not about fields (404, 403, 409 without a field) are thrown on, to the error page.
func formOutcome<T>(_ body: () async throws -> T) async throws -> Result<T, FieldErrorList> {
    do {
        return .success(try await body())
    } catch let failure as ValidationFailure {
        return .failure(FieldErrorList(errors: failure.errors))
    } catch let error as AppError where !error.fields.isEmpty {
        return .failure(FieldErrorList(errors: error.fields, status: error.status))
    }
}

/// Field errors as a failure value, with the status the page answers (422, or 409 for a refused change of state).
struct FieldErrorList: Error {
    var errors: [FieldError]
    var status: HTTPResponseStatus = .unprocessableEntity
}
