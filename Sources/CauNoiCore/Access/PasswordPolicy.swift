import Foundation

/// Passphrases, not passwords: long is allowed, nothing is silently cut.
public enum PasswordPolicy {
    public static let minimumCharacters = 10
    public static let maximumCharacters = 256

    /// NFC first, so the same passphrase typed on two keyboards (precomposed or combining accents) matches.
    public static func normalise(_ password: String) -> String {
        password.precomposedStringWithCanonicalMapping
    }

    public static func check(_ password: String, field: String = "password") -> [FieldError] {
        let count = normalise(password).count
        if count < minimumCharacters {
            return [FieldError(field: field, message: "Mật khẩu cần ít nhất \(minimumCharacters) ký tự; nên dùng một câu dễ nhớ.",
                               messageEN: "Use at least \(minimumCharacters) characters; a passphrase works well.")]
        }
        if count > maximumCharacters {
            return [FieldError(field: field, message: "Mật khẩu dài quá \(maximumCharacters) ký tự.",
                               messageEN: "At most \(maximumCharacters) characters.")]
        }
        return []
    }
}
