import CauNoiCore
import Vapor

/// Turns every error into a precise, bilingual answer: JSON under /api, an HTML page elsewhere.
/// Never echoes request bodies, so personal data cannot leak into responses or logs.
struct AppErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let app = Self.appError(from: error, request: request)
            let status = app.status
            if case .busy = app {
                request.logger.warning("request deferred: node busy", metadata: ["status": "\(status.code)"])
            } else if case .databaseUnavailable = app {
                request.logger.warning("request deferred: database unavailable", metadata: ["error": "\(String(reflecting: error))"])
            } else if status.code >= 500 {
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
                // A signed-in user keeps their menu and account on an error page (not a "Đăng nhập" link).
                let context = request.principal == nil ? PageContext.anonymous : request.pageContext().0
                response = HTMLResponse.page(ErrorPage(status: status, error: app).render(context: context), status: status)
            }
            if case .tooManyAttempts(let seconds) = app {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            }
            if case .busy(let seconds) = app {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            }
            if case .databaseUnavailable(let seconds) = app {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            }
            if case .rateLimited(let seconds, _, _) = app {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            }
            if case .methodNotAllowed(let allowed) = app {
                response.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
            }
            if let abort = error as? any AbortError {
                for (name, value) in abort.headers where name.lowercased() != "content-type" {
                    response.headers.replaceOrAdd(name: name, value: value)
                }
            }
            return response
        }
    }

    /// Whether the request body parses as JSON at all.
    static func isJSON(_ request: Request) -> Bool {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else { return false }
        return JSONSyntax.isWellFormed(Array(buffer.readableBytesView))
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.url.path
        if path.hasPrefix("/api/") || path == "/healthz" || path == "/openapi.json" { return true }
        return request.headers.first(name: .accept)?.contains("application/json") ?? false
    }

    static func appError(from error: any Error, request: Request) -> AppError {
        switch error {
        case let app as AppError:
            return app
        case let failure as ValidationFailure:
            return .validation(failure.errors)
        case is RouteNotFound:
            let allowed = request.application.routeMethods?.allowed(for: request.url.path) ?? []
            return allowed.isEmpty ? .notFound(vi: "Không tìm thấy trang hoặc địa chỉ này.", en: "Not found.") : .methodNotAllowed(allowed: allowed)
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
            // Foundation reports "not valid JSON", with no path, both for a body that is not JSON and for a
            // number that does not fit its field (1.5 or 10^20 for a whole number). Parsing the body tells them apart.
            if Self.isJSON(request) {
                return .validation([FieldError(field: "body", message: "Có giá trị số không đúng kiểu: trường cần số nguyên (không có phần thập phân, không quá lớn).",
                                               messageEN: "A number does not fit its field: whole numbers only, within range.")])
            }
            return .badRequest(vi: "Nội dung gửi lên không phải JSON UTF-8 hợp lệ.", en: "The body is not valid UTF-8 JSON.")
        // MultipartKit throws several error types, some of them private; every one means the body could not be read.
        case let error where String(reflecting: type(of: error)).hasPrefix("MultipartKit."):
            return .badRequest(vi: "Nội dung multipart/form-data không đọc được.", en: "The multipart/form-data body is malformed.")
        case let decoding as DecodingError:
            return .validation([decoding.fieldError])
        case let abort as any AbortError:
            return fromAbort(abort)
        case let error where DatabaseOutage.isOutage(error):
            return .databaseUnavailable(retryAfter: DatabaseOutage.retryAfter)
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
