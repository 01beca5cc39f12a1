import ContentStore
import Foundation
import HubServer
import Manifest
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A registry whose data directory is on a real, small file system (a 4 MiB tmpfs, mounted for the
/// test; this needs root, which the CI container and the sandbox have): every "disk full" is a 503
/// `DISK_FULL` that says so, and a cancelled session frees its space even when SQLite cannot write.
@Suite("full disk", .enabled(if: SmallFileSystem.canMount, "mounting a tmpfs needs root"),
       .enabled(if: TestBackends.blobsAreFolder, "fills the disk under the blob folder"), .serialized)
struct DiskFullTests {
    @Test("a monolithic PUT larger than the free space is a 503 DISK_FULL and leaves no temporary file")
    func monolithicPut() async throws {
        try await SmallFileSystem.with(megabytes: 4) { folder in
            try await TestRegistry.with(configure: { $0.dataDirectory = folder }) { registry in
                let data = Data((0..<6_000_000).map { UInt8(truncatingIfNeeded: $0 &* 3 &+ $0 >> 8) })
                let response = try await registry.request("PUT", "/v1/blobs/\(Digest.sha256(of: data))", body: data,
                                                          token: registry.tokens.alice)
                #expect(response.status == 503)
                #expect(response.errorCode == "DISK_FULL", "\(response.text)")
                #expect(response.text.contains("disk is full"))
                #expect(!response.text.contains(folder.path))
                let temporary = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("blobs/tmp").path)
                #expect(temporary.isEmpty)
            }
        }
    }

    @Test("chunks, new sessions and publishes on a full disk are 503 DISK_FULL; cancelling frees the space",
          .enabled(if: TestBackends.isDefaultDatabase, "it fills the disk SQLite's file is on; PostgreSQL's is elsewhere"))
    func chunkedUploadAndSQLite() async throws {
        try await SmallFileSystem.with(megabytes: 4) { folder in
            try await TestRegistry.with(configure: { $0.dataDirectory = folder }) { registry in
                let model = SyntheticModel.make(name: "alice/full", blobSize: 2000)
                for (digest, data) in model.blobs {
                    _ = try await registry.request("PUT", "/v1/blobs/\(digest)", body: data, token: registry.tokens.alice)
                }
                let started = try await registry.request("POST", "/v1/uploads", token: registry.tokens.alice)
                let id = try #require(started.object["id"] as? String)
                let big = Data(repeating: 5, count: 6_000_000)
                let chunk = try await registry.request("PATCH", "/v1/uploads/\(id)", body: big, token: registry.tokens.alice)
                #expect(chunk.status == 503)
                #expect(chunk.errorCode == "DISK_FULL", "\(chunk.text)")
                #expect(!chunk.text.contains(folder.path))

                // The disk is full now: SQLite's write-ahead log cannot grow either.
                var refused: WireResponse?
                for _ in 0..<3000 {
                    let response = try await registry.request("POST", "/v1/uploads", token: registry.tokens.alice)
                    if response.status != 202 { refused = response; break }
                }
                let full = try #require(refused)
                #expect(full.status == 503)
                #expect(full.errorCode == "DISK_FULL", "\(full.text)")
                let rows = try registry.data.database.writeNow { db in try db.query("SELECT id FROM uploads") { $0.text(0) } }
                let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("uploads").path)
                #expect(Set(files) == Set(rows), "a refused session left a file without its row")
                let publish = try await registry.publish(model.bytes, to: model.manifest.name, token: registry.tokens.alice)
                #expect(publish.status == 503)
                #expect(publish.errorCode == "DISK_FULL", "\(publish.text)")

                let before = SmallFileSystem.freeBytes(folder)
                let cancelled = try await registry.request("DELETE", "/v1/uploads/\(id)", token: registry.tokens.alice)
                #expect(cancelled.status == 204, "\(cancelled.text)")
                #expect(!FileManager.default.fileExists(atPath: registry.data.uploadPath(id)))
                #expect(SmallFileSystem.freeBytes(folder) > before + 1_000_000)
                let retried = try await registry.publish(model.bytes, to: model.manifest.name, token: registry.tokens.alice)
                #expect(retried.status == 201, "\(retried.text)")
            }
        }
    }
}

/// A tmpfs of a few megabytes mounted on a fresh folder for the length of a test.
enum SmallFileSystem {
    /// True when this process may mount a tmpfs (root, or CAP_SYS_ADMIN).
    static let canMount: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("hub-mount-probe-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard mountTmpfs(at: probe.path, options: "size=1m") else { return false }
        umount2(probe.path, Int32(MNT_DETACH))
        return true
    }()

    /// Mounts a tmpfs of `megabytes` MiB, runs `body` with its root, then unmounts and removes it.
    static func with<Result: Sendable>(megabytes: Int, _ body: (URL) async throws -> Result) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-small-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard mountTmpfs(at: folder.path, options: "size=\(megabytes)m") else {
            throw WireError("cannot mount a tmpfs on \(folder.path): \(String(cString: strerror(errno)))")
        }
        defer {
            umount2(folder.path, Int32(MNT_DETACH))
            try? FileManager.default.removeItem(at: folder)
        }
        return try await body(folder)
    }

    private static func mountTmpfs(at path: String, options: String) -> Bool {
        options.withCString { mount("tmpfs", path, "tmpfs", 0, $0) } == 0
    }

    /// Bytes still free on the file system holding `folder`.
    static func freeBytes(_ folder: URL) -> Int64 {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { return 0 }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }
}
