import ContentStore
import Foundation
import HTTPTypes
import Hummingbird
import Manifest

/// Chunked, resumable upload sessions: `POST /v1/uploads`, `GET|PATCH|PUT|DELETE /v1/uploads/{id}`.
struct UploadController: Sendable {
    let uploads: UploadRepository
    let blobs: BlobStore
    let maxBlobBytes: Int64
    /// Sessions a request is writing to right now.
    let busy = LockedBox<Set<String>>([])

    func register(on router: Router<RegistryContext>) {
        router.post("/v1/uploads", use: start)
        router.get("/v1/uploads/:id", use: status)
        router.patch("/v1/uploads/:id", use: append)
        router.put("/v1/uploads/:id", use: finish)
        router.delete("/v1/uploads/:id", use: cancel)
    }

    @Sendable func start(_ request: Request, context: RegistryContext) async throws -> Response {
        let identity = try context.requireWriter()
        let body = try UploadStart(body: await request.collectSmallBody(limit: 64 << 10), maxBlobBytes: maxBlobBytes)
        let session = try await uploads.create(user: identity.user, digest: body.digest, size: body.size)
        return try Response.json(uploads.status(session, offset: 0), status: .accepted,
                                 headers: [.location: "/v1/uploads/\(session.id)", .hubUploadOffset: "0"])
    }

    @Sendable func status(_ request: Request, context: RegistryContext) async throws -> Response {
        let session = try await session(context)
        let offset = try await uploads.offset(session.id)
        return try Response.json(uploads.status(session, offset: offset), headers: [.hubUploadOffset: String(offset)])
    }

    @Sendable func append(_ request: Request, context: RegistryContext) async throws -> Response {
        let session = try await session(context)
        let offset = try await withSession(session.id) { try await write(request, to: session) }
        return try Response.json(uploads.status(session, offset: offset), status: .accepted,
                                 headers: [.hubUploadOffset: String(offset), .location: "/v1/uploads/\(session.id)"])
    }

    @Sendable func finish(_ request: Request, context: RegistryContext) async throws -> Response {
        let session = try await session(context)
        guard let text = request.uri.queryParameters["digest"].map(String.init) else {
            throw RegistryError(.digestInvalid, "finish the upload with ?digest=sha256:<hex> of the whole blob",
                                detail: ["expected": .null])
        }
        guard let digest = try? Digest(parsing: text) else { throw RegistryError.badDigest(text) }
        if let promised = session.expectedDigest, promised != digest {
            throw RegistryError(.digestInvalid, "the session was started for \(promised), not \(digest)",
                                detail: ["expected": .string(promised.description), "actual": .string(digest.description)])
        }
        let size: Int64 = try await withSession(session.id) {
            _ = try await write(request, to: session)
            let path = uploads.data.uploadPath(session.id)
            let blobs = self.blobs
            do {
                let size = try await Blocking.run { try blobs.adopt(fileAt: path, expected: digest, expectedSize: session.expectedSize) }
                try await uploads.remove(session.id)
                return size
            } catch {
                try? await uploads.remove(session.id)
                throw RegistryError(storing: error, digest: digest)
            }
        }
        return try Response.json(["digest": JSONValue.string(digest.description), "size": .number(Double(size))],
                                 status: .created,
                                 headers: [.location: "/v1/blobs/\(digest)", .hubContentDigest: digest.description])
    }

    @Sendable func cancel(_ request: Request, context: RegistryContext) async throws -> Response {
        let session = try await session(context)
        try await withSession(session.id) { try await uploads.remove(session.id) }
        return Response(status: .noContent)
    }

    private func session(_ context: RegistryContext) async throws -> UploadRepository.Session {
        let identity = try context.requireWriter()
        return try await uploads.session(context.parameters.get("id") ?? "", user: identity.user)
    }

    /// Runs `body` as the only request writing to session `id`; another one meanwhile gets `UPLOAD_BUSY`.
    private func withSession<Result>(_ id: String, _ body: () async throws -> Result) async throws -> Result {
        guard busy.withLock({ $0.insert(id).inserted }) else {
            throw RegistryError(.uploadBusy, "another request is still writing to upload \(id); retry in a second "
                + "(ask GET /v1/uploads/\(id) for the offset)", detail: ["id": .string(id)])
        }
        defer { busy.withLock { _ = $0.remove(id) } }
        return try await body()
    }

    /// Appends the request body at the session's offset (checked against `Content-Range`); returns the new offset.
    private func write(_ request: Request, to session: UploadRepository.Session) async throws -> Int64 {
        let offset = try await uploads.offset(session.id)
        let range = try request.headers[.contentRange].map { header throws(RegistryError) in
            try ContentRange(parsing: header, contentLength: request.headers[.contentLength])
        }
        if let range, range.start != offset {
            throw RegistryError(.uploadOffsetMismatch, "this chunk starts at byte \(range.start) but the session "
                + "holds \(offset) bytes; resume from byte \(offset)", detail: ["offset": .number(Double(offset))],
                headers: [.hubUploadOffset: String(offset)])
        }
        let file = Confined(try AppendFile(path: uploads.data.uploadPath(session.id)))
        defer { file.value.close() }
        do {
            let room = max(maxBlobBytes - offset, 0)
            _ = try await BodyStreaming.stream(request.body, limit: min(room, range?.length ?? room)) { try file.value.append($0) }
        } catch let error as RegistryError {
            try? await uploads.touch(session.id)
            throw error
        } catch {
            try? await uploads.touch(session.id)
            let kept = (try? await uploads.offset(session.id)) ?? offset
            throw RegistryError(.queryInvalid, "the chunk ended early (\(error)); the session keeps the \(kept) bytes "
                + "received: resume from there", detail: ["parameter": .string("body"), "offset": .number(Double(kept))])
        }
        try await uploads.touch(session.id)
        return try await uploads.offset(session.id)
    }
}
