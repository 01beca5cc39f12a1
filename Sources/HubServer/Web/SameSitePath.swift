/// Where signing in may send the browser afterwards (`next`): only a path on this site, so the form
/// cannot be used to bounce someone to another site (`//evil.example`, `https://…`, `/\evil.example`).
enum SameSitePath {
    /// Longest `next` kept.
    static let maximumLength = 2048

    /// `text` when it is a same-site path (printable ASCII, one leading `/`, no backslash, not the sign-in
    /// or sign-out route itself); otherwise the home page.
    static func checked(_ text: String?) -> String {
        guard let text, text.utf8.count <= maximumLength, text.hasPrefix("/"), !text.hasPrefix("//"),
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }),
              !isSessionRoute(text) else { return "/" }
        return text
    }

    private static func isSessionRoute(_ text: String) -> Bool {
        let path = text.prefix { $0 != "?" && $0 != "#" }
        return path == "/sign-in" || path == "/sign-out"
    }
}
