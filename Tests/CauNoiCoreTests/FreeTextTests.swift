import Testing
@testable import CauNoiCore

struct FreeTextTests {
    func check(_ text: String, shape: FreeText.Shape = .line, screen: Bool = true) -> (String?, [FieldError]) {
        var errors = FieldErrors()
        let value = FreeText.check(text, field: "x", maxLength: 50, required: false, shape: shape, screenPersonalData: screen, errors: &errors)
        return (value, errors.all)
    }

    @Test(arguments: ["a\u{0}b", "a\u{1}b", "a\u{1B}[31mb", "a\u{7F}", "a\u{85}b", "a\u{202E}b", "a\u{2066}b", "a\u{FFFE}"])
    func controlsAreRefusedAnywhere(text: String) {
        for shape in [FreeText.Shape.line, .prose] {
            let (value, errors) = check(text, shape: shape)
            #expect(value == nil && errors.map(\.field) == ["x"], "\(text.debugDescription)")
            #expect(errors.first?.message.contains("U+") == true)
        }
    }

    @Test func lineBreaksOnlyInProse() {
        #expect(check("hai\ndòng").0 == nil)
        #expect(check("hai\ndòng", shape: .prose).0 == "hai\ndòng")
        #expect(check("cột\tcột", shape: .prose).0 == "cột\tcột")
        #expect(check("  Nguyễn Văn A  ").0 == "Nguyễn Văn A")
    }

    @Test func personalDataUnlessTheFieldIsOurs() {
        #expect(check("gọi 0912 345 678").1.map(\.field) == ["x"])
        #expect(check("079095001234", screen: false).0 == "079095001234")
    }
}
