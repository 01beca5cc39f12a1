import ContentStore
import Foundation
import HTTPTypes
import Hummingbird
import Manifest
import RegistryAPI

/// Chunked, resumable upload sessions: `POST /v1/uploads`, `GET|PATCH|PUT|DELETE /v1/uploads/{id}`.
struct UploadController: Sendable {
    let uploads: UploadRepository
    let blobs: any BlobStoring
    let maxBlobBytes: Int64
    /// Sessions a request is writing to right now, and what it does.
    let busy = LockedBox<[String: Activity]>([:])

    /// What the request holding a session is doing.
    enum Activity {
        /// Appending a chunk, or cancelling.
        case writing
        /// The finishing `PUT`: receiving its last chunk, then hashing and storing the blob. The
        /// offset is known once the last chunk is in (the file may then already be the blob).
        case finishing(offset: Int64?)

        var isFinishing: Bool {
            if case .finishing = self { return true }
            return false
        }
    }

    func register(on router: Router<RegistryContext>) {
        router.on(.startUpload, use: start)
        router.on(.getUpload, use: status)
        router.on(.appendUpload, use: append)
        router.on(.finishUpload, use: finish)
        router.on(.cancelUpload, use: cancel)
    }

    @Sendable func start(_ request: Request, context: RegistryContext) async throws -> Response {
        let identity = try context.requireWriter()
        let body = try UploadStart(parsing: await request.collectSmallBody(limit: 64 << 10), maxBlobBytes: maxBlobBytes)
        let session = try await uploads.create(user: identity.user, digest: body.digest, size: body.size)
        return try Response.json(uploads.status(session, offset: 0), status: .accepted,
                                 headers: [.location: Route.getUpload.path(["id": session.id]), .hubUploadOffset: "0"])
    }

    /// The session's offset; `state` is `finishing` while its finishing `PUT` runs (then the offset is
    /// the bytes received so far), and once finished or cancelled the session is `UPLOAD_UNKNOWN`.
    @Sendable func status(_ request: Request, context: RegistryContext) async throws -> Response {
        let session = try await session(context)
        let offset: Int64
        do {
            offset = try await uploads.offset(session.id)
        } catch {
            // The file is gone: finished, cancelled, or being stored as the blob right now.
            guard case .finishing(let known?)? = busy.withLock({ $0[session.id] }) else { throw error }
            offset = known
        }
        let finishing = busy.withLock { $0[session.id]?.isFinishing ?? false }
        return try Response.json(uploads.status(session, offset: offset, finishing: finishing),
                                 headers: [.hubUploadOffset: String(offset)])
    }

    @Sendable func append(_ request: Request, context: RegistryContext) async throws -> Response {
        let session = try await session(context)
        let offset = try await withSession(session.id, .writing) { try await write(request, to: session) }
        return try Response.json(uploads.status(session, offset: offset), status: .accepted,
                                 headers: [.hubUploadOffset: String(offset), .location: Route.getUpload.path(["id": session.id])])
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
        let size: Int64 = try await withSession(session.id, .finishing(offset: nil)) {
            let offset = try await write(request, to: session)
            busy.withLock { $0[session.id] = .finishing(offset: offset) }
            let blobs = self.blobs, sessions = uploads.data.sessions
            do {
                let size = try await Blocking.run {
                    try sessions.store(session.id, into: blobs, expected: digest, expectedSize: session.expectedSize)
                }
                try await uploads.remove(session.id)
                return size
            } catch {
                try? await uploads.remove(session.id)
                throw RegistryError.storing(error, digest: digest)
            }
        }
        return try Response.json(StoredBlob(digest: digest, size: size), status: .created,
                                 headers: [.location: Route.getBlob.path(["digest": digest.description]),
                                           .hubContentDigest: digest.description])
    }

    @Sendable func cancel(_ request: Request, context: RegistryContext) async throws -> Response {
        let session = try await session(context)
        try await withSession(session.id, .writing) { try await uploads.remove(session.id) }
        return Response(status: .noContent)
    }

    private func session(_ context: RegistryContext) async throws -> UploadRepository.Session {
        let identity = try context.requireWriter()
        return try await uploads.session(context.parameters.get("id") ?? "", user: identity.user)
    }

    /// Runs `body` as the only request writing to session `id`, holding its claim (the lock on its file,
    /// or its claim in the shared database when its bytes are in a bucket, which keeps gc, the expiry
    /// sweep and other replicas away); another request meanwhile gets `UPLOAD_BUSY`.
    private func withSession<Result: Sendable>(_ id: String, _ activity: Activity, _ body: () async throws -> Result) async throws -> Result {
        let claimed = busy.withLock { sessions -> Bool in
            guard sessions[id] == nil else { return false }
            sessions[id] = activity
            return true
        }
        guard claimed else { throw RegistryError.uploadBusy(id) }
        defer { busy.withLock { _ = $0.removeValue(forKey: id) } }
        let sessions = uploads.data.sessions
        let lock: any SessionClaim
        switch try await Blocking.run({ Confined(sessions.claim(id)) }).value {
        case .claimed(let held): lock = held
        case .busy: throw RegistryError.uploadBusy(id)
        case .missing: throw RegistryError.uploadUnknown(id)
        }
        defer { lock.release() }
        guard !sessions.claimsHoldAcrossProcesses else { return try await body() }
        return try await uploads.whileClaimed(id, body)
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
        let sessions = uploads.data.sessions
        let file = try await Blocking.run { Confined(try sessions.appender(for: session.id, at: offset)) }
        do {
            let room = max(maxBlobBytes - offset, 0)
            _ = try await BodyStreaming.stream(request.body, limit: min(room, range?.length ?? room)) { try file.value.append($0) }
            try await Blocking.run { try file.value.commit() }
        } catch let error where error is RegistryError || error is StorageError {
            // The session keeps what arrived (the folder's file already has it; a chunk object is committed).
            try? await Blocking.run { try file.value.commit() }
            try? await uploads.touch(session.id)
            throw error
        } catch {
            try? await Blocking.run { try file.value.commit() }
            try? await uploads.touch(session.id)
            let kept = (try? await uploads.offset(session.id)) ?? offset
            throw RegistryError(.queryInvalid, "the chunk ended early (\(error)); the session keeps the \(kept) bytes "
                + "received: resume from there", detail: ["parameter": .string("body"), "offset": .number(Double(kept))])
        }
        try await uploads.touch(session.id)
        return try await uploads.offset(session.id)
    }
}
