import ContentStore
import Foundation
import HubTestSupport
@testable import HubClient
import HuggingFace
import Manifest
@testable import ModelStore
import Safetensors
import Testing

/// The real `hub` binary against a real `hub serve` on loopback.
@Suite("push and pull against a real registry")
final class PushPullTests {
    let registry: TestRegistry

    init() throws { registry = try TestRegistry() }

    /// Saves a model into the publisher's cache (as `hub import` / `hub finetune` would).
    @discardableResult
    func saveLocal(_ model: (manifest: ModelManifest, blobs: [Data])) throws -> CachedModel {
        try ModelCache(root: registry.cachePath("publisher")).saveLocal(manifest: model.manifest, blobs: model.blobs)
    }

    func push(_ reference: String) throws -> PushReport {
        let output = try registry.hubOK(["push", reference, "--json"], cache: "publisher", token: registry.token)
        return try JSONDecoder().decode(PushReport.self, from: Data(output.utf8))
    }

    func pull(_ arguments: [String], cache: String = "cache", extra: [String: String] = [:]) throws -> PullReport {
        let output = try registry.hubOK(["pull"] + arguments + ["--json"], cache: cache, extra: extra)
        return try JSONDecoder().decode(PullReport.self, from: Data(output.utf8))
    }

    @Test("hub info counts no download; hub pull counts one")
    func infoIsNotADownload() throws {
        _ = try saveLocal(TestModels.base())
        _ = try push("tests/base")
        let downloads = { () throws -> Int? in
            let json = try self.registry.hubOK(["search", "base", "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let hits = object?["results"] as? [[String: Any]]
            return hits?.first { ($0["name"] as? String) == "tests/base" }?["downloads"] as? Int
        }
        try registry.hubOK(["info", "tests/base"])
        #expect(try downloads() == 0)
        _ = try pull(["tests/base"])
        #expect(try downloads() == 1)
    }

    @Test("hub info --json names the torch.hub URL, which serves the model.safetensors of hub pull --output")
    func torchHubURL() throws {
        _ = try saveLocal(TestModels.base())
        _ = try push("tests/base")
        let info = try JSONSerialization.jsonObject(with: Data(try registry.hubOK(["info", "tests/base", "--json"]).utf8))
        let url = try #require((info as? [String: Any])?["torchHubURL"] as? String)
        #expect(url.hasPrefix(registry.url + "/v1/models/tests/base/torch/sha256:"))
        let output = registry.directory.appendingPathComponent("export")
        _ = try pull(["tests/base", "--output", output.path])
        let expected = try Data(contentsOf: output.appendingPathComponent("model.safetensors"))
        let served = try HTTPTransport(token: nil, settings: TransferSettings()).send(HTTPRequest("GET", url))
        #expect(served.status == 200 && served.body == expected)
        let name = TorchHubFileName(repository: "tests/base", sha256: Digest.sha256(of: expected).hex).description
        #expect(url.hasSuffix("/" + name))
        #expect(try registry.hubOK(["info", "tests/base"]).contains("torch.hub: \(url)"))
    }

    @Test("a pushed model pulls back byte-identical, and --output writes a plain directory")
    func pushThenPull() throws {
        let base = TestModels.base()
        let saved = try saveLocal(base)
        let pushed = try push("tests/base")
        #expect(pushed.digest == saved.digest.description)
        #expect(pushed.bytesSent == base.manifest.totalWeightBytes && pushed.blobsUploaded == 2)

        let output = registry.directory.appendingPathComponent("export")
        let pulled = try pull(["tests/base", "--output", output.path])
        #expect(pulled.digest == saved.digest.description)
        #expect(pulled.bytesReceived == base.manifest.totalWeightBytes)
        let cache = try ModelCache(root: registry.cachePath("cache"))
        for (group, blob) in zip(base.manifest.weights, base.blobs) {
            #expect(FileManager.default.contents(atPath: cache.blobPath(group.digest)) == blob)
        }
        let manifestBytes = try #require(FileManager.default.contents(atPath: output.appendingPathComponent("manifest.json").path))
        #expect(Digest.sha256(of: manifestBytes) == saved.digest)
        let merged = output.appendingPathComponent("model.safetensors").path
        let size = Int64(try #require(FileManager.default.contents(atPath: merged)).count)
        let handle = try #require(FileHandle(forReadingAtPath: merged))
        let header = try SafetensorsHeader.read(from: handle, label: merged, fileSize: size)
        #expect(Set(header.entries.map(\.name)) == Set(base.manifest.weights.flatMap(\.parameters)))
        let readme = HubProcess.read(output.appendingPathComponent("README.md"))
        #expect(readme.contains("license: apache-2.0") && readme.contains("# tests/base"))
        // The folder is byte for byte the version's files as the registry's /hf routes describe them.
        let files = try VersionFiles(manifestBytes: manifestBytes, digest: saved.digest,
                                     blobs: BlobFiles { [cache] in cache.blobPath($0) })
        for file in files.files where ["manifest.json", "model.safetensors", "README.md"].contains(file.path) {
            let written = try #require(FileManager.default.contents(atPath: output.appendingPathComponent(file.path).path))
            #expect(Int64(written.count) == file.size && Digest.sha256(of: written).hex == file.sha256, "\(file.path)")
        }

        let list = try registry.hubOK(["list"])
        #expect(list.contains("tests/base:latest") && list.contains(registry.url))
    }

    @Test("after a push the cache records the model as published at the registry, not local")
    func pushRecordsTheRegistryAsSource() throws {
        let saved = try saveLocal(TestModels.base())
        #expect(try registry.hubOK(["info", "tests/base"], cache: "publisher").contains("(local model in the cache, not pushed"))
        _ = try push("tests/base")
        let published = try ModelCache(root: registry.cachePath("publisher")).resolve(try Reference(parsing: "tests/base"))
        #expect(published.source == registry.url && !published.isLocal)
        #expect(published.digest == saved.digest && published.saved == saved.saved)
        let list = try registry.hubOK(["list"], cache: "publisher")
        #expect(list.contains("tests/base:latest") && list.contains(registry.url) && !list.contains(" local"), "\(list)")
        let info = try registry.hubOK(["info", "tests/base"], cache: "publisher")
        #expect(!info.contains("not pushed") && info.contains("Tags:     latest"), "\(info)")
    }

    @Test("a derivative pushes and pulls only its new blobs")
    func derivativeTransfersOnlyNewBlobs() throws {
        let base = TestModels.base()
        let savedBase = try saveLocal(base)
        let derived = TestModels.derivative(of: base.manifest, parentDigest: savedBase.digest)
        try saveLocal(derived)
        _ = try push("tests/base")
        let pushed = try push("tests/derived")
        let head = derived.manifest.weights[1]
        #expect(pushed.bytesSent == head.size)
        #expect(pushed.blobsPresent == 1 && pushed.blobsUploaded == 1)

        let first = try pull(["tests/base"])
        #expect(first.bytesReceived == base.manifest.totalWeightBytes)
        let second = try pull(["tests/derived"])
        #expect(second.bytesReceived == head.size)
        #expect(second.blobsCached == 1 && second.blobsFetched == 1)
        let again = try pull(["tests/derived"])
        #expect(again.bytesReceived == 0 && again.blobsFetched == 0)

        let tree = try registry.hubOK(["lineage", "tests/derived"])
        #expect(tree.contains("tests/base:latest"))
        #expect(tree.contains("└── tests/derived:latest"))
        #expect(tree.contains("finetune/top-k") && tree.contains("accuracy 0.900"))
    }

    @Test("a pull killed midway resumes from the bytes on disk")
    func killedPullResumes() throws {
        let base = TestModels.base(backboneFloats: 1_500_000)
        try saveLocal(base)
        _ = try push("tests/base")
        let backbone = base.manifest.weights[0]
        let cache = try ModelCache(root: registry.cachePath("cache"))
        let partial = cache.blobs.partialPath(for: backbone.digest)
        // 250 kB/s: the 6 MB backbone takes 24 s, so the kill lands midway even on a loaded machine.
        let environment = registry.environment(extra: ["HUB_MAX_RECV_SPEED": "250000"])
        let (process, _, _) = try HubProcess.start(["pull", "tests/base", "--quiet"], environment: environment,
                                                   directory: registry.directory)
        let deadline = Date().addingTimeInterval(20)
        while ModelCache.fileSize(partial) < 250_000, Date() < deadline, process.isRunning { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let left = ModelCache.fileSize(partial)
        #expect(left >= 250_000 && left < backbone.size, "left \(left) of \(backbone.size)")
        #expect(!cache.containsBlob(backbone.digest))
        #expect(cache.listModels().isEmpty)

        let resumed = try pull(["tests/base"])
        #expect(resumed.bytesResumed >= left && resumed.bytesResumed < backbone.size)
        #expect(resumed.bytesReceived <= base.manifest.totalWeightBytes - resumed.bytesResumed)
        #expect(resumed.blobs == 2)
        #expect(try cache.blobs.verify(backbone.digest))
    }

    @Test("cache verify detects a corrupted blob, removes it, and says which model to pull again")
    func verifyFindsCorruption() throws {
        let base = TestModels.base()
        try saveLocal(base)
        _ = try push("tests/base")
        _ = try pull(["tests/base"])
        let cache = try ModelCache(root: registry.cachePath("cache"))
        let head = base.manifest.weights[1].digest
        let handle = try #require(FileHandle(forUpdatingAtPath: cache.blobPath(head)))
        try handle.seek(toOffset: 64)
        try handle.write(contentsOf: Data([1, 2, 3, 4]))
        try handle.close()
        let result = try registry.hub(["cache", "verify"])
        #expect(result.status == CommandExitCode.integrity.rawValue)
        #expect(result.stdout.contains("corrupt blob \(head): removed; used by tests/base:latest"))
        #expect(result.stderr.contains("hub pull tests/base:latest"))
        let repaired = try pull(["tests/base"])
        #expect(repaired.bytesReceived == base.manifest.weights[1].size)
        #expect(try registry.hub(["cache", "verify"]).status == 0)
    }

    @Test("a large blob is pushed in chunks, and a push killed midway resumes from the registry's offset")
    func killedChunkedPushResumes() throws {
        let base = TestModels.base(backboneFloats: 1_500_000)
        try saveLocal(base)
        let uploads = registry.data.appendingPathComponent("uploads")
        let throttled = registry.environment(cache: "publisher", token: registry.token,
                                             extra: ["HUB_UPLOAD_CHUNK_BYTES": "1000000", "HUB_MAX_SEND_SPEED": "1000000"])
        let (process, _, _) = try HubProcess.start(["push", "tests/base", "--quiet"], environment: throttled,
                                                   directory: registry.directory)
        func received() -> Int64 {
            ModelCache.children(of: uploads.path).reduce(0) { $0 + ModelCache.fileSize("\(uploads.path)/\($1)") }
        }
        let deadline = Date().addingTimeInterval(20)
        while received() < 2_500_000, Date() < deadline, process.isRunning { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(received() >= 2_500_000)

        let output = try registry.hubOK(["push", "tests/base", "--json"], cache: "publisher", token: registry.token,
                                        extra: ["HUB_UPLOAD_CHUNK_BYTES": "1000000"])
        let pushed = try JSONDecoder().decode(PushReport.self, from: Data(output.utf8))
        #expect(pushed.bytesResumed >= 2_000_000)
        #expect(pushed.bytesSent < base.manifest.totalWeightBytes - 2_000_000)
        let pulled = try pull(["tests/base"])
        #expect(pulled.bytesReceived == base.manifest.totalWeightBytes)
        let cache = try ModelCache(root: registry.cachePath("cache"))
        #expect(FileManager.default.contents(atPath: cache.blobPath(base.manifest.weights[0].digest)) == base.blobs[0])
    }
}
