import ContentStore
import Foundation
@testable import ModelStore
import Manifest
import Testing

@Suite("Local model cache")
final class ModelCacheTests {
    let root = StoreModels.temporaryDirectory()

    deinit { try? FileManager.default.removeItem(at: root) }

    @Test("a saved local model resolves by name, tag and digest, and is listed")
    func saveAndResolve() throws {
        let cache = try ModelCache(root: root)
        let (manifest, blobs) = StoreModels.base()
        let saved = try cache.saveLocal(manifest: manifest, blobs: blobs, tag: "v1")
        #expect(saved.isLocal)
        #expect(saved.digest == manifest.digest)
        #expect(try cache.resolve(Reference(parsing: "tests/base:v1")).manifest == manifest)
        #expect(try cache.resolve(Reference(parsing: "tests/base@\(saved.digest)")).digest == saved.digest)
        #expect(cache.listModels().map(\.reference.description) == ["tests/base:v1"])
        for (group, path) in try cache.weightPaths(for: manifest) {
            let expected = manifest.weights.first { $0.group == group }!.digest
            #expect(try Digest.sha256(ofFileAt: path) == expected)
        }
        #expect(throws: StoreError.self) { try cache.resolve(Reference(parsing: "tests/base")) }
    }

    @Test("saving a manifest whose blobs are missing fails and names the group")
    func missingBlob() throws {
        let cache = try ModelCache(root: root)
        let (manifest, blobs) = StoreModels.base()
        let error = #expect(throws: StoreError.self) {
            try cache.saveLocal(manifest: manifest, blobs: [blobs[1]])
        }
        #expect(error?.message.contains("weights[0] (backbone)") == true)
        #expect(cache.listModels().isEmpty)
    }

    @Test("removing a derivative keeps the backbone its base still uses")
    func removeKeepsSharedBlobs() throws {
        let cache = try ModelCache(root: root)
        let base = StoreModels.base()
        let saved = try cache.saveLocal(manifest: base.manifest, blobs: base.blobs)
        let derived = StoreModels.derivative(of: base.manifest, parentDigest: saved.digest)
        try cache.saveLocal(manifest: derived.manifest, blobs: derived.blobs)
        let report = try cache.remove(Reference(parsing: "tests/derived"))
        #expect(report.removedReferences == ["tests/derived:latest"])
        #expect(report.removedBlobs == 1)
        #expect(cache.containsBlob(base.manifest.weights[0].digest))
        #expect(!cache.containsBlob(derived.manifest.weights[1].digest))
        #expect(cache.verify().isClean)
    }

    @Test("verify finds a corrupted blob, removes it, and names the model using it")
    func verifyDetectsCorruption() throws {
        let cache = try ModelCache(root: root)
        let base = StoreModels.base()
        try cache.saveLocal(manifest: base.manifest, blobs: base.blobs)
        let head = base.manifest.weights[1].digest
        let handle = try #require(FileHandle(forUpdatingAtPath: cache.blobPath(head)))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data([0xff, 0x00, 0xff]))
        try handle.close()
        let report = cache.verify()
        #expect(report.corrupt.map(\.digest) == [head])
        #expect(report.corrupt.first?.usedBy == ["tests/base:latest"])
        #expect(!cache.containsBlob(head))
        #expect(report.missing.map(\.group) == ["head"])
    }

    @Test("prune deletes unreferenced blobs and partial downloads, nothing in use")
    func prune() throws {
        let cache = try ModelCache(root: root)
        let base = StoreModels.base()
        try cache.saveLocal(manifest: base.manifest, blobs: base.blobs)
        let stray = try cache.storeBlob(Data("not used by any model".utf8))
        _ = FileManager.default.createFile(atPath: cache.blobs.partialPath(for: stray.digest), contents: Data(count: 10))
        let report = try cache.prune()
        #expect(report.removedBlobs == 1)
        #expect(report.removedPartials == 1)
        #expect(!cache.containsBlob(stray.digest))
        #expect(cache.verify().isClean)
        #expect(cache.listModels().count == 1)
    }

    @Test("prune waits while a pull, import or fine-tune holds the cache, then keeps what it named")
    func pruneWaitsForWriters() throws {
        let cache = try ModelCache(root: root)
        let writer = try cache.lockForAdding()
        // A pull in progress: a blob stored, the model not yet named.
        let (manifest, blobs) = StoreModels.base()
        for blob in blobs { try cache.storeBlob(blob) }
        var waited = false
        let report = try cache.prune(onWait: {
            waited = true
            // The pull finishes while prune waits: it names the model and lets go of the cache.
            _ = try? cache.saveLocal(manifest: manifest, blobs: blobs)
            writer.release()
        })
        #expect(waited)
        #expect(report.removedBlobs == 0)
        #expect(cache.verify().isClean)
        #expect(cache.listModels().count == 1)
    }

    @Test("commands adding to the cache share it: a second holder does not wait")
    func addersShareTheCache() throws {
        let cache = try ModelCache(root: root)
        let first = try cache.lockForAdding()
        let second = try cache.lockForAdding()
        second.release()
        first.release()
        #expect(try cache.prune(onWait: { Issue.record("nobody holds the cache any more") }).removedBlobs == 0)
    }
}
