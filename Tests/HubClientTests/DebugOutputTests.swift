import Foundation
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

/// `HUB_DEBUG=1` shows every request and answer, but never the token.
@Suite("HUB_DEBUG never prints a token")
final class DebugOutputTests {
    let registry: TestRegistry

    init() throws { registry = try TestRegistry() }

    @Test("push, pull, search and a refused request with HUB_DEBUG=1: the token appears nowhere")
    func tokenIsRedacted() throws {
        let model = TestModels.base()
        try ModelCache(root: registry.cachePath("publisher")).saveLocal(manifest: model.manifest, blobs: model.blobs)
        let debug = ["HUB_DEBUG": "1"]
        var outputs = [
            try registry.hub(["push", "tests/base"], cache: "publisher", token: registry.token, extra: debug),
            try registry.hub(["pull", "tests/base"], token: registry.token, extra: debug),
            try registry.hub(["search", "base"], token: registry.token, extra: debug),
            try registry.hub(["push", "tests/base"], cache: "publisher", token: registry.token + "x", extra: debug),
        ]
        let login = try registry.hub(["login", "--token", registry.token], extra: debug)
        outputs.append(login)
        outputs.append(try registry.hub(["search", "base"], extra: debug))
        for (index, output) in outputs.enumerated() {
            #expect(!output.stdout.contains(registry.token) && !output.stderr.contains(registry.token),
                    "run \(index) printed the token:\n\(output.stderr)")
        }
        #expect(outputs[0].status == 0 && outputs[1].status == 0, "\(outputs[0].stderr)")
        #expect(outputs[0].stderr.contains("Authorization: Bearer <redacted>"), "\(outputs[0].stderr)")
        #expect(outputs[5].stderr.contains("Authorization: Bearer <redacted>"), "\(outputs[5].stderr)")
    }
}
