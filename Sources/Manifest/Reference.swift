/// A model reference: `[namespace/]name[:tag|@sha256:<hex>]`.
///
/// A name without a namespace is an official model; `alice/fashion-effnet` lives in
/// alice's namespace. Components are lowercase `[a-z0-9][a-z0-9._-]*`.
public struct Reference: Hashable, Sendable, CustomStringConvertible {
    /// Longest namespace or name component.
    public static let maximumComponentLength = 64
    /// Longest tag.
    public static let maximumTagLength = 128
    /// The tag used when a reference names neither a tag nor a digest.
    public static let defaultTag = "latest"

    /// The owner's namespace, or nil for an official model.
    public let namespace: String?
    /// The model's name inside its namespace.
    public let name: String
    /// What the reference points at inside the repository, if anything.
    public let selector: Selector?

    /// The part of a reference after the repository.
    public enum Selector: Hashable, Sendable {
        /// A movable tag such as `latest` or `v2`.
        case tag(String)
        /// One immutable version.
        case digest(Digest)
    }

    /// A reference built from parts that are already valid.
    public init(namespace: String?, name: String, selector: Selector? = nil) {
        self.namespace = namespace
        self.name = name
        self.selector = selector
    }

    /// `namespace/name` or `name`: the repository, without tag or digest.
    public var repository: String { namespace.map { "\($0)/\(name)" } ?? name }

    /// The tag, if the reference names one.
    public var tag: String? {
        if case let .tag(tag) = selector { return tag }
        return nil
    }

    /// The digest, if the reference names one.
    public var digest: Digest? {
        if case let .digest(digest) = selector { return digest }
        return nil
    }

    /// True for a model without a namespace, which only an admin may publish.
    public var isOfficial: Bool { namespace == nil }

    /// The same repository without tag or digest.
    public var withoutSelector: Reference { Reference(namespace: namespace, name: name) }

    /// The same repository with another selector.
    public func with(_ selector: Selector?) -> Reference {
        Reference(namespace: namespace, name: name, selector: selector)
    }

    public var description: String {
        switch selector {
        case nil: return repository
        case let .tag(tag)?: return "\(repository):\(tag)"
        case let .digest(digest)?: return "\(repository)@\(digest)"
        }
    }
}

extension Reference: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Reference(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
