import Manifest

extension ModelPage {
    /// What the server hands over to build the page: plain values it read from its repositories.
    public struct Input: Sendable {
        /// The version shown.
        public var manifest: ModelManifest
        /// Its manifest digest.
        public var digest: Digest
        /// The tag it was asked for (`latest` when none), nil when asked for by digest.
        public var tag: String?
        /// The model's versions, newest first (one page of them).
        public var versions: [Version]
        /// True when the model has more versions than `versions` lists.
        public var moreVersions: Bool
        /// The parent version's manifest, when the lineage names one and this registry holds it.
        public var parent: ModelManifest?
        /// How clients reach this registry, for the copy-paste commands.
        public var access: Access
        /// The layout's parts.
        public var chrome: PageChrome

        /// The input of a model page.
        public init(manifest: ModelManifest, digest: Digest, tag: String?, versions: [Version], moreVersions: Bool,
                    parent: ModelManifest?, access: Access, chrome: PageChrome) {
            self.manifest = manifest
            self.digest = digest
            self.tag = tag
            self.versions = versions
            self.moreVersions = moreVersions
            self.parent = parent
            self.access = access
            self.chrome = chrome
        }
    }

    /// One version of the model, as the versions list shows it.
    public struct Version: Sendable {
        /// `sha256:…`.
        public var digest: String
        /// When it was published (ISO 8601).
        public var published: String
        /// The tags pointing at it.
        public var tags: [String]
        /// Bytes of its weights.
        public var weightBytes: Int64

        /// A version.
        public init(digest: String, published: String, tags: [String], weightBytes: Int64) {
            self.digest = digest
            self.published = published
            self.tags = tags
            self.weightBytes = weightBytes
        }
    }

    /// How a client reaches this registry: for `hub --registry`, `HF_ENDPOINT` and timm.
    public struct Access: Sendable {
        /// `scheme://host[:port]` as the browser reached the server, nil when the request did not say.
        public var registryURL: String?
        /// The version's Hugging Face commit id (the first 40 hex digits of its digest).
        public var commitID: String
        /// True when timm can build the architecture (`hf-hub:` loading works).
        public var timmCompatible: Bool

        /// The access details.
        public init(registryURL: String?, commitID: String, timmCompatible: Bool) {
            self.registryURL = registryURL
            self.commitID = commitID
            self.timmCompatible = timmCompatible
        }
    }
}
