import Foundation
import NIOCore

/// Which address a request came from, for the sign-in throttle and the audit trail.
///
/// X-Forwarded-For is a list each proxy appends to, so only its right end is written by proxies we
/// run; everything to the left is whatever the client sent. The answer is the socket peer unless that
/// peer is a trusted proxy; then the list is read from the right, skipping trusted proxies, and the
/// first other address is the client. A forged left-hand entry is never reached.
enum ClientAddress {
    static func resolve(peer: String?, forwardedFor: [String], trustProxy: Bool, trustedProxies: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard trustProxy, trustedProxies.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard isAddress(hop) else { return peer }
            if !trustedProxies.contains(hop) { return hop }
        }
        return peer
    }

    static func isAddress(_ text: String) -> Bool {
        (try? SocketAddress(ipAddress: text, port: 0)) != nil
    }
}
