import ContentStore
import Foundation
import HTTPTypes
import Hummingbird
import Manifest
import ObjectStore
import RegistryAPI

/// `GET|HEAD /v1/blobs/{digest}` (with Range), `PUT /v1/blobs/{digest}`, `POST /v1/blobs/check`.
struct BlobController: Sendable {
    let blobs: any BlobStoring
    let maxBlobBytes: Int64
    /// Seconds a presigned URL lives when blob GETs redirect to the object store (nil: stream through).
    var redirectSeconds: Int? = nil
    let fileIO = FileIO()

    func register(on router: Router<RegistryContext>) {
        router.on(.getBlob, use: get)
        router.on(.putBlob, use: put)
        router.on(.checkBlobs, use: check)
    }

    @Sendable func get(_ request: Request, context: RegistryContext) async throws -> Response {
        let digest = try context.digestParameter()
        let blobs = self.blobs
        guard let size = try await Blocking.run({ try blobs.storedSize(of: digest) }) else {
            throw RegistryError.blobUnknown(digest)
        }
        if let redirectSeconds, let objects = blobs as? ObjectBlobStore {
            // The client follows it, sending its Range header but not its token (another origin).
            return Response(status: .temporaryRedirect, headers: [
                .location: objects.presignedURL(for: digest, lifetime: redirectSeconds),
                .hubContentDigest: digest.description, .cacheControl: "no-store",
            ])
        }
        var headers = Self.blobHeaders(digest: digest)
        guard let rangeHeader = request.headers[.range] else {
            headers[.contentLength] = String(size)
            let body = size == 0 ? ResponseBody() : try await body(digest, range: 0...(size - 1), context: context)
            return Response(status: .ok, headers: headers, body: body)
        }
        guard let range = ByteRange(parsing: rangeHeader, size: size) else {
            throw RegistryError(.rangeInvalid, "the range \"\(rangeHeader)\" is not within this \(size)-byte blob; "
                + "ask for bytes=START-END with END < \(size)", detail: ["size": .number(Double(size))],
                headers: [.contentRange: "bytes */\(size)"])
        }
        headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
        headers[.contentLength] = String(range.count)
        let body = try await body(digest, range: range.lowerBound...range.upperBound, context: context)
        return Response(status: .partialContent, headers: headers, body: body)
    }

    /// The headers of a blob's 200 or 206, before `Content-Range` and `Content-Length`. Shared with
    /// `BlobFileHandler`, which must answer exactly as this route does.
    static func blobHeaders(digest: Digest) -> HTTPFields {
        [.contentType: "application/octet-stream", .acceptRanges: "bytes",
         .hubContentDigest: digest.description, .eTag: "\"\(digest)\""]
    }

    /// The folder's file through Hummingbird's FileIO, or the object store's bytes streamed through in
    /// ranged reads of `StreamedBlobBody.chunkLength`.
    private func body(_ digest: Digest, range: ClosedRange<Int64>, context: RegistryContext) async throws -> ResponseBody {
        if let folder = blobs as? BlobStore {
            return try await fileIO.loadFile(path: folder.path(for: digest), range: Int(range.lowerBound)...Int(range.upperBound),
                                             context: context, chunkLength: 256 << 10)
        }
        return StreamedBlobBody.body(digest, range: range, blobs: blobs)
    }

    @Sendable func put(_ request: Request, context: RegistryContext) async throws -> Response {
        _ = try context.requireWriter()
        let digest = try context.digestParameter()
        let declared = try request.declaredLength(limit: maxBlobBytes)
        let size = try await blobs.store(request.body, as: digest, expectedSize: declared, limit: maxBlobBytes)
        return try Response.json(StoredBlob(digest: digest, size: size), status: .created,
                                 headers: [.location: Route.getBlob.path(["digest": digest.description]),
                                           .hubContentDigest: digest.description])
    }

    /// Body `{"digests":[...]}`: which are missing. For a caller with a write token, present blobs
    /// restart their grace period (`BlobStore.refresh`), which protects them from `hub admin gc` while
    /// the client publishes; an anonymous or read-only check only answers, so it cannot keep garbage alive.
    @Sendable func check(_ request: Request, context: RegistryContext) async throws -> Response {
        let data = try await request.collectSmallBody(limit: 1 << 20)
        let form = "{\"digests\": [\"sha256:…\", …]}"
        let document = try JSONBody.parse(data, expected: form)
        guard let list = document["digests"]?.arrayValue else {
            throw JSONBody.invalid("digests", "must be an array of digests: the body must be \(form)")
        }
        let limit = BlobCheckRequest.maximumDigests
        guard list.count <= limit else {
            throw RegistryError(.tooLarge, "at most 1,000 digests per check, got \(list.count); split the list",
                                detail: ["limit": .number(Double(limit))])
        }
        let digests = try list.map { value -> Digest in
            guard let text = value.stringValue, let digest = try? Digest(parsing: text) else {
                throw RegistryError.badDigest(value.stringValue ?? value.kindName)
            }
            return digest
        }
        let blobs = self.blobs
        let protects = (try? context.requireWriter()) != nil
        let sizes = try await Blocking.run {
            var sizes = try digests.map { try blobs.storedSize(of: $0) }
            guard protects else { return sizes }
            // A blob gc removed since it was found present is reported missing.
            let present = sizes.indices.filter { sizes[$0] != nil }
            for (index, kept) in zip(present, try blobs.refresh(present.map { digests[$0] })) where !kept {
                sizes[index] = nil
            }
            return sizes
        }
        let missing = zip(digests, sizes).filter { $0.1 == nil }.map(\.0)
        let present = zip(digests, sizes).compactMap { digest, size in size.map { BlobCheck.Present(digest: digest, size: $0) } }
        return try Response.json(BlobCheck(missing: missing, present: present))
    }
}

extension RegistryContext {
    /// The `{digest}` path parameter, parsed.
    func digestParameter(_ name: String = "digest") throws -> Digest {
        let text = parameters.get(name).map { $0.removingPercentEncoding ?? $0 } ?? ""
        guard let digest = try? Digest(parsing: text) else { throw RegistryError.badDigest(text) }
        return digest
    }
}

extension Request {
    /// `Content-Length` if given, refusing more than `limit` with `TOO_LARGE`.
    func declaredLength(limit: Int64) throws -> Int64? {
        guard let text = headers[.contentLength] else { return nil }
        guard let length = Int64(digits: text) else {
            throw RegistryError(.queryInvalid, "Content-Length \"\(text)\" is not a byte count",
                                detail: ["parameter": .string("Content-Length")])
        }
        guard length <= limit else {
            throw RegistryError(.tooLarge, "the blob is \(length.formattedBytes); this registry accepts at most "
                + "\(limit.formattedBytes) (`hub serve --max-blob-bytes`)", detail: ["limit": .number(Double(limit))])
        }
        return length
    }
}

extension RegistryError {
    static func blobUnknown(_ digest: Digest) -> RegistryError {
        RegistryError(.blobUnknown, "blob \(digest) is not stored in this registry", detail: ["digest": .string(digest.description)])
    }
}
