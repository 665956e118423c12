import Foundation
import Testing
@testable import CauNoiCore

struct DivisionsCatalogTests {
    /// Lines taken verbatim from vn-divisions-2025.csv (CRLF line ends, unpadded codes).
    static let excerpt = [
        "province_code,province_name,province_type,province_phone_code,commune_code,commune_name,commune_type",
        "1,Thành phố Hà Nội,thành phố trung ương,24,70,Phường Hoàn Kiếm,phường",
        "1,Thành phố Hà Nội,thành phố trung ương,24,73,Phường Cửa Nam,phường",
        "1,Thành phố Hà Nội,thành phố trung ương,24,4,Phường Ba Đình,phường",
        "8,Tuyên Quang,tỉnh,207,2269,Xã Thượng Lâm,xã",
        "22,Quảng Ninh,tỉnh,203,6994,Đặc khu Vân Đồn,đặc khu",
        "22,Quảng Ninh,tỉnh,203,7192,Đặc khu Cô Tô,đặc khu",
        "79,Thành phố Hồ Chí Minh,thành phố trung ương,28,26536,Phường  Rạch Dừa,phường",
        "96,Cà Mau,tỉnh,290,31900,Xã Vĩnh Lợi,xã",
        "96,Cà Mau,tỉnh,290,31894,Xã Châu Thới,xã",
    ].joined(separator: "\r\n") + "\r\n"

    @Test func parsesExcerpt() throws {
        let catalog = try DivisionsCatalog.parse(csv: Self.excerpt)
        #expect(catalog.provinces.map(\.code) == ["01", "08", "22", "79", "96"])
        #expect(catalog.communes.count == 9)
        let hanoi = try #require(catalog.province(code: "01"))
        #expect(hanoi == DivisionsCatalog.Province(code: "01", name: "Thành phố Hà Nội", type: .thanhPhoTrungUong, phoneCode: "24"))
        let hoanKiem = try #require(catalog.commune(code: "00070"))
        #expect(hoanKiem == DivisionsCatalog.Commune(code: "00070", name: "Phường Hoàn Kiếm", type: .phuong, provinceCode: "01"))
        #expect(catalog.commune(code: "00004")?.name == "Phường Ba Đình")
        #expect(catalog.commune(code: "06994")?.type == .dacKhu)
        #expect(catalog.commune(code: "02269")?.type == .xa)
        #expect(catalog.province(code: "96")?.type == .tinh)
        #expect(catalog.province(code: "96")?.phoneCode == "290")
        #expect(catalog.communes(inProvince: "22").map(\.name) == ["Đặc khu Vân Đồn", "Đặc khu Cô Tô"])
        #expect(catalog.commune(code: "26536")?.name == "Phường Rạch Dừa")
        #expect(catalog.commune(code: "70") == nil)
    }

    @Test func columnsInAnyOrderWithSemicolonsAndBOM() throws {
        let csv = """
        \u{FEFF}commune_name;commune_code;commune_type;province_code;province_name;province_type;province_phone_code;extra
        Phường Hoàn Kiếm;70;phường;1;Thành phố Hà Nội;thành phố trung ương;24;x
        "Xã A; B";123;xã;1;Thành phố Hà Nội;thành phố trung ương;24;
        """
        let catalog = try DivisionsCatalog.parse(csv: csv)
        #expect(catalog.provinces.count == 1)
        #expect(catalog.communes.map(\.code) == ["00070", "00123"])
        #expect(catalog.communes[1].name == "Xã A; B")
    }

    @Test func skipsBlankLines() throws {
        let csv = Self.excerpt.replacingOccurrences(of: "\r\n8,", with: "\r\n\r\n8,")
        #expect(try DivisionsCatalog.parse(csv: csv).communes.count == 9)
    }

    private func parseError(_ csv: String) -> DivisionsCatalog.ParseError? {
        do {
            _ = try DivisionsCatalog.parse(csv: csv)
            return nil
        } catch let error as DivisionsCatalog.ParseError {
            return error
        } catch {
            return nil
        }
    }

    private func withRow(_ row: String) -> String {
        Self.excerpt + row + "\r\n"
    }

