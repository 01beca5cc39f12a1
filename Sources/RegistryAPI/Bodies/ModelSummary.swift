/// `GET /v1/models/{namespace}/{name}` answer: a model's tags, downloads and one page of its versions.
public struct ModelSummary: Codable, Sendable {
    /// One tag.
    public struct Tag: Codable, Sendable {
        /// `tag`.
        public var tag: String
        /// `digest`: the version it points at.
        public var digest: String
        /// `updated`: when it last moved (ISO 8601).
        public var updated: String

        /// A tag.
        public init(tag: String, digest: String, updated: String) {
            self.tag = tag
            self.digest = digest
            self.updated = updated
        }
    }

    /// One version.
    public struct Version: Codable, Sendable {
        /// `digest`.
        public var digest: String
        /// `published` (ISO 8601).
        public var published: String
        /// `manifestSize`: bytes of the manifest.
        public var manifestSize: Int64
        /// `weightBytes`: bytes of the weights it names.
        public var weightBytes: Int64
        /// `tags` pointing at it.
        public var tags: [String]
        /// `parent`: `name@sha256:…`, or null.
        @NullEncoded public var parent: String?
        /// `downloads`.
        public var downloads: Int64

        /// A version.
        public init(digest: String, published: String, manifestSize: Int64, weightBytes: Int64, tags: [String],
                    parent: String?, downloads: Int64) {
            self.digest = digest
            self.published = published
            self.manifestSize = manifestSize
            self.weightBytes = weightBytes
            self.tags = tags
            self.parent = parent
            self.downloads = downloads
        }
    }

    /// `name`: `[namespace/]name`.
    public var name: String
    /// `namespace`, null for an official model.
    @NullEncoded public var namespace: String?
    /// `official`: true for a model without a namespace.
    public var official: Bool
    /// `created` (ISO 8601).
    public var created: String
    /// `updated` (ISO 8601).
    public var updated: String
    /// `downloads`.
    public var downloads: Int64
    /// `head`: the head version's digest, null when the model has no tag.
    @NullEncoded public var head: String?
    /// `tags`.
    public var tags: [Tag]
    /// `versionCount`: how many versions the model has in all (`versions` holds one page of them).
    public var versionCount: Int
    /// `versions`: newest first; one page of them (the first 100 unless asked otherwise).
    public var versions: [Version]
    /// `nextCursor`: the next page of versions, null on the last page.
    @NullEncoded public var nextCursor: String?

    /// A summary.
    public init(name: String, namespace: String?, official: Bool, created: String, updated: String, downloads: Int64,
                head: String?, tags: [Tag], versionCount: Int, versions: [Version], nextCursor: String?) {
        self.name = name
        self.namespace = namespace
        self.official = official
        self.created = created
        self.updated = updated
        self.downloads = downloads
        self.head = head
        self.tags = tags
        self.versionCount = versionCount
        self.versions = versions
        self.nextCursor = nextCursor
    }
}
