import Foundation
import HubTestSupport
@testable import ModelStore
import Testing

/// `hub push` refuses, before contacting the registry, the names Hugging Face clients cannot reach.
@Suite("hub push refuses names Hugging Face clients reject")
final class PushNameRuleTests {
    let registry: TestRegistry

    init() throws { registry = try TestRegistry() }

    @Test("a cached model named with \"--\" or a trailing \".\" is a usage error naming the problem",
          arguments: ["tests/bad--name", "tests/trailing."])
    func refused(name: String) throws {
        let model = TestModels.base(name)
        try ModelCache(root: registry.cachePath("publisher")).saveLocal(manifest: model.manifest, blobs: model.blobs)
        let result = try registry.hub(["push", name], cache: "publisher", token: registry.token)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Hugging Face"))
        let search = try registry.hubOK(["search", "name", "--json"])
        #expect(!search.contains(name))
    }
}
