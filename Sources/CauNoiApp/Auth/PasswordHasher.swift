import CauNoiCore
import Crypto
import Foundation
import Vapor

/// bcrypt reads at most 72 bytes and a Vietnamese passphrase takes 2–3 bytes a letter, so a long
/// passphrase would be cut silently. Hashing the NFC passphrase with SHA-256 first (44 base64
/// characters) keeps every character significant; bcrypt then adds the slow, salted part.
struct PasswordHasher: Sendable {
    let cost: Int
    let threadPool: NIOThreadPool

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(PasswordPolicy.normalise(password).utf8))).base64EncodedString()
    }

    func hash(_ password: String) async throws -> String {
        let input = Self.prehash(password)
        let cost = cost
        return try await threadPool.runIfActive { try Bcrypt.hash(input, cost: cost) }
    }

    func verify(_ password: String, against hash: String?) async throws -> Bool {
        let input = Self.prehash(password)
        let cost = cost
        guard let hash else {
            // Unknown users still cost one bcrypt, so timing does not reveal which usernames exist.
            _ = try await threadPool.runIfActive { try Bcrypt.hash(input, cost: cost) }
            return false
        }
        return try await threadPool.runIfActive { try Bcrypt.verify(input, created: hash) }
    }
}

extension Request {
    var passwords: PasswordHasher {
        PasswordHasher(cost: application.appConfig.passwordCost, threadPool: application.threadPool)
    }
}
