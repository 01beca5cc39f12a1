import Foundation
@testable import HubClient
import Manifest
import ModelStore
import Testing

/// `ModelPuller.cachedOrPulled`: what `hub finetune`, `hub eval` and `hub predict` do with their model.
@Suite("cached or pulled")
final class CachedOrPulledTests {
    let registry: TestRegistry

    init() throws { registry = try TestRegistry() }

    @Test("a model missing from the cache is pulled once (onPull is told); then it comes from the cache")
    func pullsOnlyWhenMissing() throws {
        let publisher = try ModelCache(root: registry.cachePath("publisher"))
        let base = TestModels.base()
        _ = try publisher.saveLocal(manifest: base.manifest, blobs: base.blobs)
        try registry.hubOK(["push", "tests/base"], cache: "publisher", token: registry.token)

        let cache = try ModelCache(root: registry.cachePath("consumer"))
        let configuration = ClientConfiguration(registry: registry.url, token: nil, cacheDirectory: cache.root)
        let puller = ModelPuller(configuration: configuration, cache: cache)
        let reference = try Reference(parsing: "tests/base")
        var pulls = 0
        let first = try puller.cachedOrPulled(reference) { pulls += 1 }
        #expect(pulls == 1)
        #expect(first.manifest.name == "tests/base" && first.source == registry.url)
        let second = try puller.cachedOrPulled(reference) { pulls += 1 }
        #expect(pulls == 1)
        #expect(second.digest == first.digest)
    }

    @Test("a model neither cached nor in the registry is not found")
    func missingEverywhere() throws {
        let cache = try ModelCache(root: registry.cachePath("consumer"))
        let configuration = ClientConfiguration(registry: registry.url, token: nil, cacheDirectory: cache.root)
        #expect {
            try ModelPuller(configuration: configuration, cache: cache).cachedOrPulled(try Reference(parsing: "tests/nothing"))
        } throws: { error in
            (error as? ClientError)?.code == .notFound
        }
    }
}
