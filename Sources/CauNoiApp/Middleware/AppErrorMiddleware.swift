import CauNoiCore
import Vapor

/// Turns every error into a precise, bilingual answer: JSON under /api, an HTML page elsewhere.
/// Never echoes request bodies, so personal data cannot leak into responses or logs.
struct AppErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let app = Self.appError(from: error)
            let status = app.status
            if status.code >= 500 {
                request.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            } else {
                request.logger.info("request refused", metadata: ["status": "\(status.code)", "code": "\(app.code)"])
            }
            let response: Response
            if case .unauthenticated = app, !Self.wantsJSON(request) {
                // Pages send people to the login form and bring them back afterwards.
                let next = request.method == .GET ? SafeRedirect.path(request.url.string) : nil
                return request.redirect(to: SiteRoute.login(next: next).path, redirectType: .normal)
            }
            if Self.wantsJSON(request) {
                response = Response(status: status)
                try response.content.encode(APIErrorBody(error: .init(
                    code: app.code, message: app.messageVI, messageEN: app.messageEN, fields: app.fields)))
            } else {
                response = HTMLResponse.page(ErrorPage(status: status, error: app).render(), status: status)
            }
            if case .tooManyAttempts(let seconds) = app {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            }
            if case .busy(let seconds) = app {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            }
            if let abort = error as? any AbortError {
                for (name, value) in abort.headers where name.lowercased() != "content-type" {
                    response.headers.replaceOrAdd(name: name, value: value)
                }
            }
            return response
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.url.path
        if path.hasPrefix("/api/") || path == "/healthz" || path == "/openapi.json" { return true }
        return request.headers.first(name: .accept)?.contains("application/json") ?? false
    }

    static func appError(from error: any Error) -> AppError {
        switch error {
        case let app as AppError:
            return app
        case let failure as ValidationFailure:
            return .validation(failure.errors)
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
            // Not JSON at all (or not UTF-8): the request is malformed, not merely invalid.
            return .badRequest(vi: "Nội dung gửi lên không phải JSON UTF-8 hợp lệ.", en: "The body is not valid UTF-8 JSON.")
        case let decoding as DecodingError:
            return .validation([decoding.fieldError])
        case let abort as any AbortError:
            return fromAbort(abort)
        default:
            return .server
        }
    }

    private static func fromAbort(_ abort: any AbortError) -> AppError {
        switch abort.status {
        case .notFound:
            return .notFound(vi: "Không tìm thấy trang hoặc địa chỉ này.", en: "Not found.")
        case .payloadTooLarge:
            return .payloadTooLarge(
                vi: "Dữ liệu gửi lên quá lớn. Hãy chia nhỏ thành nhiều lần gửi.",
                en: "The request body is too large. Split it into several requests.")
        case .unsupportedMediaType:
            return .badRequest(vi: "Cần gửi dữ liệu dạng JSON (Content-Type: application/json).",
                               en: "Send JSON (Content-Type: application/json).")
        case .methodNotAllowed:
            return .badRequest(vi: "Phương thức không được hỗ trợ.", en: "Method not allowed.")
        default:
            if abort.status.code >= 500 { return .server }
            // Vapor's decoding failures arrive as 400 with a reason naming the path; keep it.
            return .badRequest(vi: "Yêu cầu không hợp lệ: \(abort.reason)", en: "Bad request: \(abort.reason)")
        }
    }
}
