import Engine
import Foundation
@testable import HuggingFace
import Manifest
import Testing

/// Folders written by timm itself (`save_for_hf`, as `push_to_hf_hub` does), imported into hub and
/// served back to timm. With `HUB_TIMM_SAVED_DIR` set (one folder per model, see
/// Fixtures/check_timm_saved.py), each is imported, the engine loads what it can build, and the timm view
/// is written to `<folder>/hub-view` for the script to compare logits in timm.
@Suite("timm-saved folders through hub and back")
struct TimmSavedRoundTripTests {
    let blobs = TestBlobs()

    @Test("a real timm config.json (save_for_hf) reads as the model it describes")
    func realConfig() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/timm-saved-config.json")
        let config = try TimmConfig(parsing: Data(contentsOf: url))
        #expect(config.architecture == "tf_efficientnet_lite0" && config.numClasses == 3)
        #expect(config.labelNames == ["cat", "dog", "bird"] && config.interpolation == "bicubic")
        #expect(config.input.preprocessing.resizeShortSide == 256 && config.input.preprocessing.centerCrop == [224, 224])
        #expect(config.input.preprocessing.normalization == .meanStd(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5]))
    }

    @Test("every folder imports, loads in the engine when hub builds it, and is written back as hub serves it")
    func folders() throws {
        guard let root = ProcessInfo.processInfo.environment["HUB_TIMM_SAVED_DIR"] else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
            let folder = URL(fileURLWithPath: root).appendingPathComponent(name)
            let importer = try TimmImport(name: "bob/\(name.replacingOccurrences(of: "_", with: "-"))", author: "bob",
                                          created: TestManifests.created,
                                          configJSON: Data(contentsOf: folder.appendingPathComponent("config.json")),
                                          readme: nil, parent: nil)
            var groups: [WeightGroup] = []
            let manifest = try importer.run(weightsAt: folder.appendingPathComponent("model.safetensors").path) { blob in
                groups.append(blobs.store(blob.bytes, group: blob.group.group, parameters: blob.group.parameters))
            }
            #expect(groups == manifest.weights)
            if importer.knownArchitecture != nil { try loadInEngine(manifest) }
            let bytes = manifest.canonicalData()
            let files = try VersionFiles(manifestBytes: bytes, digest: Digest.sha256(bytes), blobs: blobs.reader)
            let view = folder.appendingPathComponent("hub-view")
            try FileManager.default.createDirectory(at: view, withIntermediateDirectories: true)
            guard case let .inline(config)? = files["config.json"]?.content,
                  case let .merged(weights)? = (files[TimmConfig.renamedWeightsPath] ?? files["model.safetensors"])?.content else {
                Issue.record("\(name): no timm view")
                continue
            }
            try config.write(to: view.appendingPathComponent("config.json"))
            try weights.write(to: view.appendingPathComponent("model.safetensors").path, blobs: blobs.reader)
        }
    }

    /// The engine builds the manifest's architecture and loads every group strictly.
    func loadInEngine(_ manifest: ModelManifest) throws {
        let network = try ArchitectureSpec(name: manifest.architecture.variant, classCount: manifest.architecture.numClasses).build()
        var state: [String: Engine.Tensor] = [:]
        for group in manifest.weights {
            let tensors = try SafetensorsFile(path: blobs.path(group.digest.hex)).readAll()
            for name in tensors.names { state[name] = tensors[name] }
        }
        try network.load(stateDict: state)
    }
}
