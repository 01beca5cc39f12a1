import Foundation
import HubServer

/// The targets of the server's `/hf` routes: request paths, queries and bodies it parses itself.
enum HuggingFaceServerTargets {
    /// The input as a raw request path (still percent-encoded), read by the read routes and by the write
    /// routes for each method. A file path accepted must be a path inside the repository.
    static func path(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        let rawPath = String(decoding: bytes, as: UTF8.self)
        for method in ["POST", "PUT", "GET"] { _ = ParserEntryPoints.huggingFaceWritePath(method: method, rawPath: rawPath) }
        guard let readings = try? ParserEntryPoints.huggingFaceReadPath(rawPath) else { return }
        for reading in readings {
            guard let filePath = reading.filePath, !filePath.isEmpty else { continue }
            let segments = filePath.split(separator: "/", omittingEmptySubsequences: false)
            guard segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }), !filePath.contains("\0") else {
                throw FuzzFailure("path \(rawPath.debugDescription) reads as file path \(filePath.debugDescription)")
            }
        }
    }

    /// The input as a query string (without the `?`): `QueryParameters`, then `ListModelsQuery`. An
    /// accepted cursor prints as text that reads back as the same cursor.
    static func query(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        guard let pairs = try? ParserEntryPoints.huggingFaceQuery(String(decoding: bytes, as: UTF8.self)),
              let cursor = try? ParserEntryPoints.listModelsQuery(pairs) else { return }
        guard (try? ParserEntryPoints.listModelsQuery([("cursor", cursor)])) == cursor else {
            throw FuzzFailure("the cursor \(cursor) does not read back as itself")
        }
    }

    /// The input as a commit body (ndjson). An accepted path must be a path inside the repository.
    static func commit(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        guard let paths = try? ParserEntryPoints.commitPayload(Data(bytes)) else { return }
        for path in paths {
            let segments = path.split(separator: "/", omittingEmptySubsequences: false)
            guard segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }), !path.contains("\0") else {
                throw FuzzFailure("the commit accepted the path \(path.debugDescription)")
            }
        }
    }

    /// The input as a preupload body; every file gets `lfs` or `regular`.
    static func preupload(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        guard let files = try? ParserEntryPoints.preuploadRequest(Data(bytes)) else { return }
        if let file = files.first(where: { $0.uploadMode != "lfs" && $0.uploadMode != "regular" }) {
            throw FuzzFailure("preupload answered upload mode \(file.uploadMode) for \(file.path.debugDescription)")
        }
    }

    /// The input as an LFS batch body; sizes are never negative.
    static func lfsBatch(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        guard let objects = try? ParserEntryPoints.lfsBatchRequest(Data(bytes)) else { return }
        if let object = objects.first(where: { $0.size < 0 }) {
            throw FuzzFailure("the LFS batch accepted size \(object.size) for \(object.oid.debugDescription)")
        }
    }

    /// The input as an `application/x-www-form-urlencoded` body (`paths-info`).
    static func form(_ bytes: UnsafeRawBufferPointer) {
        _ = try? ParserEntryPoints.formBody(Data(bytes))
    }

    /// The key the signed-upload target signs with (any 32 bytes: the fuzzer does not know it).
    private static let signingKey = Data((0..<32).map { UInt8($0) })
    /// The time the signed-upload target checks expiries at (fixed, so runs repeat).
    private static let now: Int64 = 1_800_000_000

    /// The input as an upload URL (`/hf/api/lfs/objects/<oid>?size=&expires=&signature=`): the `PUT`
    /// route's path, then its signature and expiry checked. The URL the server would sign for the same
    /// object must parse back to itself and pass the check until it expires; after, it is refused.
    static func signedUpload(_ bytes: UnsafeRawBufferPointer) throws(FuzzFailure) {
        let url = String(decoding: bytes, as: UTF8.self)
        guard let (oid, query) = putTarget(url) else { return }
        try? ParserEntryPoints.verifySignedUpload(oidHex: oid, query: query, key: signingKey, now: now)
        guard let signed = try? ParserEntryPoints.signedUploadURL(oidHex: oid, query: query, key: signingKey) else { return }
        guard let (signedOid, signedQuery) = putTarget(signed),
              let again = try? ParserEntryPoints.signedUploadURL(oidHex: signedOid, query: signedQuery, key: signingKey),
              again == signed else {
            throw FuzzFailure("the signed upload URL \(signed) does not parse back to itself")
        }
        do {
            try ParserEntryPoints.verifySignedUpload(oidHex: signedOid, query: signedQuery, key: signingKey,
                                                     now: Int64(signedQuery["expires"] ?? "") ?? now)
        } catch {
            throw FuzzFailure("the signed upload URL \(signed) fails its own check before it expires: \(error)")
        }
        // The server's own URL presented at `now`: valid, or refused as expired (never a trap).
        try? ParserEntryPoints.verifySignedUpload(oidHex: signedOid, query: signedQuery, key: signingKey, now: now)
    }

    /// The oid and the query (first value of each key, decoded) of a `PUT /hf/api/lfs/objects/{oid}`.
    private static func putTarget(_ url: String) -> (oid: String, query: [String: String])? {
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let oid = ParserEntryPoints.lfsUploadOid(rawPath: String(parts[0])),
              let pairs = try? ParserEntryPoints.huggingFaceQuery(parts.count > 1 ? String(parts[1]) : "") else { return nil }
        return (oid, Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
    }
}
