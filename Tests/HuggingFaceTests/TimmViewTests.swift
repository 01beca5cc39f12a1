import Engine
import Foundation
@testable import HuggingFace
import Manifest
import Testing

/// The timm view of models the engine really builds: config.json and the weights timm reads.
/// With `HUB_TIMM_VIEW_DIR` set, the files are also written there (one folder per architecture, laid out
/// for `timm.create_model('local-dir:…')`) for Fixtures/check_timm.py to load them in timm.
@Suite("The timm view of engine-built models")
struct TimmViewTests {
    let blobs = TestBlobs()

    /// The manifest and stored group blobs of an engine-built `variant` with `classes` outputs.
    func engineModel(_ variant: String, classes: Int) throws -> (manifest: ModelManifest, bytes: Data, digest: Digest) {
        let network = try ArchitectureSpec(name: variant, classCount: classes).build(seed: 7)
        var weights: [WeightGroup] = []
        for group in network.groups {
            var tensors = NamedTensors()
            for (name, parameter) in network.namedParameters(group: group.name) { tensors.set(parameter.value, for: name) }
            guard tensors.count > 0 else { continue }
            weights.append(blobs.store(Data(SafetensorsWriter.encode(tensors)), group: group.name,
                                       parameters: tensors.names.sorted()))
        }
        let architecture = try #require(TimmArchitecture.all.first { $0.variant == variant })
        var manifest = TestManifests.manifest(name: "tests/\(variant)", family: architecture.family, variant: variant,
                                              weights: weights, labels: (0..<classes).map { "class\($0)" })
        manifest.input.preprocessing.interpolation = "bicubic"
        let bytes = manifest.canonicalData()
        return (manifest, bytes, Digest.sha256(bytes))
    }

    @Test("config.json and the weights timm reads, for each architecture timm shares", arguments: [
        "mobilenet_v2", "efficientnet_lite0", "resnet18",
    ])
    func timmView(variant: String) throws {
        let model = try engineModel(variant, classes: 5)
        let files = try VersionFiles(manifestBytes: model.bytes, digest: model.digest, blobs: blobs.reader)
        let config = try #require(files["config.json"])
        let timm = try #require(TimmArchitecture(model.manifest))
        let weightsPath = timm.renaming == nil ? "model.safetensors" : TimmConfig.renamedWeightsPath
        let weights = try #require(files[weightsPath])
        guard case let .inline(configBytes) = config.content, case let .merged(merged) = weights.content else {
            Issue.record("unexpected contents")
            return
        }
        #expect(try JSONValue(parsing: configBytes)["architecture"]?.stringValue == timm.name)
        guard let root = ProcessInfo.processInfo.environment["HUB_TIMM_VIEW_DIR"] else { return }
        let folder = URL(fileURLWithPath: root).appendingPathComponent(timm.name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try configBytes.write(to: folder.appendingPathComponent("config.json"))
        try merged.write(to: folder.appendingPathComponent("model.safetensors").path, blobs: blobs.reader)
        if case let .merged(hubNamed) = files["model.safetensors"]?.content {
            try hubNamed.write(to: folder.appendingPathComponent("hub-names.safetensors").path, blobs: blobs.reader)
        }
    }
}
