import Foundation
import HuggingFace
import Manifest
import RegistryAPI
import Testing

/// `GET /v1/models/{namespace}/{name}/torch/{reference}/{stem}-{sha256 prefix}.safetensors`: the
/// weights under a name unique per content, the one torch.hub's `check_hash=True` accepts.
@Suite("torch.hub weights URL")
struct TorchHubFileTests {
    @Test("the content-named file is model.safetensors byte for byte; its name's hash prefix matches its SHA-256")
    func file() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let weights = try await registry.request("GET", "/hf/alice/resnet/resolve/main/model.safetensors").body
            let sha256 = Digest.sha256(of: weights).hex
            let name = TorchHubFileName(repository: "alice/resnet", sha256: sha256).description
            #expect(name.hasPrefix("alice_resnet-") && name.hasSuffix(".safetensors"))
            for reference in ["latest", fixture.resnet.digest.description] {
                let path = Route.getTorchHubFile.path(model: fixture.resnet.reference, ["reference": reference, "file": name])
                let response = try await registry.request("GET", path)
                #expect(response.status == 200, "\(reference)")
                #expect(response.body == weights, "\(reference)")
                // torch.hub's check: the first `-<hex>.` of the name is a prefix of the SHA-256.
                let prefix = name.split(separator: "-").last!.split(separator: ".").first!
                #expect(sha256.hasPrefix(prefix))
            }
            let ranged = try await registry.request(
                "GET", Route.getTorchHubFile.path(model: fixture.resnet.reference, ["reference": "latest", "file": name]),
                headers: ["Range": "bytes=8-15"])
            #expect(ranged.status == 206 && ranged.body == weights.subdata(in: 8..<16))
        }
    }

    @Test("another name, another version's name or another model's name answers 404 naming the right file")
    func wrongName() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let old = try await registry.request("GET", "/hf/alice/resnet/resolve/v1/model.safetensors").body
            let oldName = TorchHubFileName(repository: "alice/resnet", sha256: Digest.sha256(of: old).hex).description
            let path = Route.getTorchHubFile.path(model: fixture.resnet.reference, ["reference": "latest", "file": oldName])
            let response = try await registry.request("GET", path)
            #expect(response.status == 404)
            #expect(response.errorCode == "BLOB_UNKNOWN")
            #expect(response.text.contains("alice_resnet-"))
            let good = try await registry.request("GET", Route.getTorchHubFile.path(
                model: fixture.resnet.reference, ["reference": "v1", "file": oldName]))
            #expect(good.status == 200 && good.body == old)
        }
    }
}
