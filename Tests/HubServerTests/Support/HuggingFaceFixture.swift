import Foundation
import Manifest
import Safetensors
import Testing

/// Models published for the Hugging Face route tests: a timm-compatible ResNet-18 by alice (two
/// versions: `v1`, then `latest`), an official MobileNetV2 (whose timm names differ, so it also has
/// `timm/model.safetensors`), and bob's fine-tune of alice's model.
struct HuggingFaceFixture: Sendable {
    let first: SyntheticModel
    let resnet: SyntheticModel
    let official: SyntheticModel
    let child: SyntheticModel

    /// Publishes every model of the fixture to `registry`.
    static func publish(to registry: TestRegistry) async throws -> HuggingFaceFixture {
        let first = SyntheticModel.safetensors(name: "alice/resnet", domain: ["fashion"], seed: 1)
        let resnet = SyntheticModel.safetensors(name: "alice/resnet", domain: ["fashion"], seed: 2)
        let official = SyntheticModel.safetensors(name: "mobile", variant: "mobilenet_v2", family: "mobilenet_v2",
                                                  domain: ["medical"], license: "MIT", dataset: "chest", seed: 3)
        let child = SyntheticModel.safetensors(name: "bob/child", domain: ["fashion", "retail"], parent: resnet, seed: 4)
        try await expectPublished(registry.push(first, tag: "v1", token: registry.tokens.alice))
        try await expectPublished(registry.push(resnet, tag: "latest", token: registry.tokens.alice))
        try await expectPublished(registry.push(official, tag: "latest", token: registry.tokens.admin))
        try await expectPublished(registry.push(child, tag: "latest", token: registry.tokens.bob))
        return HuggingFaceFixture(first: first, resnet: resnet, official: official, child: child)
    }

    private static func expectPublished(_ response: WireResponse) throws {
        guard response.status == 201 || response.status == 200 else {
            throw WireError("publish failed: \(response.status) \(response.text)")
        }
    }
}

extension SyntheticModel {
    /// The HF commit id: the first 40 hex digits of the manifest digest.
    var commit: String { String(digest.hex.prefix(40)) }
}

extension WireResponse {
    /// The `X-Error-Code` header.
    var hfErrorCode: String? { headers["x-error-code"] }
    /// The parsed JSON array body.
    var array: [[String: Any]] { (json as? [[String: Any]]) ?? [] }
}

/// Checks that `data` is a safetensors file holding exactly `model`'s tensors (by name) with the bytes
/// of its group blobs.
func expectSameTensors(_ data: Data, as model: SyntheticModel, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let header = try data.withUnsafeBytes { try SafetensorsHeader(bytes: $0) }
    let names = model.manifest.weights.flatMap(\.parameters)
    #expect(Set(header.entries.map(\.name)) == Set(names), sourceLocation: sourceLocation)
    for entry in header.entries {
        let bytes = data.subdata(in: (header.dataStart + entry.byteRange.lowerBound)..<(header.dataStart + entry.byteRange.upperBound))
        #expect(bytes == model.tensorBytes(entry.name), "tensor \(entry.name)", sourceLocation: sourceLocation)
    }
}
