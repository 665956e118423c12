import AsyncKit
import FluentPostgresDriver
import Foundation
import NIOPosix

/// Errors that mean "the database is not there right now" rather than "this request is wrong": connections
/// refused or dropped, the pool unable to hand one out, PostgreSQL shutting down or starting up. Clients get
/// 503 with Retry-After and send the same batch again (entry ids make that safe); nodes need no restart, since
/// the pool opens new connections once the database is back.
enum DatabaseOutage {
    static let retryAfter = 2

    static func isOutage(_ error: any Error) -> Bool {
        switch error {
        case let psql as PSQLError:
            switch psql.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return true
            case .server:
                // Class 08: connection exception; 57P01–57P03: shutting down, crashed, starting up; 53300: no connection slot left.
                let state = psql.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
            default:
                return false
            }
        case is ConnectionPoolTimeoutError, is ConnectionPoolError:
            return true
        default:
            return isConnectionLoss(error)
        }
    }


    /// The connection itself is gone (refused, reset, closed by either side): it can take no further statement.
    static func isConnectionLoss(_ error: any Error) -> Bool {
        switch error {
        case let psql as PSQLError:
            return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown].contains(psql.code)
        default:
            // PostgresNIO wraps its own connect failures in PSQLError; a bare NIO connect failure still means the same.
            return error is NIOConnectionError
        }
    }
}
