import ContentStore
import Foundation
import HubTestSupport
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

/// Every failure names what failed and what to do, with its documented exit code.
@Suite("error messages")
final class ErrorMessageTests {
    let registry: TestRegistry

    init() throws { registry = try TestRegistry() }

    func publishBase() throws -> (manifest: ModelManifest, blobs: [Data]) {
        let base = TestModels.base()
        try ModelCache(root: registry.cachePath("publisher")).saveLocal(manifest: base.manifest, blobs: base.blobs)
        try registry.hubOK(["push", "tests/base"], cache: "publisher", token: registry.token)
        return base
    }

    @Test("an unreachable registry is named with the URL tried")
    func unreachable() throws {
        let result = try registry.hub(["pull", "tests/base"], extra: ["HUB_REGISTRY": "http://127.0.0.1:1"])
        #expect(result.status == CommandExitCode.unreachable.rawValue)
        #expect(result.stderr.contains("error: cannot reach the registry at http://127.0.0.1:1"))
        #expect(result.stderr.contains("hint: check that `hub serve` is running there"))
    }

    @Test("pushing without a token says how to log in")
    func unauthorized() throws {
        let base = TestModels.base()
        try ModelCache(root: registry.cachePath("publisher")).saveLocal(manifest: base.manifest, blobs: base.blobs)
        let result = try registry.hub(["push", "tests/base"], cache: "publisher")
        #expect(result.status == CommandExitCode.unauthorized.rawValue)
        #expect(result.stderr.contains("needs a valid token"))
        #expect(result.stderr.contains("hub login --registry \(registry.url) --token"))
    }

    @Test("pushing into another namespace names the one the token may write")
    func forbidden() throws {
        let other = TestModels.base("other/model")
        try ModelCache(root: registry.cachePath("publisher")).saveLocal(manifest: other.manifest, blobs: other.blobs)
        let result = try registry.hub(["push", "other/model"], cache: "publisher", token: registry.token)
        #expect(result.status == CommandExitCode.unauthorized.rawValue)
        #expect(result.stderr.contains("refused publishing other/model:latest"))
        #expect(result.stderr.contains("tests/"))
    }

    @Test("a missing model suggests close matches from search")
    func notFoundSuggests() throws {
        _ = try publishBase()
        let result = try registry.hub(["pull", "tests/bases"])
        #expect(result.status == CommandExitCode.notFound.rawValue)
        #expect(result.stderr.contains("model tests/bases:latest was not found on \(registry.url)"))
        #expect(result.stderr.contains("did you mean: tests/base"))
        #expect(result.stderr.contains("; or bring your own weights: hub import FILE --arch ARCH "
            + "--name tests/bases --labels LABELS.txt (see docs/importing.md)"))
        let tag = try registry.hub(["pull", "tests/base:v9"])
        #expect(tag.status == CommandExitCode.notFound.rawValue)
        #expect(tag.stderr.contains("available: tests/base:latest"))
        #expect(!tag.stderr.contains("bring your own weights"), "the model exists: only its tag was wrong")
    }

    @Test("a model the registry lacks suggests importing it, with the architecture its name mentions")
    func notFoundSuggestsImport() throws {
        for command in ["pull", "info"] {
            let result = try registry.hub([command, "resnet50-imagenet"])
            #expect(result.status == CommandExitCode.notFound.rawValue)
            #expect(result.stderr.contains("model resnet50-imagenet:latest was not found on \(registry.url)"))
            #expect(result.stderr.contains("; or bring your own weights: hub import FILE --arch resnet50 --name <you>/resnet50-imagenet "
                + "--labels imagenet-1k.txt --preprocess imagenet (see docs/importing.md)"), "\(result.stderr)")
        }
    }

    @Test("a blob that fails verification is fetched once more, then reported and not kept")
    func digestMismatch() throws {
        let base = try publishBase()
        let head = base.manifest.weights[1]
        let stored = try BlobStore(root: registry.data.appendingPathComponent("blobs")).path(for: head.digest)
        let handle = try #require(FileHandle(forUpdatingAtPath: stored))
        try handle.seek(toOffset: 10)
        try handle.write(contentsOf: Data([9, 9, 9]))
        try handle.close()
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue)
        #expect(result.stderr.contains("blob \(head.digest) (head of tests/base)"))
        #expect(result.stderr.contains("failed verification twice"))
        let cache = try ModelCache(root: registry.cachePath("cache"))
        #expect(!cache.containsBlob(head.digest))
        #expect(cache.listModels().isEmpty)
    }

    @Test("a full disk is reported and nothing half-written is kept as complete")
    func diskFull() throws {
        let base = TestModels.base(backboneFloats: 200_000)
        try ModelCache(root: registry.cachePath("publisher")).saveLocal(manifest: base.manifest, blobs: base.blobs)
        try registry.hubOK(["push", "tests/base"], cache: "publisher", token: registry.token)
        // A 512 kB file system, private to this process tree, for the client's cache.
        let cache = registry.cachePath("small")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let script = """
            mount -t tmpfs -o size=512k tmpfs "$HUB_CACHE" || exit 99
            "$0" pull tests/base; echo "pull-exit=$?"
            "$0" list
            """
        let unshare = getuid() == 0 ? ["-m"] : ["-r", "-m"]
        let result = try HubProcess.run(unshare + ["sh", "-c", script, HubProcess.binary],
                                        environment: registry.environment(cache: "small"),
                                        directory: registry.directory, executable: "/usr/bin/unshare")
        #expect(result.stdout.contains("pull-exit=\(CommandExitCode.diskFull.rawValue)"), "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device"))
        #expect(result.stderr.contains("hint: free some space"))
        #expect(result.stdout.contains("No models in the cache"))
    }

    @Test("a malformed reference names the bad character")
    func badReference() throws {
        let result = try registry.hub(["pull", "Tests/base"])
        #expect(result.status == CommandExitCode.usage.rawValue)
        #expect(result.stderr.contains("character 'T' at position 1 is not allowed"))
    }
}
