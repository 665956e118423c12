/// Where a browser may be sent after signing in: a path on this site, nothing else.
///
/// One rule for every "next" target (`tiep` on the sign-in page, the target the error page
/// builds): the value must start with a single "/", and every byte must be printable ASCII other
/// than a backslash. That refuses other hosts ("//evil", "/\evil"), schemes, and the whitespace
/// and control characters that browsers strip ("/\t/evil" → "//evil") or that would split an
/// HTTP header ("/\r\nSet-Cookie: …"). Browsers percent-encode everything else they send.
public enum SafeRedirect {
    public static let maxLength = 2_000

    /// The path itself when it is safe to redirect to, otherwise nil.
    public static func path(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty, raw.utf8.count <= maxLength else { return nil }
        let bytes = Array(raw.utf8)
        guard bytes[0] == UInt8(ascii: "/") else { return nil }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "\\") { return nil }
        for byte in bytes where !(0x21...0x7E).contains(byte) || byte == UInt8(ascii: "\\") {
            return nil
        }
        return raw
    }
}
