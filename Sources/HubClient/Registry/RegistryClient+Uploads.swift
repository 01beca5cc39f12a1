import ContentStore
import Foundation
import Manifest
import RegistryAPI

extension RegistryClient {
    /// The digests among `digests` that the registry does not store (asked 1,000 at a time).
    func missingBlobs(_ digests: [Digest]) throws(ClientError) -> Set<Digest> {
        var missing: Set<Digest> = []
        var start = 0
        while start < digests.count {
            let batch = Array(digests[start..<min(start + 1000, digests.count)])
            let body = Self.json(BlobCheckRequest(digests: batch))
            let response = try send(HTTPRequest("POST", url(Route.checkBlobs.path()), headers: ["Content-Type: application/json"],
                                                body: .data(body)), subject: "the blob check")
            missing.formUnion(try decode(BlobCheck.self, response, subject: "the blob check").missing)
            start += batch.count
        }
        return missing
    }

    /// Uploads a whole blob in one streamed `PUT /v1/blobs/{digest}`.
    func uploadBlob(_ digest: Digest, path: String, size: Int64, onBytes: ((Int64) -> Void)?) throws(ClientError) {
        let request = HTTPRequest("PUT", url(Route.putBlob.path(["digest": digest.description])), headers: ["Content-Type: application/octet-stream"],
                                  body: .file(path: path, offset: 0, length: size))
        _ = try send(request, subject: "the upload of blob \(digest)", onBytes: onBytes)
    }

    /// Publishes manifest bytes under `reference`'s tag.
    func publish(_ bytes: Data, as reference: Reference) throws(ClientError) -> Published {
        let tag = reference.tag ?? Reference.defaultTag
        let request = HTTPRequest("PUT", url(Route.publishManifest.path(model: reference, ["reference": tag])),
                                  headers: ["Content-Type: \(MediaType.manifestV1)"], body: .data(bytes))
        let response = try send(request, subject: "publishing \(reference.repository):\(tag)")
        return try decode(Published.self, response, subject: "publishing \(reference.repository):\(tag)")
    }
}
