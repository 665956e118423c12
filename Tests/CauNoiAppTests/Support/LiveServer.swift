import Foundation
import NIOCore
import Vapor
@testable import CauNoiApp

extension Application {
    /// Serves the app on a loopback port for the duration of `body`, which talks to it over real HTTP (the peer is a
    /// socket, so addresses, proxies and sockets are real). Requests wait up to three minutes: VaporTesting's live
    /// mode gives up after 30 s, which a fully parallel test run on two cores can exceed.
    func live<T: Sendable>(_ body: (LiveClient) async throws -> T) async throws -> T {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<40_000)
            do {
                try await server.start(address: .hostname("127.0.0.1", port: port))
            } catch {
                lastError = error  // the random port was taken: another
                continue
            }
            do {
                let result = try await body(LiveClient(app: self, base: "http://127.0.0.1:\(port)"))
                await server.shutdown()
                return result
            } catch {
                await server.shutdown()
                throw error
            }
        }
        throw lastError ?? Abort(.internalServerError)
    }
}

struct LiveClient: Sendable {
    let app: Application
    let base: String

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: String? = nil) async throws -> ClientResponse {
        var request = ClientRequest(method: method, url: URI(string: base + (path.hasPrefix("/") ? path : "/" + path)), headers: headers,
                                    body: body.map { ByteBuffer(string: $0) })
        request.timeout = .minutes(3)
        return try await app.client.send(request)
    }
}
