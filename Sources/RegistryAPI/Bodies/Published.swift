/// `PUT /v1/models/{namespace}/{name}/manifests/{tag}` answer: the outcome of a publish.
public struct Published: Codable, Sendable, Equatable {
    /// `name`: `[namespace/]name`.
    public var name: String
    /// `tag`: the tag that now points at the version.
    public var tag: String
    /// `digest`: the published version.
    public var digest: String
    /// `created`: true when the version is new (false: identical bytes were published before, only the tag moved).
    public var created: Bool

    /// An outcome.
    public init(name: String, tag: String, digest: String, created: Bool) {
        self.name = name
        self.tag = tag
        self.digest = digest
        self.created = created
    }
}
