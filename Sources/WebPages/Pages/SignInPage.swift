/// `/sign-in`: a form that exchanges an access token for a session cookie, then goes on to `next`.
public struct SignInPage: WebPage {
    public static let template = "sign-in"

    public let title = "Sign in"
    public let chrome: PageChrome
    /// The page to open after signing in (a path on this site), sent back as a hidden field.
    let next: String
    /// Why the last attempt failed, if it did.
    let error: String?
    /// On a private registry every page needs a session; on a public one signing in only names the user.
    let isPrivate: Bool

    /// The form; `error` is shown above it after a failed attempt.
    public init(next: String, error: String? = nil, chrome: PageChrome) {
        self.chrome = chrome
        self.next = next
        self.error = error
        isPrivate = chrome.isPrivate
    }
}
