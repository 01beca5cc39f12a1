/// What the layout shows on every page: the search box (with the current query in it) and, on a private
/// registry, who is signed in and the sign-out button.
public struct PageChrome: Sendable, Hashable {
    /// The free-text query to show in the header's search box.
    public var query: String
    /// The user a session cookie signed in, if any.
    public var user: String?
    /// Whether the registry needs a token for every page (`hub serve --private`).
    public var isPrivate: Bool

    /// The chrome of a page.
    public init(query: String = "", user: String? = nil, isPrivate: Bool = false) {
        self.query = query
        self.user = user
        self.isPrivate = isPrivate
    }
}
