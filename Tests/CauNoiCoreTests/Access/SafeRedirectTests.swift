import Testing
@testable import CauNoiCore

struct SafeRedirectTests {
    @Test(arguments: ["/", "/doi-hinh", "/doi-hinh?trang=2&q=ha%20noi", "/giao-ban?tuan=2025-W32&don-vi=01", "/a/b/c#x"])
    func keepsSitePaths(path: String) {
        #expect(SafeRedirect.path(path) == path)
    }

    @Test(arguments: [
        "", "doi-hinh", "//evil.example", "/\\evil.example", "\\\\evil", "https://evil.example", "javascript:alert(1)",
        "/\t/evil.example/", "/\r\nSet-Cookie: a=b", "/\n", "/a b", "/\u{0}", "/\u{7F}", "/đơn-vị", " /x",
    ])
    func refusesEverythingElse(path: String) {
        #expect(SafeRedirect.path(path) == nil)
    }

    @Test func refusesOverlongTargets() {
        #expect(SafeRedirect.path(String(repeating: "/a", count: 1_001)) == nil)
    }
}
