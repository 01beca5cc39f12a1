import Foundation
import Manifest

/// A metric as the registry reports it in search hits and lineage nodes.
public struct RemoteMetric: Codable, Sendable, Equatable {
    /// `name`, e.g. `accuracy`.
    public var name: String
    /// `value`.
    public var value: Double
    /// `split`, e.g. `test`.
    public var split: String?
    /// `dataset`.
    public var dataset: String?

    /// `accuracy 0.913` style text.
    public var text: String { "\(name) \(String(format: "%.3f", value))" }
}

/// `GET /v1/search` answer.
public struct SearchResponse: Codable, Sendable {
    /// `results`: one hit per model.
    public var results: [SearchHit]
    /// `total`: matches of the query across all pages.
    public var total: Int?
    /// `nextCursor`: the next page, or nil.
    public var nextCursor: String?
}

/// One search hit, describing a model by its head version.
public struct SearchHit: Codable, Sendable {
    /// `name`: `[namespace/]name`.
    public var name: String
    /// `tag`: the head version's tag.
    public var tag: String?
    /// `digest`: the head version's manifest digest.
    public var digest: String?
    /// `architecture`: the variant, e.g. `efficientnet_lite0`.
    public var architecture: String?
    /// `family`: e.g. `efficientnet_lite`.
    public var family: String?
    /// `domain`: domain tags.
    public var domain: [String]?
    /// `task`.
    public var task: String?
    /// `license`.
    public var license: String?
    /// `summary`: the description's first line.
    public var summary: String?
    /// `headlineMetric`.
    public var headlineMetric: RemoteMetric?
    /// `downloads`.
    public var downloads: Int?
    /// `parent`: `name@sha256:…`.
    public var parent: String?
    /// `updated`.
    public var updated: String?
}

/// `GET /v1/models/{namespace}/{name}` answer.
public struct ModelSummary: Codable, Sendable {
    /// One tag.
    public struct Tag: Codable, Sendable {
        /// `tag`.
        public var tag: String
        /// `digest`.
        public var digest: String
        /// `updated`.
        public var updated: String?
    }

    /// One version.
    public struct Version: Codable, Sendable {
        /// `digest`.
        public var digest: String
        /// `published`.
        public var published: String?
        /// `manifestSize`.
        public var manifestSize: Int64?
        /// `weightBytes`.
        public var weightBytes: Int64?
        /// `tags`.
        public var tags: [String]?
        /// `parent`.
        public var parent: String?
        /// `downloads`.
        public var downloads: Int?
    }

    /// `name`.
    public var name: String
    /// `downloads`.
    public var downloads: Int?
    /// `head`: the head version's digest.
    public var head: String?
    /// `tags`.
    public var tags: [Tag]
    /// `versions`: newest first; one page of them (the first 100 unless asked otherwise).
    public var versions: [Version]
    /// `versionCount`: how many versions the model has in all (absent from registries before paging).
    public var versionCount: Int?
}

/// `GET /v1/models/{namespace}/{name}/lineage` answer.
public struct LineageGraph: Codable, Sendable {
    /// One version in the graph.
    public struct Node: Codable, Sendable {
        /// `id`: `name@digest`.
        public var id: String
        /// `name`.
        public var name: String
        /// `digest`.
        public var digest: String
        /// `tags`.
        public var tags: [String]?
        /// `architecture`.
        public var architecture: String?
        /// `task`.
        public var task: String?
        /// `headlineMetric`.
        public var headlineMetric: RemoteMetric?
        /// `generation`: 0 root, negative ancestors, positive descendants.
        public var generation: Int
    }

    /// One parent-child link.
    public struct Edge: Codable, Sendable {
        /// `parent`: node id.
        public var parent: String
        /// `child`: node id.
        public var child: String
        /// `relation`, e.g. `finetune`.
        public var relation: String?
        /// `strategy`, e.g. `top-k`.
        public var strategy: String?
    }

    /// `root`: the id of the version asked about.
    public var root: String
    /// `nodes`.
    public var nodes: [Node]
    /// `edges`.
    public var edges: [Edge]
}

/// `POST /v1/blobs/check` answer.
struct BlobCheckResponse: Codable {
    struct Present: Codable {
        var digest: Digest
        var size: Int64
    }

    var missing: [Digest]
    var present: [Present]?
}

/// An upload session (`POST`/`GET`/`PATCH /v1/uploads…`).
struct UploadSessionState: Codable {
    var id: String
    var offset: Int64
    var expires: String?
}

/// `{"errors":[{"code":…,"message":…,"detail":…}]}`.
struct RegistryErrorBody: Codable {
    struct Entry: Codable {
        var code: String
        var message: String
        var detail: JSONValue?
    }

    var errors: [Entry]
}
