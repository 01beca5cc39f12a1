extension Reference {
    /// Parses `[namespace/]name[:tag|@sha256:<hex>]`, naming the first wrong character and its position.
    public init(parsing text: String) throws(ReferenceError) {
        let characters = Array(text)
        guard !characters.isEmpty else { throw ReferenceError(text: text, problem: .empty) }

        var repositoryEnd = characters.count
        var selector: Selector?
        if let at = characters.firstIndex(of: "@") {
            repositoryEnd = at
            let digestText = String(characters[(at + 1)...])
            do {
                selector = .digest(try Digest(parsing: digestText))
            } catch {
                throw ReferenceError(text: text, problem: .badDigest(digestText))
            }
        } else if let colon = characters.firstIndex(of: ":") {
            repositoryEnd = colon
            let tag = try Self.component(characters, from: colon + 1, to: characters.count,
                                         what: "tag", limit: Self.maximumTagLength, text: text)
            selector = .tag(tag)
        }

        let slashes = characters[..<repositoryEnd].indices.filter { characters[$0] == "/" }
        if slashes.count > 1 {
            throw ReferenceError(text: text, problem: .tooManyNamespaces(position: slashes[1] + 1))
        }
        if let slash = slashes.first {
            namespace = try Self.component(characters, from: 0, to: slash, what: "namespace",
                                           limit: Self.maximumComponentLength, text: text)
            name = try Self.component(characters, from: slash + 1, to: repositoryEnd, what: "name",
                                      limit: Self.maximumComponentLength, text: text)
        } else {
            namespace = nil
            name = try Self.component(characters, from: 0, to: repositoryEnd, what: "name",
                                      limit: Self.maximumComponentLength, text: text)
        }
        self.selector = selector
    }

    /// Checks one `[a-z0-9][a-z0-9._-]*` component occupying `characters[start..<end]`.
    private static func component(
        _ characters: [Character], from start: Int, to end: Int,
        what: String, limit: Int, text: String
    ) throws(ReferenceError) -> String {
        guard start < end else {
            throw ReferenceError(text: text, problem: .emptyComponent(what, position: start + 1))
        }
        guard end - start <= limit else {
            throw ReferenceError(text: text, problem: .tooLong(what, length: end - start, limit: limit))
        }
        for index in start..<end {
            let character = characters[index]
            let allowed = isLowercaseAlphanumeric(character)
                || (index > start && (character == "." || character == "_" || character == "-"))
            if !allowed {
                throw ReferenceError(text: text, problem: .badCharacter(
                    character, position: index + 1, component: what, isFirst: index == start))
            }
        }
        return String(characters[start..<end])
    }

    private static func isLowercaseAlphanumeric(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (0x61...0x7a).contains(ascii) || (0x30...0x39).contains(ascii)
    }
}

/// A string that is not a valid model reference, with the reason.
public struct ReferenceError: Error, Equatable, CustomStringConvertible {
    /// The text that failed to parse.
    public let text: String
    /// What is wrong with it.
    public let problem: Problem

    /// The ways a reference can be malformed.
    public enum Problem: Equatable, Sendable {
        case empty
        case emptyComponent(String, position: Int)
        case tooLong(String, length: Int, limit: Int)
        case tooManyNamespaces(position: Int)
        case badCharacter(Character, position: Int, component: String, isFirst: Bool)
        case badDigest(String)
    }

    public var description: String {
        let head = "invalid model reference \"\(text)\": "
        switch problem {
        case .empty:
            return head + "it is empty; expected [namespace/]name[:tag|@sha256:<hex>]"
        case let .emptyComponent(what, position):
            return head + "the \(what) at position \(position) is empty"
        case let .tooLong(what, length, limit):
            return head + "the \(what) is \(length) characters long, at most \(limit) are allowed"
        case let .tooManyNamespaces(position):
            return head + "'/' at position \(position): only one namespace is allowed (namespace/name)"
        case let .badCharacter(character, position, component, isFirst):
            let rule = isFirst
                ? "a \(component) must start with a lowercase letter or digit"
                : "a \(component) may contain only lowercase letters, digits, '.', '_' and '-'"
            return head + "character '\(character)' at position \(position) is not allowed: \(rule)"
        case let .badDigest(digest):
            return head + "the digest \"\(digest)\" is not sha256:<64 lowercase hex>"
        }
    }
}
