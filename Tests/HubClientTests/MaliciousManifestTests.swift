import ContentStore
import Foundation
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

/// `hub pull` against a registry whose manifests lie: sizes nobody could store, a digest other
/// than the one asked for, an announced digest that is not one. Each is refused before a single
/// blob is requested, with an error naming what was wrong, and the cache stays empty.
@Suite("pull from a registry that lies about manifests")
struct MaliciousManifestTests {
    /// `base` with its weight groups replaced by `count` groups of `size` bytes each.
    static func manifest(groups count: Int, size: Int64) -> ModelManifest {
        var manifest = TestModels.base().manifest
        manifest.weights = (0..<count).map { index in
            WeightGroup(group: "g\(index)", digest: Digest.sha256(of: Data("blob \(index)".utf8)), size: size,
                        parameters: ["g\(index).weight"])
        }
        manifest.frozen = []
        return manifest
    }

    func expectNoBlobRequested(_ registry: CraftedRegistry, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!registry.requests.contains { $0.path.hasPrefix("/v1/blobs/") }, sourceLocation: sourceLocation)
        let cache = try ModelCache(root: registry.cachePath())
        #expect(cache.listModels().isEmpty, sourceLocation: sourceLocation)
    }

    @Test("weight sizes whose sum overflows are refused by the manifest checks, before any download, not a crash")
    func sizesOverflow() throws {
        let manifest = Self.manifest(groups: 1_100, size: 8_999_999_999_999_999)
        #expect(manifest.validationIssues().map(\.path) == ["weights[1].size"])
        let registry = try CraftedRegistry([CraftedRegistry.manifestRoute(manifest.canonicalData(), name: "tests/base")])
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("tests/base"), "\(result.stderr)")
        #expect(result.stderr.contains("weights[1].size"), "\(result.stderr)")
        try expectNoBlobRequested(registry)
        let info = try registry.hub(["info", "tests/base"])
        #expect(info.status == CommandExitCode.integrity.rawValue && info.stderr.contains("weights[1].size"),
                "status \(info.status): \(info.stderr)")
    }

    @Test("a model larger than the pull cap is refused before any download, naming HUB_MAX_PULL_BYTES")
    func overTheCap() throws {
        let manifest = Self.manifest(groups: 1, size: 8_000_000_000_000_000)
        let registry = try CraftedRegistry([CraftedRegistry.manifestRoute(manifest.canonicalData(), name: "tests/base")])
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("HUB_MAX_PULL_BYTES"), "\(result.stderr)")
        #expect(result.stderr.contains("8,000,000,000,000,000 bytes"), "\(result.stderr)")
        try expectNoBlobRequested(registry)

        let small = TestModels.base()
        let honest = try CraftedRegistry([CraftedRegistry.manifestRoute(small.manifest.canonicalData(), name: "tests/base")])
        let capped = try honest.hub(["pull", "tests/base"], extra: ["HUB_MAX_PULL_BYTES": "1000"])
        #expect(capped.status == CommandExitCode.integrity.rawValue, "\(capped.stderr)")
        #expect(capped.stderr.contains("more than HUB_MAX_PULL_BYTES (1,000 bytes)"), "\(capped.stderr)")
        try expectNoBlobRequested(honest)
    }

    @Test("one blob declared with two sizes is refused")
    func inconsistentSizes() throws {
        var manifest = Self.manifest(groups: 2, size: 100)
        manifest.weights[1].digest = manifest.weights[0].digest
        manifest.weights[1].size = 200
        let registry = try CraftedRegistry([CraftedRegistry.manifestRoute(manifest.canonicalData(), name: "tests/base")])
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("weights[1].size"), "\(result.stderr)")
        try expectNoBlobRequested(registry)
    }

    @Test("a layer group name with control characters is refused")
    func controlCharacters() throws {
        var manifest = Self.manifest(groups: 1, size: 100)
        manifest.weights[0].group = "g\u{1B}[2J"
        let registry = try CraftedRegistry([CraftedRegistry.manifestRoute(manifest.canonicalData(), name: "tests/base")])
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("weights[0].group"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"), "the escape reached the terminal")
        try expectNoBlobRequested(registry)
    }

    @Test("a manifest other than the digest asked for is refused")
    func digestMismatch() throws {
        let asked = Digest.sha256(of: Data("another manifest".utf8))
        let served = TestModels.base().manifest.canonicalData()
        var route = CraftedRegistry.manifestRoute(served, name: "tests/base")
        route.path = "/v1/models/tests/base/manifests/\(asked)"
        let registry = try CraftedRegistry([route])
        let result = try registry.hub(["pull", "tests/base@\(asked)"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("hashes to \(Digest.sha256(of: served)), expected \(asked)"), "\(result.stderr)")
        try expectNoBlobRequested(registry)
    }

    @Test("an announced manifest digest that is not a digest is refused")
    func announcedDigestInvalid() throws {
        var route = CraftedRegistry.manifestRoute(TestModels.base().manifest.canonicalData(), name: "tests/base")
        route.headers = ["Hub-Content-Digest": "sha256:nothex"]
        let registry = try CraftedRegistry([route])
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("Hub-Content-Digest \"sha256:nothex\""), "\(result.stderr)")
        try expectNoBlobRequested(registry)
    }
}
