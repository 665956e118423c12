import Vapor

/// Which methods each registered path answers, so a path called with a method it lacks answers
/// 405 with an Allow header instead of 404 (which would say the path does not exist).
struct RouteMethods: Sendable {
    private let routes: [(path: [PathComponent], method: String)]

    init(_ routes: [Route]) {
        self.routes = routes.map { ($0.path, $0.method.rawValue) }
    }

    /// The methods registered for a path, sorted; empty if no route has this path at all.
    func allowed(for path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set<String>()
        for route in routes where Self.matches(route.path, segments) { methods.insert(route.method) }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }

    /// The methods of routes whose whole path is this literal path ("/api/v1/volunteers/import"), empty if none.
    /// Such a path is its own resource even where a parameter route ("/api/v1/volunteers/:id") would also match.
    func literalAllowed(for path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set<String>()
        for route in routes where route.path.count == segments.count
            && zip(route.path, segments).allSatisfy({ if case .constant(let value) = $0 { value == $1 } else { false } }) {
            methods.insert(route.method)
        }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }

    static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return index <= segments.count
            case .anything, .parameter: if index >= segments.count { return false }
            case .constant(let value): if index >= segments.count || segments[index] != value { return false }
            }
        }
        return pattern.count == segments.count
    }
}

extension Application {
    private struct RouteMethodsKey: StorageKey { typealias Value = RouteMethods }

    /// Set once in `configure`, after every route is registered.
    var routeMethods: RouteMethods? {
        get { storage[RouteMethodsKey.self] }
        set { storage[RouteMethodsKey.self] = newValue }
    }
}
