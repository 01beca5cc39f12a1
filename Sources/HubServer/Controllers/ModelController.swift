import Foundation
import HTTPTypes
import Hummingbird
import Manifest
import RegistryAPI

/// Model summaries, manifests (get, publish), tags and lineage under `/v1/models/{namespace}/{name}`.
struct ModelController: Sendable {
    let models: ModelRepository
    let maxManifestBytes: Int
    /// Most nodes one lineage answer lists (`ServerConfiguration.maxLineageNodes`).
    var maxLineageNodes = LineageGraph.defaultMaximumNodes

    func register(on router: Router<RegistryContext>) {
        router.on(.getModel, use: summary)
        router.on(.getManifest, use: manifest)
        router.on(.publishManifest, use: publish)
        router.on(.deleteTag, use: deleteTag)
        router.on(.getLineage, use: lineage)
    }

    @Sendable func summary(_ request: Request, context: RegistryContext) async throws -> Response {
        let name = try context.modelName()
        let query = request.uri.queryParameters
        let page = try VersionPage(limit: query["limit"].map(String.init), cursor: query["cursor"].map(String.init))
        return try Response.json(try await models.summary(name.reference, page: page))
    }

    @Sendable func manifest(_ request: Request, context: RegistryContext) async throws -> Response {
        let name = try context.modelName()
        let selector = try context.selector()
        let stored = try await models.manifest(name.reference, selector: selector)
        let headers = Self.manifestHeaders(digest: stored.digest)
        if let match = request.headers[.ifNoneMatch],
           match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == stored.digest.description }) {
            return Response(status: .notModified, headers: headers)
        }
        if Self.countsDownload(request.head) {
            try await models.countDownload(versionID: stored.versionID)
        }
        var withLength = headers
        withLength[.contentLength] = String(stored.bytes.count)
        return Response(status: .ok, headers: withLength, body: .init(byteBuffer: ByteBuffer(bytes: stored.bytes)))
    }

    /// The headers of a manifest answer (before its length): ETag, the digest, the media type. Shared
    /// with `CachedManifestHandler`, which must answer exactly as this route does.
    static func manifestHeaders(digest: Digest) -> HTTPFields {
        [.eTag: "\"\(digest)\"", .hubContentDigest: digest.description, .contentType: MediaType.manifestV1]
    }

    /// Whether a manifest answer to `request` counts as a download: a GET not marked `Hub-Intent: info`.
    static func countsDownload(_ request: HTTPRequest) -> Bool {
        request.method == .get && request.headerFields[.hubIntent]?.lowercased() != Intent.info.rawValue
    }

    @Sendable func publish(_ request: Request, context: RegistryContext) async throws -> Response {
        let name = try context.modelName()
        _ = try context.requireWriter(namespace: name.namespace)
        guard case let .tag(tag) = try context.selector() else {
            throw RegistryError(.nameInvalid, "publish under a tag (PUT …/manifests/latest), not a digest: "
                + "the digest is computed from the bytes", detail: ["reference": .string(context.parameters.get("reference") ?? "")])
        }
        let bytes = try await request.collectSmallBody(limit: maxManifestBytes)
        let published = try await models.publish(bytes, as: name.reference, tag: tag)
        return try Response.json(published, status: published.created ? .created : .ok, headers: [
            .location: Route.getManifest.path(model: name.reference, ["reference": published.digest]),
            .hubContentDigest: published.digest,
        ])
    }

    @Sendable func deleteTag(_ request: Request, context: RegistryContext) async throws -> Response {
        let name = try context.modelName()
        _ = try context.requireWriter(namespace: name.namespace)
        let tag = try context.tagParameter("tag")
        try await models.deleteTag(name.reference, tag: tag)
        return Response(status: .noContent)
    }

    @Sendable func lineage(_ request: Request, context: RegistryContext) async throws -> Response {
        let name = try context.modelName()
        let query = request.uri.queryParameters
        let selector = try Self.selector(String(query["ref"] ?? "latest"))
        let depthText = String(query["depth"] ?? "5")
        guard let depth = Int(digits: depthText), (1...LineageGraph.maximumDepth).contains(depth) else {
            throw RegistryError(.queryInvalid, "depth must be a whole number from 1 to \(LineageGraph.maximumDepth), "
                + "got \"\(depthText)\"", detail: ["parameter": .string("depth")])
        }
        let directionText = String(query["direction"] ?? "both")
        guard let direction = LineageGraph.Direction(rawValue: directionText) else {
            throw RegistryError(.queryInvalid, "direction must be both, ancestors or descendants, got \"\(directionText)\"",
                                detail: ["parameter": .string("direction")])
        }
        let root = try await models.manifest(name.reference, selector: selector)
        return try Response.json(try await models.lineage(around: root, depth: depth, direction: direction,
                                                          maximumNodes: maxLineageNodes))
    }

    /// A tag or a digest.
    static func selector(_ text: String) throws -> Reference.Selector {
        if text.hasPrefix("sha256:") {
            guard let digest = try? Digest(parsing: text) else { throw RegistryError.badDigest(text) }
            return .digest(digest)
        }
        do {
            guard let tag = try Reference(parsing: "x:\(text)").tag else { throw RegistryError.badName(text, "not a tag") }
            return .tag(tag)
        } catch let error as ReferenceError {
            throw RegistryError.badName(text, "not a valid tag: \(error.description)")
        }
    }
}

extension RegistryContext {
    /// The `{namespace}/{name}` path parameters.
    func modelName() throws -> ModelName {
        try ModelName(namespace: decoded("namespace"), name: decoded("name"))
    }

    /// The `{reference}` path parameter: a tag or a digest.
    func selector() throws -> Reference.Selector { try ModelController.selector(decoded("reference")) }

    /// A tag path parameter.
    func tagParameter(_ key: String) throws -> String {
        guard case let .tag(tag) = try ModelController.selector(decoded(key)) else {
            throw RegistryError.badName(decoded(key), "expected a tag, not a digest")
        }
        return tag
    }

    private func decoded(_ key: String) -> String {
        parameters.get(key).map { $0.removingPercentEncoding ?? $0 } ?? ""
    }
}
