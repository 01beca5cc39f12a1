import Foundation
@testable import HubServer
import Manifest
import Testing

@Suite("names Hugging Face clients refuse are refused at publish")
struct HuggingFaceNameRuleTests {
    @Test("publishing under such a name is NAME_INVALID, saying why", arguments: [
        ("alice/a--b", "--"), ("alice/a..b", ".."), ("alice/trailing-", "\"-\""), ("alice/trailing.", "\".\""),
        ("alice/repo.git", ".git"), ("a--b", "--"),
    ])
    func refused(name: String, reason: String) async throws {
        try await TestRegistry.with { registry in
            let answer = try await registry.push(SyntheticModel.make(name: name), token: registry.tokens.admin)
            #expect(answer.status == 400)
            #expect(answer.errorCode == "NAME_INVALID")
            #expect(answer.errorMessage.contains(reason))
            #expect(answer.errorMessage.contains("Hugging Face"))
        }
    }

    @Test("a model stored under such a name before the rule is still readable")
    func existingStillReadable() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/old--name")
            for (digest, data) in model.blobs { try registry.data.blobs.store(data, expected: digest) }
            try ModelRepository.publishInOneTransaction([model.manifest], tag: "latest", into: registry.data)
            let read = try await registry.request("GET", "/v1/models/alice/old--name/manifests/latest")
            #expect(read.status == 200)
            #expect(read.body == model.bytes)
        }
    }
}
