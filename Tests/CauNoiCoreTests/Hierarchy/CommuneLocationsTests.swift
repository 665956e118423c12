import CauNoiCore
import Foundation
import Testing

@Suite("Communes near a place, and when teams are on duty")
struct CommuneLocationsTests {
    static let csv = """
    commune_code,province_code,commune_name,latitude,longitude,area_km2
    00004,01,Phường Ba Đình,21.0386,105.838,2.97
    00070,01,Phường Hoàn Kiếm,21.0287,105.852,1.6
    26506,79,Phường Vũng Tàu,10.346,107.084,13
    bad,row
    """

    @Test("nearest first with distances; a place outside Vietnam lists nothing")
    func nearest() throws {
        let places = CommuneLocations(csv: Self.csv)
        #expect(places.points.count == 3)
        let near = try #require(places.nearest(latitude: 21.030, longitude: 105.850, limit: 2))
        #expect(near.map(\.code) == ["00070", "00004"])
        #expect(near[0].kilometres < 0.5 && near[1].kilometres > 1 && near[1].kilometres < 2)
        #expect(places.nearest(latitude: 48.85, longitude: 2.35) == nil)
        // Hà Nội to Vũng Tàu is about 1,170 km in a straight line.
        #expect(abs(CommuneLocations.distance(21.0287, 105.852, 10.346, 107.084) - 1_195) < 40)
    }

    @Test("duty days read as on a notice board: runs as spans, single days listed")
    func dutyDays() {
        #expect(DutySchedule(days: [5, 1, 2, 3, 4]).daysVietnamese == "Thứ Hai – Thứ Sáu")
        #expect(DutySchedule(days: [1, 3, 5]).daysVietnamese == "Thứ Hai, Thứ Tư, Thứ Sáu")
        #expect(DutySchedule(days: [1, 2, 3, 6, 7]).daysVietnamese == "Thứ Hai – Thứ Tư, Thứ Bảy, Chủ nhật")
        let s = DutySchedule(days: [6, 7], hours: "8:00–11:00")
        #expect(s.summary == "Thứ Bảy, Chủ nhật, 8:00–11:00" && s.covers(weekday: 7) && !s.covers(weekday: 1))
        #expect(DutySchedule(mask: s.mask, hours: nil, note: nil).days == [6, 7])
        var errors = FieldErrors()
        _ = DutySchedule.validate(days: [0, 8], hours: "Gọi 0912 345 678 nhà bà Hoa", note: nil, errors: &errors)
        #expect(errors.all.map(\.field) == ["duty_days", "duty_hours"])
    }
}
