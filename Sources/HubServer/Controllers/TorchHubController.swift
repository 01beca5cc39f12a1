import ContentStore
import Foundation
import HTTPTypes
import HuggingFace
import Hummingbird
import RegistryAPI

/// `GET /v1/models/{namespace}/{name}/torch/{reference}/{file}`: a version's `model.safetensors` (the
/// bytes `hub pull --output` writes) under the name `TorchHubFileName` gives it,
/// `<stem>-<sha256 prefix>.safetensors`. torch.hub caches by the URL's base name alone and, with
/// `check_hash=True`, checks the prefix against the file's SHA-256, so the name is unique per content;
/// any other name answers `BLOB_UNKNOWN` naming the right one.
struct TorchHubController: Sendable {
    let models: ModelRepository
    let blobs: any BlobStoring
    /// The versions' HF files (shared with the Hugging Face routes).
    let versionFiles: VersionFileSource

    func register(on router: Router<RegistryContext>) {
        router.on(.getTorchHubFile, use: get)
    }

    @Sendable func get(_ request: Request, context: RegistryContext) async throws -> Response {
        let name = try context.modelName()
        let stored = try await models.manifest(name.reference, selector: try context.selector())
        let files = try await versionFiles.files(versionID: stored.versionID, manifest: stored.bytes, digest: stored.digest)
        guard let weights = files.first(where: { $0.path == "model.safetensors" }) else {
            throw RegistryError.torchFileUnknown(name: name.repository, requested: "model.safetensors", expected: nil)
        }
        let expected = TorchHubFileName(repository: name.repository, sha256: weights.sha256).description
        let requested = context.parameters.get("file").map { $0.removingPercentEncoding ?? $0 } ?? ""
        guard requested == expected else {
            throw RegistryError.torchFileUnknown(name: name.repository, requested: requested, expected: expected)
        }
        var headers: HTTPFields = [.contentType: "application/octet-stream", .acceptRanges: "bytes",
                                   .eTag: "\"\(weights.sha256)\"", .hubContentDigest: stored.digest.description]
        var range: Range<Int64> = 0..<weights.size
        var status = HTTPResponse.Status.ok
        if let header = request.headers[.range] {
            guard let requested = ByteRange(parsing: header, size: weights.size) else {
                throw RegistryError(.rangeInvalid, "the range \"\(header.prefix(100))\" is not within this \(weights.size)-byte file",
                                    detail: ["size": .number(Double(weights.size))],
                                    headers: [.contentRange: "bytes */\(weights.size)"])
            }
            range = requested.lowerBound..<(requested.upperBound + 1)
            status = .partialContent
            headers[.contentRange] = "bytes \(requested.lowerBound)-\(requested.upperBound)/\(weights.size)"
        }
        headers[.contentLength] = String(range.count)
        guard request.method == .get else { return Response(status: status, headers: headers) }
        if range.lowerBound == 0 { try await models.countDownload(versionID: stored.versionID) }
        return Response(status: status, headers: headers,
                        body: VersionFileBody.body(weights.pieces(in: range), length: Int64(range.count), blobs: blobs))
    }
}

extension RegistryError {
    /// `BLOB_UNKNOWN` for a torch.hub file name that is not this version's.
    static func torchFileUnknown(name: String, requested: String, expected: String?) -> RegistryError {
        let hint = expected.map { "; this version's weights are \($0)" } ?? ""
        return RegistryError(.blobUnknown, "\"\(requested.prefix(200))\" is not a file of \(name) at this version\(hint)",
                             detail: ["file": .string(String(requested.prefix(200)))])
    }
}
