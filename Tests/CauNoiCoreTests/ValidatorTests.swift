import Foundation
import Testing
@testable import CauNoiCore

struct ValidatorTests {
    @Test func fieldErrorCodingKeys() throws {
        let error = FieldError(field: "note", message: "Ghi chú quá dài", messageEN: "Note too long")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(error), as: UTF8.self)
        #expect(json == #"{"field":"note","message":"Ghi chú quá dài","message_en":"Note too long"}"#)
        #expect(try JSONDecoder().decode(FieldError.self, from: Data(json.utf8)) == error)
    }

    @Test func accumulatesAndThrows() {
        var errors = FieldErrors()
        #expect(errors.isEmpty)
        #expect(throws: Never.self) { try errors.throwIfAny() }
        errors.add("a", "lỗi a", "error a")
        errors.add("b", "lỗi b", "error b")
        #expect(!errors.isEmpty)
        #expect(errors.all.map(\.field) == ["a", "b"])
        do {
            try errors.throwIfAny()
            Issue.record("expected a throw")
        } catch let failure as ValidationFailure {
            #expect(failure.errors.count == 2)
            #expect(failure.errors[1].messageEN == "error b")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func requireText() {
        var errors = FieldErrors()
        #expect(errors.requireText("  Đội 1 \n", field: "name", maxLength: 10) == "Đội 1")
        #expect(errors.isEmpty)
        #expect(errors.requireText(nil, field: "a", maxLength: 10) == nil)
        #expect(errors.requireText("   ", field: "b", maxLength: 10) == nil)
        #expect(errors.requireText("Hồ Chí Minh", field: "c", maxLength: 5) == nil)
        #expect(errors.requireText("ĐĐĐĐĐ", field: "d", maxLength: 5) == "ĐĐĐĐĐ")
        #expect(errors.all.map(\.field) == ["a", "b", "c"])
        #expect(errors.all[2].message.contains("5"))
    }

    @Test func parseUUID() {
        var errors = FieldErrors()
        let text = "3F2504E0-4F89-11D3-9A0C-0305E82C3301"
        #expect(errors.parseUUID(text, field: "x")?.uuidString == text)
        #expect(errors.parseUUID(text.lowercased(), field: "x")?.uuidString == text)
        #expect(errors.isEmpty)
        #expect(errors.parseUUID("not-a-uuid", field: "id") == nil)
        #expect(errors.parseUUID(nil, field: "team_id") == nil)
        #expect(errors.parseUUID("", field: "z") == nil)
        #expect(errors.all.map(\.field) == ["id", "team_id", "z"])
        #expect(errors.all[0].message.contains("không phải UUID hợp lệ"))
    }
}
