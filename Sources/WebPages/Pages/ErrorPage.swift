/// The page for a request that cannot be answered with the page asked for: a model or version that does
/// not exist (404), a malformed version or reference (400), a private page without a session (401).
public struct ErrorPage: WebPage {
    public static let template = "error"

    /// The HTTP status the page is sent with.
    public let status: Int
    public let title: String
    /// What went wrong, in words a user can act on.
    public let message: String
    /// A search for what the user was looking for, if the request named something (a model name).
    public let suggestion: Suggestion?
    /// For a 401: the sign-in form's path.
    public let signInPath: String?
    public let chrome: PageChrome

    /// A link to a search for a name.
    public struct Suggestion: Sendable {
        /// The words to search for.
        public let query: String
        /// The search page's path.
        public let path: String
    }

    /// An error page; `lookingFor` (a model name, say) becomes a link to a search for it.
    public init(status: Int, title: String, message: String, lookingFor: String? = nil, chrome: PageChrome) {
        self.status = status
        self.title = title
        self.message = message
        suggestion = lookingFor.map { Suggestion(query: $0, path: SitePath.search([("q", $0)])) }
        signInPath = status == 401 ? SitePath.signIn() : nil
        self.chrome = chrome
    }

    /// 404: nothing is published under `name` (or under that version of it).
    public static func notFound(_ message: String, lookingFor: String? = nil, chrome: PageChrome) -> ErrorPage {
        ErrorPage(status: 404, title: "Not found", message: message, lookingFor: lookingFor, chrome: chrome)
    }
}
