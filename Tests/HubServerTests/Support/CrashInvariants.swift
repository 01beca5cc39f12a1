import ContentStore
import Foundation
import HubServer
import Manifest

/// The promises a restarted registry must have kept (docs/guarantees.md), checked on its data directory
/// and over HTTP right after it starts, before any new traffic. Returns one sentence per broken promise.
struct CrashInvariants {
    let registry: CrashWorkload

    var data: URL { registry.hub.data }

    func check() async throws -> [String] {
        var broken: [String] = []
        let stored = try await storedBlobs(&broken)
        try publishedBlobs(stored, &broken)
        await acknowledgedBlobs(stored, &broken)
        try await acknowledgedVersions(&broken)
        try sessionFiles(&broken)
        try await openSessions(&broken)
        return broken
    }

    /// No partial blob is visible: every file under `sha256/` hashes to its name (a file already hashed
    /// in an earlier round is hashed again only if it is another file now). Returns digest -> size.
    private func storedBlobs(_ broken: inout [String]) async throws -> [Digest: Int64] {
        let store = try BlobStore(root: data.appendingPathComponent("blobs"))
        var sizes: [Digest: Int64] = [:]
        for digest in store.allDigests() {
            var info = stat()
            guard stat(store.path(for: digest), &info) == 0 else { continue }
            sizes[digest] = Int64(info.st_size)
            if await registry.ledger.hashed[digest] == info.st_ino { continue }
            if try Digest.sha256(ofFileAt: store.path(for: digest)) != digest {
                broken.append("blob \(digest) does not hash to its name (a partial or damaged blob is visible)")
            } else {
                await registry.ledger.markHashed(digest, file: info.st_ino)
            }
        }
        let temporary = try FileManager.default.contentsOfDirectory(atPath: store.root.appendingPathComponent("tmp").path)
        if !temporary.isEmpty { broken.append("start-up left \(temporary.count) temporary file(s) in blobs/tmp") }
        return sizes
    }

    /// Every published version's blobs exist with the size its manifest gives.
    private func publishedBlobs(_ stored: [Digest: Int64], _ broken: inout [String]) throws {
        let database = try registry.hub.openDatabase()
        let rows = try database.query("SELECT digest, size FROM version_blobs") { ($0.text(0), $0.int64(1)) }
        for (text, size) in rows {
            let digest = try Digest(parsing: text)
            if stored[digest] != size { broken.append("published blob \(text) is \(stored[digest].map(String.init) ?? "missing"), expected \(size) bytes") }
        }
    }

    private func acknowledgedBlobs(_ stored: [Digest: Int64], _ broken: inout [String]) async {
        for (digest, size) in await registry.ledger.blobs where stored[digest] != size {
            broken.append("acknowledged blob \(digest) (\(size) bytes) is \(stored[digest].map(String.init) ?? "missing")")
        }
    }

    private func acknowledgedVersions(_ broken: inout [String]) async throws {
        for (path, bytes) in await registry.ledger.versions {
            let response = try await registry.http.request("GET", path)
            if response.status != 200 || response.body != bytes { broken.append("acknowledged version \(path): \(response.status)") }
        }
    }

    /// Every session file has its row and every row its file (start-up cleaned what a kill left).
    private func sessionFiles(_ broken: inout [String]) throws {
        let database = try registry.hub.openDatabase()
        let rows = Set(try database.query("SELECT id FROM uploads") { $0.text(0) })
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("uploads").path))
        if rows != files {
            broken.append("upload sessions: rows without file \(rows.subtracting(files).sorted()), "
                          + "files without row \(files.subtracting(rows).sorted())")
        }
    }

    /// An interrupted session resumes from at least its acknowledged offset and finishes with the right
    /// blob; one that is gone must have been finishing, and then its blob is stored.
    private func openSessions(_ broken: inout [String]) async throws {
        let ledger = registry.ledger
        for (id, session) in await ledger.sessions {
            let status = try await registry.send("GET", "/v1/uploads/\(id)")
            let digest = Digest.sha256(of: session.data)
            if status.status == 200, let offset = status.object["offset"] as? Int {
                guard offset >= session.acknowledged, offset <= session.data.count else {
                    broken.append("session \(id) holds \(offset) bytes, \(session.acknowledged) were acknowledged")
                    continue
                }
                try await registry.complete(id, data: session.data, from: offset)
                if await ledger.sessions[id] != nil { broken.append("session \(id) could not be resumed and finished") }
                await ledger.markResumed()
            } else if status.errorCode == "UPLOAD_UNKNOWN", session.finishing,
                      FileManager.default.fileExists(atPath: data.appendingPathComponent(
                          "blobs/sha256/\(digest.hex.prefix(2))/\(digest.hex)").path) {
                await ledger.close(id)
                await ledger.acknowledge(digest, size: session.data.count)
            } else {
                broken.append("session \(id) (acknowledged \(session.acknowledged) bytes, finishing: \(session.finishing)) "
                              + "answers \(status.status) \(status.text)")
            }
        }
    }
}
