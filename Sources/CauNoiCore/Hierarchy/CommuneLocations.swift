import Foundation

/// A representative point per commune (`vn-communes-2025-geo.csv`), for "help near me" and distances.
public struct CommuneLocations: Sendable {
    public struct Point: Sendable, Hashable {
        public var code: String
        public var latitude: Double
        public var longitude: Double
    }

    public struct Nearby: Sendable, Hashable {
        public var code: String
        public var kilometres: Double
    }

    public let points: [Point]

    public init(points: [Point]) { self.points = points }

    /// Reads `commune_code,province_code,commune_name,latitude,longitude,area_km2`; rows it cannot read are skipped.
    public init(csv: String) {
        var points: [Point] = []
        for (index, line) in csv.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count >= 5, let lat = Double(cells[3]), let lon = Double(cells[4]) else { continue }
            points.append(Point(code: String(cells[0]), latitude: lat, longitude: lon))
        }
        self.init(points: points)
    }

    /// The `limit` communes nearest to a place, nearest first. Nil for a place outside Vietnam's box, which is a
    /// phone's wrong fix or a typed value, not a reason to list communes 1,000 km away.
    public func nearest(latitude: Double, longitude: Double, limit: Int = 5) -> [Nearby]? {
        guard (7.0...24.0).contains(latitude), (101.0...118.0).contains(longitude) else { return nil }
        return points.map { Nearby(code: $0.code, kilometres: Self.distance(latitude, longitude, $0.latitude, $0.longitude)) }
            .sorted { ($0.kilometres, $0.code) < ($1.kilometres, $1.code) }
            .prefix(limit).map { $0 }
    }

    /// Great-circle distance in kilometres (haversine; the Earth as a sphere is exact enough for "nearest").
    public static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6_371.0, rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, a.squareRoot()))
    }
}