    @Test func errors() {
        #expect(parseError("") == .empty)
        #expect(parseError("province_code,province_name\n1,A") == .missingColumn("province_type"))
        #expect(parseError(withRow("1,Thành phố Hà Nội,thành phố trung ương,24,99")) ==
                .wrongFieldCount(line: 11, expected: 7, found: 5))
        #expect(parseError(withRow("1,Thành phố Hà Nội,thành phố trung ương,24,99, ,phường")) ==
                .emptyField(line: 11, column: "commune_name"))
        #expect(parseError(withRow("1a,Thành phố Hà Nội,thành phố trung ương,24,99,X,phường")) ==
                .invalidCode(line: 11, column: "province_code", value: "1a"))
        #expect(parseError(withRow("1,Thành phố Hà Nội,thành phố trung ương,24,123456,X,phường")) ==
                .invalidCode(line: 11, column: "commune_code", value: "123456"))
        #expect(parseError(withRow("100,Thành phố Hà Nội,thành phố trung ương,24,99,X,phường")) ==
                .invalidCode(line: 11, column: "province_code", value: "100"))
        #expect(parseError(withRow("1,Thành phố Hà Nội,thành phố trung ương,2x,99,X,phường")) ==
                .invalidCode(line: 11, column: "province_phone_code", value: "2x"))
        #expect(parseError(withRow("1,Thành phố Hà Nội,thành phố trung ương,24,99,X,quận")) ==
                .unknownType(line: 11, column: "commune_type", value: "quận"))
        #expect(parseError(withRow("1,Thành phố Hà Nội,thành phố trung ương,24,99,X,tỉnh")) ==
                .unknownType(line: 11, column: "commune_type", value: "tỉnh"))
        #expect(parseError(withRow("5,Sơn La,xã,212,99,X,xã")) ==
                .unknownType(line: 11, column: "province_type", value: "xã"))
        #expect(parseError(withRow("1,Thành phố Hà Nội,thành phố trung ương,24,0070,X,phường")) ==
                .duplicateCommune(line: 11, code: "00070", firstLine: 2))
        #expect(parseError(withRow("1,Hà Nội,thành phố trung ương,24,99,X,phường")) ==
                .inconsistentProvince(line: 11, code: "01", column: "province_name"))
        #expect(parseError(withRow("1,Thành phố Hà Nội,tỉnh,24,99,X,phường")) ==
                .inconsistentProvince(line: 11, code: "01", column: "province_type"))
        #expect(parseError(withRow("1,Thành phố Hà Nội,thành phố trung ương,25,99,X,phường")) ==
                .inconsistentProvince(line: 11, code: "01", column: "province_phone_code"))
    }

    @Test func lineNumbersCountEmbeddedNewlines() {
        let csv = Self.excerpt + "1,Thành phố Hà Nội,thành phố trung ương,24,99,\"Tên\nhai dòng\",phường\r\n" +
            "1,Thành phố Hà Nội,thành phố trung ương,24,99,Y,phường\r\n"
        #expect(parseError(csv) == .duplicateCommune(line: 13, code: "00099", firstLine: 11))
    }

    @Test func errorDescriptionsNameTheLine() {
        let error = DivisionsCatalog.ParseError.duplicateCommune(line: 12, code: "00070", firstLine: 2)
        #expect(error.description.contains("Dòng 12"))
        #expect(error.description.contains("00070"))
        #expect(DivisionsCatalog.ParseError.missingColumn("commune_code").description.contains("commune_code"))
        #expect(DivisionsCatalog.ParseError.invalidCode(line: 4, column: "commune_code", value: "x").description.hasPrefix("Dòng 4:"))
    }

    @Test func realFileWhenPresent() throws {
        let path = "/work/shared/data/vn-divisions-2025.csv"
        guard FileManager.default.fileExists(atPath: path) else { return }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let catalog = try DivisionsCatalog.parse(csv: text)
        #expect(catalog.provinces.count == 34)
        #expect(catalog.communes.count == 3_321)
        let hanoi = try #require(catalog.provinces.first { $0.name == "Thành phố Hà Nội" })
        #expect(hanoi.code == "01")
        #expect(catalog.communes.first { $0.name == "Phường Hoàn Kiếm" }?.code == "00070")
        #expect(Set(catalog.communes.map(\.code)).count == 3_321)
        #expect(catalog.communes.allSatisfy { $0.code.count == 5 && catalog.province(code: $0.provinceCode) != nil })
        #expect(catalog.provinces.filter { $0.type == .thanhPhoTrungUong }.count == 6)
        #expect(catalog.communes.filter { $0.type == .dacKhu }.count == 13)
        // Folded search finds a commune typed without accents.
        let hits = catalog.communes.filter {
            VietnameseText.matches(VietnameseText.fold($0.name), query: "hoan kiem")
        }
        #expect(hits.map(\.code) == ["00070"])
    }
}
