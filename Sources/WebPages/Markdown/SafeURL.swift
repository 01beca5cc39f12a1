/// The link and image targets a card may use: `http`, `https`, relative paths and `#fragments`.
enum SafeURL {
    /// Where a permitted target points.
    enum Kind: Equatable {
        /// A path, query or fragment on this site (`images/a.png`, `/x`, `?a`, `#usage`).
        case sameOrigin
        /// An `http`/`https` URL or a network-path reference (`//host/…`): another site, as far as we know.
        case otherOrigin
    }

    /// The kind of `target` (as the browser will read it), or nil when it is not permitted: another
    /// scheme (`javascript:`, `data:`, `vbscript:` in any case), or any control character or white space
    /// anywhere (browsers drop tabs and line breaks inside URLs, which would hide a scheme).
    static func kind(of target: String) -> Kind? {
        let scalars = target.unicodeScalars
        guard !scalars.isEmpty,
              !scalars.contains(where: { $0.value < 0x21 || (0x7F...0x9F).contains($0.value) || $0.properties.isWhitespace
                                         || $0.properties.generalCategory == .format }) else { return nil }
        if let end = scalars.firstIndex(where: { $0 == ":" || $0 == "/" || $0 == "?" || $0 == "#" || $0 == "\\" }),
           scalars[end] == ":" {
            let scheme = String(scalars[..<end]).lowercased()
            return scheme == "http" || scheme == "https" ? .otherOrigin : nil
        }
        let start = String(scalars.prefix(2))
        if start.hasPrefix("\\") || start == "//" || start == "/\\" { return .otherOrigin }
        return .sameOrigin
    }
}
