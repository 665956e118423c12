import Foundation
import Testing
@testable import CauNoiCore

struct VietnameseTextTests {
    @Test(arguments: [
        ("Thành phố Hà Nội", "thanh pho ha noi"),
        ("HÀ NỘI", "ha noi"),
        ("Phường Hoàn Kiếm", "phuong hoan kiem"),
        ("Đặc khu Phú Quốc", "dac khu phu quoc"),
        ("  Xã   Bắc\tĐông\n Quan  ", "xa bac dong quan"),
        ("Thành phố Hồ Chí Minh", "thanh pho ho chi minh"),
        ("Đắk Lắk", "dak lak"),
        ("Ðắk Lắk", "dak lak"),
        ("ĐƯỜNG ĐỒNG KHỞI", "duong dong khoi"),
        ("Ê Đê", "e de"),
        ("H'Mông", "h'mong"),
        ("Tuyên Quang 2025", "tuyen quang 2025"),
        ("plain ascii", "plain ascii"),
        ("MiXeD   Case ", "mixed case"),
        ("", ""),
        ("   ", ""),
        ("ỳỷỹỵý ẰẲẴẶẮ", "yyyyy aaaaa"),
    ])
    func folds(input: String, expected: String) {
        #expect(VietnameseText.fold(input) == expected)
    }

    @Test func nfdAndNfcFoldTheSame() {
        let nfc = "Hà Nội".precomposedStringWithCanonicalMapping
        let nfd = "Hà Nội".decomposedStringWithCanonicalMapping
        #expect(Array(nfc.unicodeScalars) != Array(nfd.unicodeScalars))
        #expect(VietnameseText.fold(nfd) == "ha noi")
        #expect(VietnameseText.fold(nfc) == "ha noi")
        let handBuilt = "Ha\u{0300} N\u{006F}\u{0302}\u{0323}i"
        #expect(VietnameseText.fold(handBuilt) == "ha noi")
        // Marks in non-canonical order still fold away.
        #expect(VietnameseText.fold("No\u{0323}\u{0302}i") == "noi")
    }

    @Test func foldOutputIsPureASCIIForVietnamese() {
        let text = "Tiếng Việt có dấu: ăâđêôơư ĂÂĐÊÔƠƯ áàảãạ"
        let folded = VietnameseText.fold(text)
        #expect(folded.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(folded == "tieng viet co dau: aadeoou aadeoou aaaaa")
    }

    @Test func foldIsIdempotent() {
        for s in ["Thành phố Hà Nội", "  A  b ", "Đặc khu"] {
            let once = VietnameseText.fold(s)
            #expect(VietnameseText.fold(once) == once)
        }
    }

    /// The straightforward definition: decompose the whole string, drop
    /// marks, map đ, lowercase, collapse spaces. `fold` takes faster paths
    /// and must agree with this everywhere.
    static func referenceFold(_ s: String) -> String {
        var out = ""
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x0300...0x036F).contains(scalar.value) || (0x1AB0...0x1AFF).contains(scalar.value)
                || (0x1DC0...0x1DFF).contains(scalar.value) || (0x20D0...0x20FF).contains(scalar.value)
                || (0xFE20...0xFE2F).contains(scalar.value) { continue }
            if scalar.properties.isWhitespace { out.unicodeScalars.append(" "); continue }
            if [0x0110, 0x0111, 0x00D0, 0x00F0].contains(scalar.value) { out += "d"; continue }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars
            where !(0x0300...0x036F).contains(lower.value) {
                out.unicodeScalars.append(lower)
            }
        }
        return out.split(separator: " ").joined(separator: " ")
    }

    @Test func agreesWithReferenceOnEveryLatinAndVietnameseLetter() {
        let ranges: [ClosedRange<UInt32>] = [0x0000...0x024F, 0x0370...0x03FF, 0x0400...0x04FF, 0x1E00...0x1EFF]
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let text = "a" + String(scalar) + "b"
                #expect(VietnameseText.fold(text) == Self.referenceFold(text), "U+\(String(v, radix: 16))")
                let nfd = text.decomposedStringWithCanonicalMapping
                #expect(VietnameseText.fold(nfd) == VietnameseText.fold(text))
            }
        }
    }

    @Test func agreesWithReferenceOnSentences() {
        let samples = [
            "Cộng hoà Xã hội Chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc", "Ư Ơ Ă Â Ê Ô Đ ư ơ ă â ê ô đ",
            "Thành phố Hồ Chí Minh", "İstanbul ǅ ß ﬁ", "Ａｂｃ", "日本語 テキスト", "🇻🇳 cờ",
        ]
        for s in samples {
            #expect(VietnameseText.fold(s) == Self.referenceFold(s))
            #expect(VietnameseText.fold(s.decomposedStringWithCanonicalMapping) == Self.referenceFold(s))
        }
    }

    @Test func unicodeWhitespaceCollapses() {
        #expect(VietnameseText.fold("Hà\u{00A0}\u{2003}Nội") == "ha noi")
    }

    @Test func matchesAllTokens() {
        let hay = VietnameseText.fold("Phường Hoàn Kiếm, Thành phố Hà Nội")
        #expect(VietnameseText.matches(hay, query: "hoan kiem"))
        #expect(VietnameseText.matches(hay, query: "Hoàn Kiếm"))
        #expect(VietnameseText.matches(hay, query: "kiem hoan"))
        #expect(VietnameseText.matches(hay, query: "ha noi phuong"))
        #expect(VietnameseText.matches(hay, query: "  KIẾM  "))
        #expect(VietnameseText.matches(hay, query: "hoan ki"))
        #expect(!VietnameseText.matches(hay, query: "hoan kiem sai gon"))
        #expect(!VietnameseText.matches(hay, query: "cau giay"))
    }

    @Test func matchesNFDQuery() {
        let hay = VietnameseText.fold("Đặc khu Phú Quốc")
        #expect(VietnameseText.matches(hay, query: "Phú Quốc".decomposedStringWithCanonicalMapping))
        #expect(VietnameseText.matches(hay, query: "đặc"))
    }

    @Test func emptyQueryMatchesEverything() {
        #expect(VietnameseText.matches("abc", query: ""))
        #expect(VietnameseText.matches("", query: "  "))
        #expect(!VietnameseText.matches("", query: "a"))
    }
}
