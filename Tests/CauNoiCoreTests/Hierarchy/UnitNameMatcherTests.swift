import CauNoiCore
import Foundation
import Testing

@Suite("Finding a unit by what a person types")
struct UnitNameMatcherTests {
    typealias M = UnitNameMatcher
    static let units: [M.Candidate] = [
        .init(code: "00004", name: "Phường Ba Đình", provinceName: "Thành phố Hà Nội", formerNames: ["Phường Trúc Bạch, Quận Ba Đình"]),
        .init(code: "00097", name: "Phường Hồng Hà", provinceName: "Thành phố Hà Nội", formerNames: ["Phường Phúc Xá, Quận Ba Đình"]),
        .init(code: "16171", name: "Xã Ba Đình", provinceName: "Thanh Hóa"),
        .init(code: "26740", name: "Phường Sài Gòn", provinceName: "Thành phố Hồ Chí Minh"),
        .init(code: "30000", name: "Đặc khu Phú Quốc", provinceName: "Tỉnh An Giang"),
    ]

    @Test("a code, a name without accents, in NFD or upper case")
    func names() throws {
        #expect(M.matches("00097", in: Self.units).map(\.code) == ["00097"])
        #expect(try M.pick("hong ha", in: Self.units).get().code == "00097")
        #expect(try M.pick("PHƯỜNG SÀI GÒN", in: Self.units).get().code == "26740")
        #expect(try M.pick("Sa\u{300}i Go\u{300}n", in: Self.units).get().code == "26740")
        #expect(try M.pick("dac khu phu quoc", in: Self.units).get().code == "30000")
        #expect(try M.pick("Phú Quốc", in: Self.units).get().code == "30000")
    }

    @Test("a shared name needs the province, and the error names the choices")
    func ambiguous() throws {
        guard case .failure(.ambiguous(let options)) = M.pick("ba dinh", in: Self.units) else {
            Issue.record("expected two choices"); return
        }
        #expect(Set(options.map(\.code)) == ["00004", "16171"])
        #expect(M.Problem.ambiguous(options).message.contains("Phường Ba Đình (Thành phố Hà Nội)"))
        #expect(try M.pick("ba dinh ha noi", in: Self.units).get().code == "00004")
        #expect(try M.pick("Ba Đình, Thanh Hóa", in: Self.units).get().code == "16171")
        // The kind of unit tells them apart too.
        #expect(try M.pick("xa ba dinh", in: Self.units).get().code == "16171")
    }

    @Test("typed with accents, a name is not its unaccented namesake; typed without, both are offered")
    func accents() throws {
        let units: [M.Candidate] = [.init(code: "1", name: "Phường Vĩnh Hưng", provinceName: "Thành phố Hà Nội"),
                                    .init(code: "2", name: "Phường Vinh Hưng", provinceName: "Nghệ An")]
        #expect(try M.pick("Vĩnh Hưng", in: units).get().code == "1")
        #expect(try M.pick("phường vinh hưng", in: units).get().code == "2")
        guard case .failure(.ambiguous(let both)) = M.pick("vinh hung", in: units) else { Issue.record("expected two"); return }
        #expect(both.count == 2)
    }

    @Test("a name from before 2025 leads to the commune that took it over")
    func formerNames() throws {
        #expect(try M.pick("phường Phúc Xá, quận Ba Đình", in: Self.units).get().code == "00097")
        #expect(try M.pick("phuc xa", in: Self.units).get().code == "00097")
        // A current name beats a former one: "Ba Đình" is a commune today, and a former district of Hồng Hà.
        #expect(M.matches("phuong ba dinh", in: Self.units).first?.code == "00004")
    }

    @Test("nothing found, and an empty text, say so")
    func nothing() {
        #expect(M.pick("Không Có", in: Self.units) == .failure(.none))
        #expect(M.pick("  ", in: Self.units) == .failure(.none))
    }

    @Test("the directory reads former names from the pre-2025 list (a split ward goes to each commune) and keeps to an area")
    func directory() throws {
        let csv = """
        old_province_code,old_province,old_district_code,old_district,old_ward_code,old_ward,new_commune_code,new_commune_name,is_main_successor
        01,Thành phố Hà Nội,001,Quận Ba Đình,00001,Phường Phúc Xá,00097,Phường Hồng Hà,1
        01,Thành phố Hà Nội,001,Quận Ba Đình,00004,Phường Trúc Bạch,00004,Phường Ba Đình,1
        01,Thành phố Hà Nội,001,Quận Ba Đình,00004,Phường Trúc Bạch,00097,Phường Hồng Hà,0
        """
        let former = UnitDirectory.formerNames(csv: csv)
        #expect(former["00097"] == ["Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội", "Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội"])
        #expect(former["00004"] == ["Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội"])
        let catalog = DivisionsCatalog(
            provinces: [.init(code: "01", name: "Thành phố Hà Nội", type: .thanhPhoTrungUong, phoneCode: "24"),
                        .init(code: "38", name: "Thanh Hóa", type: .tinh, phoneCode: "237")],
            communes: [.init(code: "00004", name: "Phường Ba Đình", type: .phuong, provinceCode: "01"),
                       .init(code: "00097", name: "Phường Hồng Hà", type: .phuong, provinceCode: "01"),
                       .init(code: "16171", name: "Xã Ba Đình", type: .xa, provinceCode: "38")])
        let directory = UnitDirectory(catalog: catalog, formerNames: former)
        #expect(try directory.pick("phuc xa", levels: [.commune]).get().unit.code == "00097")
        #expect(directory.search("ba dinh", levels: [.commune]).map(\.unit.code).prefix(2).sorted() == ["00004", "16171"])
        // Inside Thanh Hóa only, "Ba Đình" is one commune; a province is found by its name too.
        #expect(try directory.pick("ba dinh", levels: [.commune], where: { $0.provinceCode == "38" }).get().unit.code == "16171")
        #expect(try directory.pick("thanh hoa", levels: [.province]).get().unit.code == "38")
        #expect(try directory.pick("ha noi", levels: [.province]).get().unit.code == "01")
    }
}
