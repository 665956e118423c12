/// The official list of provinces and communes after the 2025 merger
/// (34 provinces, 3.321 communes), loaded from the published CSV.
public struct DivisionsCatalog: Sendable {
    public struct Province: Sendable, Hashable {
        /// Two digits, zero-padded ("01").
        public let code: String
        public let name: String
        public let type: UnitType
        public let phoneCode: String

        public init(code: String, name: String, type: UnitType, phoneCode: String) {
            self.code = code
            self.name = name
            self.type = type
            self.phoneCode = phoneCode
        }
    }

    public struct Commune: Sendable, Hashable {
        /// Five digits, zero-padded ("00070").
        public let code: String
        public let name: String
        public let type: UnitType
        public let provinceCode: String

        public init(code: String, name: String, type: UnitType, provinceCode: String) {
            self.code = code
            self.name = name
            self.type = type
            self.provinceCode = provinceCode
        }
    }

    /// In order of first appearance in the file.
    public let provinces: [Province]
    /// In file order.
    public let communes: [Commune]

    private let provinceIndex: [String: Int]
    private let communeIndex: [String: Int]

    public init(provinces: [Province], communes: [Commune]) {
        self.provinces = provinces
        self.communes = communes
        var pIndex: [String: Int] = [:]
        for (i, p) in provinces.enumerated() where pIndex[p.code] == nil { pIndex[p.code] = i }
        var cIndex: [String: Int] = [:]
        for (i, c) in communes.enumerated() where cIndex[c.code] == nil { cIndex[c.code] = i }
        provinceIndex = pIndex
        communeIndex = cIndex
    }

    public func province(code: String) -> Province? {
        provinceIndex[code].map { provinces[$0] }
    }

    public func commune(code: String) -> Commune? {
        communeIndex[code].map { communes[$0] }
    }

    public func communes(inProvince code: String) -> [Commune] {
        communes.filter { $0.provinceCode == code }
    }
}

extension DivisionsCatalog {
    /// Why a divisions file was rejected; `line` is the 1-based line in the file.
    public enum ParseError: Error, CustomStringConvertible, Equatable, Sendable {
        case empty
        case missingColumn(String)
        case wrongFieldCount(line: Int, expected: Int, found: Int)
        case emptyField(line: Int, column: String)
        case invalidCode(line: Int, column: String, value: String)
        case unknownType(line: Int, column: String, value: String)
        case duplicateCommune(line: Int, code: String, firstLine: Int)
        case inconsistentProvince(line: Int, code: String, column: String)

        public var description: String {
            switch self {
            case .empty:
                "Tệp danh mục đơn vị hành chính trống"
            case .missingColumn(let name):
                "Dòng 1: thiếu cột \"\(name)\""
            case let .wrongFieldCount(line, expected, found):
                "Dòng \(line): cần \(expected) trường, có \(found)"
            case let .emptyField(line, column):
                "Dòng \(line): cột \"\(column)\" bị trống"
            case let .invalidCode(line, column, value):
                "Dòng \(line): cột \"\(column)\" có mã không hợp lệ \"\(value)\""
            case let .unknownType(line, column, value):
                "Dòng \(line): cột \"\(column)\" có loại đơn vị không hợp lệ \"\(value)\""
            case let .duplicateCommune(line, code, firstLine):
                "Dòng \(line): mã xã \(code) bị trùng với dòng \(firstLine)"
            case let .inconsistentProvince(line, code, column):
                "Dòng \(line): cột \"\(column)\" của tỉnh \(code) khác với các dòng trước"
            }
        }
    }

    static let requiredColumns = [
        "province_code", "province_name", "province_type", "province_phone_code",
        "commune_code", "commune_name", "commune_type",
    ]

    /// Parses and checks the whole file; the first problem found is thrown.
    public static func parse(csv: String) throws -> DivisionsCatalog {
        let records = CSVReader.records(csv)
        guard let header = records.first else { throw ParseError.empty }
        let names = header.fields.map { $0.trimmingSpaces().lowercased() }
        var column: [String: Int] = [:]
        for name in requiredColumns {
            guard let index = names.firstIndex(of: name) else { throw ParseError.missingColumn(name) }
            column[name] = index
        }

        var provinces: [Province] = []
        var provinceSeen: [String: Int] = [:]
        var communes: [Commune] = []
        var communeLine: [String: Int] = [:]

        for record in records.dropFirst() {
            let line = record.line
            if record.fields.count == 1 && record.fields[0].trimmingSpaces().isEmpty { continue }
            guard record.fields.count == header.fields.count else {
                throw ParseError.wrongFieldCount(line: line, expected: header.fields.count, found: record.fields.count)
            }
            func value(_ name: String) throws -> String {
                let text = record.fields[column[name]!].trimmingSpaces()
                if text.isEmpty { throw ParseError.emptyField(line: line, column: name) }
                return text
            }
            func digits(_ name: String, maxWidth: Int) throws -> String {
                let text = try value(name)
                guard text.utf8.count <= maxWidth, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    throw ParseError.invalidCode(line: line, column: name, value: text)
                }
                return text
            }
            // The file drops leading zeros, but codes elsewhere are fixed-width.
            func code(_ name: String, width: Int) throws -> String {
                let text = try digits(name, maxWidth: width)
                return String(repeating: "0", count: width - text.utf8.count) + text
            }
            func type(_ name: String, allowed: [UnitType]) throws -> UnitType {
                let text = try value(name)
                guard let type = UnitType.fromVietnamese(text), allowed.contains(type) else {
                    throw ParseError.unknownType(line: line, column: name, value: text)
                }
                return type
            }

            let province = Province(
                code: try code("province_code", width: 2),
                name: try value("province_name").collapsingSpaces(),
                type: try type("province_type", allowed: [.tinh, .thanhPhoTrungUong]),
                phoneCode: try digits("province_phone_code", maxWidth: 4))
            if let index = provinceSeen[province.code] {
                let known = provinces[index]
                if known.name != province.name {
                    throw ParseError.inconsistentProvince(line: line, code: province.code, column: "province_name")
                }
                if known.type != province.type {
                    throw ParseError.inconsistentProvince(line: line, code: province.code, column: "province_type")
                }
                if known.phoneCode != province.phoneCode {
                    throw ParseError.inconsistentProvince(line: line, code: province.code, column: "province_phone_code")
                }
            } else {
                provinceSeen[province.code] = provinces.count
                provinces.append(province)
            }

            let commune = Commune(
                code: try code("commune_code", width: 5),
                name: try value("commune_name").collapsingSpaces(),
                type: try type("commune_type", allowed: [.xa, .phuong, .dacKhu]),
                provinceCode: province.code)
            if let first = communeLine[commune.code] {
                throw ParseError.duplicateCommune(line: line, code: commune.code, firstLine: first)
            }
            communeLine[commune.code] = line
            communes.append(commune)
        }
        return DivisionsCatalog(provinces: provinces, communes: communes)
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// The official file has stray double spaces inside some names
    /// ("Phường  Rạch Dừa"); shown names should not.
    func collapsingSpaces() -> String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
