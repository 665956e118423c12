import CauNoiCore
import Vapor

/// Every error a user can see, with the Vietnamese message first and English second.
enum AppError: Error, Sendable {
    case validation([FieldError])
    case notFound(vi: String, en: String)
    case badRequest(vi: String, en: String)
    case conflict(field: String, vi: String, en: String)
    case payloadTooLarge(vi: String, en: String)
    case unauthenticated
    case badCredentials
    case forbidden(vi: String, en: String)
    case tooManyAttempts(retryAfter: Int)
    /// The node is at its limit for heavy work (spreadsheet parsing); the client retries after a moment.
    case busy(retryAfter: Int)
    /// The database cannot be reached right now (restarting, connections lost); nothing was stored, send again.
    case databaseUnavailable(retryAfter: Int)
    /// Too many requests of one kind from one sender (citizens' forms); says which limit in Vietnamese.
    case rateLimited(retryAfter: Int, vi: String, en: String)
    /// The path exists, but not with this method.
    case methodNotAllowed(allowed: [String])
    /// Details stay in the server log, tagged with the request id; the user gets that id to quote.
    case server

    var status: HTTPResponseStatus {
        switch self {
        case .validation: .unprocessableEntity
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .conflict: .conflict
        case .payloadTooLarge: .payloadTooLarge
        case .unauthenticated, .badCredentials: .unauthorized
        case .forbidden: .forbidden
        case .tooManyAttempts, .rateLimited: .tooManyRequests
        case .busy, .databaseUnavailable: .serviceUnavailable
        case .methodNotAllowed: .methodNotAllowed
        case .server: .internalServerError
        }
    }

    var code: String {
        switch self {
        case .validation: "validation_failed"
        case .notFound: "not_found"
        case .badRequest: "bad_request"
        case .conflict: "conflict"
        case .payloadTooLarge: "payload_too_large"
        case .unauthenticated: "unauthenticated"
        case .badCredentials: "bad_credentials"
        case .forbidden: "forbidden"
        case .tooManyAttempts: "too_many_attempts"
        case .busy: "busy"
        case .databaseUnavailable: "database_unavailable"
        case .rateLimited: "rate_limited"
        case .methodNotAllowed: "method_not_allowed"
        case .server: "server_error"
        }
    }

    var messageVI: String {
        switch self {
        case .validation(let errors):
            errors.count == 1 ? "Dữ liệu chưa hợp lệ: \(errors[0].field) — \(errors[0].message)"
                : "Dữ liệu chưa hợp lệ ở \(errors.count) trường."
        case .notFound(let vi, _), .badRequest(let vi, _), .payloadTooLarge(let vi, _): vi
        case .conflict(_, let vi, _): vi
        case .unauthenticated: "Vui lòng đăng nhập."
        case .badCredentials: "Sai tên đăng nhập hoặc mật khẩu."
        case .forbidden(let vi, _): vi
        case .tooManyAttempts(let seconds): "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau \((seconds + 59) / 60) phút."
        case .busy(let seconds): "Máy chủ đang xử lý các tệp khác. Vui lòng gửi lại sau \(seconds) giây."
        case .databaseUnavailable(let seconds): "Cơ sở dữ liệu tạm thời không kết nối được; chưa có gì được lưu. Vui lòng gửi lại sau \(seconds) giây."
        case .rateLimited(_, let vi, _): vi
        case .methodNotAllowed(let allowed): "Địa chỉ này chỉ nhận \(allowed.joined(separator: ", "))."
        case .server: "Máy chủ gặp lỗi. Vui lòng thử lại sau ít phút."
        }
    }

    var messageEN: String {
        switch self {
        case .validation(let errors):
            errors.count == 1 ? "Invalid input: \(errors[0].field) — \(errors[0].messageEN)"
                : "Invalid input in \(errors.count) fields."
        case .notFound(_, let en), .badRequest(_, let en), .payloadTooLarge(_, let en): en
        case .conflict(_, _, let en): en
        case .unauthenticated: "Please sign in."
        case .badCredentials: "Wrong username or password."
        case .forbidden(_, let en): en
        case .tooManyAttempts(let seconds): "Too many failed sign-ins. Try again in \(seconds) seconds."
        case .busy(let seconds): "The server is busy with other files. Send again in \(seconds) seconds."
        case .databaseUnavailable(let seconds): "The database cannot be reached right now; nothing was stored. Send again in \(seconds) seconds."
        case .rateLimited(_, _, let en): en
        case .methodNotAllowed(let allowed): "This address only accepts \(allowed.joined(separator: ", "))."
        case .server: "Server error. Please try again in a few minutes."
        }
    }

    var fields: [FieldError] {
        switch self {
        case .validation(let errors): errors
        case .conflict(let field, let vi, let en): [FieldError(field: field, message: vi, messageEN: en)]
        default: []
        }
    }

    static let noPermission = AppError.forbidden(
        vi: "Bạn không có quyền thực hiện thao tác này với dữ liệu ngoài phạm vi được giao.",
        en: "You are not allowed to do this outside your assigned scope.")

    static func notFound(_ thing: String, _ thingEN: String, _ key: String) -> AppError {
        .notFound(vi: "Không tìm thấy \(thing) \(key).", en: "No \(thingEN) \(key).")
    }
}

extension ValidationFailure {
    var appError: AppError { .validation(errors) }
}

/// The JSON shape of every API error.
struct APIErrorBody: Content {
    struct Detail: Codable, Sendable {
        var code: String
        var message: String
        var messageEN: String
        var fields: [FieldError]

        enum CodingKeys: String, CodingKey {
            case code, message, fields
            case messageEN = "message_en"
        }
    }

    var error: Detail
}
