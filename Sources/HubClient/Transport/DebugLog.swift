import Foundation

/// `HUB_DEBUG` output: each request line and header sent, each status line and header received,
/// on standard error, with every secret replaced by `<redacted>`: the bearer token, cookies, a
/// password in a URL, and query parameters named like a token. libcurl's own verbose mode is not
/// used, because it prints the `Authorization` header as sent.
package enum DebugLog {
    /// Header names whose values are secrets (lowercased).
    static let secretHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]
    /// Query parameter names whose values are secrets (lowercased).
    static let secretParameters: Set<String> = ["token", "access_token", "password", "key", "secret", "signature"]

    /// Writes one debug line.
    static func write(_ line: String) {
        FileHandleStandardError.write("* " + line + "\n")
    }

    /// The request as it goes out: `> GET url` and its header lines.
    static func request(method: String, url: String, headers: [String]) {
        write("> \(method) \(redacted(url: url))")
        for line in headers { write("> " + redacted(header: line)) }
    }

    /// A header line (`Name: value`) with a secret value replaced; the scheme of an
    /// `Authorization` value (`Bearer`) is kept, so the line still says what kind of credential went.
    static func redacted(header line: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        let name = line[..<colon]
        let lowercased = name.lowercased().trimmingCharacters(in: .whitespaces)
        guard secretHeaders.contains(lowercased) else { return line }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return line }
        // Only an authorization scheme (`Bearer`, `Basic`: letters alone) is kept; nothing of a cookie.
        let words = value.split(separator: " ", maxSplits: 1)
        let isScheme = lowercased.hasSuffix("authorization") && words.count == 2 && words[0].allSatisfy(\.isLetter)
        return "\(name): " + (isScheme ? "\(words[0]) " : "") + "<redacted>"
    }

    /// A URL with its password and secret-looking query values replaced.
    package static func redacted(url text: String) -> String {
        guard var components = URLComponents(string: text) else { return text }
        var changed = false
        if components.password != nil {
            components.password = "<redacted>"
            changed = true
        }
        if let items = components.queryItems {
            components.queryItems = items.map { item in
                guard secretParameters.contains(item.name.lowercased()), item.value != nil else { return item }
                changed = true
                return URLQueryItem(name: item.name, value: "<redacted>")
            }
        }
        guard changed else { return text }
        return (components.string ?? text).replacingOccurrences(of: "%3Credacted%3E", with: "<redacted>")
    }
}
