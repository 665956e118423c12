import Testing
@testable import CauNoiCore

struct JSONSyntaxTests {
    @Test(arguments: [#"{}"#, #"[]"#, #"{"a":1.5,"b":[true,false,null],"c":"x\"y\\u00e9"}"#, #" {"d":1e400} "#,
                      #"{"d":99999999999999999999}"#, #"-0.5E-3"#, #""Hà Nội""#, #"[[[]]]"#])
    func wellFormed(text: String) {
        #expect(JSONSyntax.isWellFormed(Array(text.utf8)))
    }

    @Test(arguments: ["", "không phải JSON", #"{"a":}"#, #"{"a":1,}"#, #"[1 2]"#, #"{"a":01}"#, #"{"a":.5}"#, #"{"a":"x"#,
                      #"{"a":"\x"}"#, #"{"a":tru}"#, #"{} {}"#, #"{'a':1}"#, "{\"a\":\"\u{1}\"}", #"{"a":1e}"#])
    func malformed(text: String) {
        #expect(!JSONSyntax.isWellFormed(Array(text.utf8)))
    }

    @Test func invalidUTF8AndDeepNesting() {
        #expect(!JSONSyntax.isWellFormed([0x22, 0xFF, 0x22]))
        #expect(!JSONSyntax.isWellFormed(Array(String(repeating: "[", count: 10_000).utf8)))
    }
}
