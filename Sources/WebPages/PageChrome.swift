/// What the layout shows on every page: the search box (with the current query in it) and, on a private
/// registry, who is signed in and the sign-out button.
public struct PageChrome: Sendable, Hashable {
    /// The free-text query to show in the header's search box.
    public var query: String
    /// The user a session cookie signed in, if any.
    public var user: String?
    /// Whether the registry needs a token for every page (`hub serve --private`).
    public var isPrivate: Bool
    /// The search's other parameters (facets, sort), sent again as hidden fields when the box is
    /// submitted, so a new query keeps the filters (the search page sets them).
    public var searchFields: [SearchField]

    /// A hidden field of the header's search form.
    public struct SearchField: Sendable, Hashable {
        /// The parameter's name, e.g. `domain`.
        public var name: String
        /// Its value.
        public var value: String

        /// A field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The chrome of a page.
    public init(query: String = "", user: String? = nil, isPrivate: Bool = false, searchFields: [SearchField] = []) {
        self.query = query
        self.user = user
        self.isPrivate = isPrivate
        self.searchFields = searchFields
    }
}
