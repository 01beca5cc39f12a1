import ContentStore
import Foundation
import HTTPTypes
import Hummingbird
import Manifest

/// The plain-LFS upload: the batch hands out signed upload URLs, the `PUT` (which carries no token)
/// stores the bytes as a blob under their sha256, and `verify` confirms them. The stored whole-file
/// blob is referenced by no manifest: the commit splits it into weight groups, and `hub admin gc`
/// collects it once its grace period (restarted by the `PUT`, the batch and the commit) has passed.
extension HuggingFaceWriteController {
    /// `POST /hf/{repo}.git/info/lfs/objects/batch`.
    func lfsBatch(_ request: Request, context: RegistryContext, model: ModelName) async throws -> Response {
        _ = try context.requireWriter(namespace: model.namespace)
        let batch = try LFSBatchRequest(parsing: await HuggingFaceBody.collect(request, limit: LFSBatchRequest.maximumBodyBytes))
        guard let base = request.externalBaseURL else {
            throw HuggingFaceBody.invalid("the request has no usable Host header, so no upload URL can be given")
        }
        let key = try signingKeys.key()
        let expires = Int64(Date().timeIntervalSince1970) + SignedUpload.lifetimeSeconds
        let blobs = self.blobs
        let maxBlobBytes = self.maxBlobBytes
        let objects = try await Blocking.run {
            try batch.objects.map { object in
                try Self.answer(object, blobs: blobs, maxBlobBytes: maxBlobBytes) { digest in
                    .upload(oid: object.oid, size: object.size,
                            upload: base + SignedUpload(oid: digest, size: object.size, expires: expires).pathAndQuery(key: key),
                            verify: base + Self.verifyPath, expiresIn: SignedUpload.lifetimeSeconds)
                }
            }
        }
        var response = try Response.json(LFSBatchResponse(objects: objects))
        response.headers[.contentType] = LFSBatchResponse.mediaType
        return response
    }

    /// One object's answer: refused, already stored (its grace period restarts so it survives until the
    /// commit), or to upload.
    static func answer(_ object: LFSBatchRequest.Object, blobs: any BlobStoring, maxBlobBytes: Int64,
                       upload: (Digest) -> LFSBatchResponse.Object) throws -> LFSBatchResponse.Object {
        guard let digest = object.digest else {
            return .refused(oid: object.oid, size: object.size, code: 422,
                            message: "oid \"\(object.oid.prefix(80))\" is not a sha256 (64 lowercase hex digits)")
        }
        guard object.size <= maxBlobBytes else {
            return .refused(oid: object.oid, size: object.size, code: 413,
                            message: "the object is \(object.size.formattedBytes); this registry accepts at most "
                                + "\(maxBlobBytes.formattedBytes) (`hub serve --max-blob-bytes`)")
        }
        switch try blobs.storedSize(of: digest) {
        case object.size? where try blobs.refresh(digest):
            return .stored(oid: object.oid, size: object.size)
        case let stored? where stored != object.size:
            return .refused(oid: object.oid, size: object.size, code: 422,
                            message: "an object with this oid is stored with \(stored) bytes, not \(object.size)")
        default:
            return upload(digest)
        }
    }

    /// `PUT /hf/api/lfs/objects/{oid}?size=&expires=&signature=`: no token; the signature is the permission.
    func putObject(_ request: Request, oidHex: String) async throws -> Response {
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) },
                               uniquingKeysWith: { first, _ in first })
        let upload = try SignedUpload(oidHex: oidHex, query: query)
        try upload.verify(signature: query["signature"] ?? "", key: signingKeys.key(),
                          now: Int64(Date().timeIntervalSince1970))
        guard upload.size <= maxBlobBytes else {
            throw HuggingFaceAPIError(.contentTooLarge, .badRequest, "the object is \(upload.size.formattedBytes); this "
                + "registry accepts at most \(maxBlobBytes.formattedBytes)")
        }
        if let declared = request.headers[.contentLength], declared != String(upload.size) {
            throw HuggingFaceBody.invalid("the body is \(declared) bytes but the upload URL is for \(upload.size)")
        }
        _ = try await blobs.store(request.body, as: upload.oid, expectedSize: upload.size, limit: upload.size)
        return Response(status: .ok)
    }

    /// `POST /hf/api/lfs/verify` `{"oid","size"}`: 200 when the object is stored with that size.
    func verifyObject(_ request: Request, context: RegistryContext) async throws -> Response {
        _ = try context.requireWriter()
        let body = try HuggingFaceBody.object(await HuggingFaceBody.collect(request, limit: 64 << 10),
                                              expected: "{\"oid\":<sha256 hex>,\"size\":<bytes>}")
        let oid = try HuggingFaceBody.string(body["oid"], at: "oid")
        let size = try HuggingFaceBody.byteCount(body["size"], at: "size")
        guard let digest = try? Digest(sha256Hex: oid) else {
            throw HuggingFaceBody.invalid("oid \"\(oid.prefix(80))\" is not a sha256 (64 lowercase hex digits)")
        }
        let blobs = self.blobs
        let stored = try await Blocking.run { try blobs.storedSize(of: digest) }
        guard let stored else {
            throw HuggingFaceAPIError(.notFound, .entryNotFound, "object \(oid) is not stored: upload it first")
        }
        guard stored == size else {
            throw HuggingFaceBody.invalid("object \(oid) is stored with \(stored) bytes, not \(size)")
        }
        return try Response.json(["oid": oid], status: .ok)
    }
}
