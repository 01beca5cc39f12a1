import Foundation
@testable import HuggingFace
import Manifest
import Testing

@Suite("A hub pull --output folder uploaded back gives the same manifest and blobs")
struct PulledFolderImportTests {
    let blobs = TestBlobs()

    /// A version with an engine-style group and one written by another tool (metadata, parameter order).
    func version() throws -> (manifest: ModelManifest, bytes: Data, weights: String) {
        let stem = blobs.store(TestBlobs.groupBytes(["_conv_stem.weight", "_bn0.bias"]), group: "stem",
                               parameters: ["_bn0.bias", "_conv_stem.weight"])
        let head = blobs.store(TestBlobs.groupBytes(["_fc.weight", "_fc.bias"], seed: 3, metadata: ["format": "pt"]),
                               group: "head", parameters: ["_fc.bias", "_fc.weight"])
        let manifest = TestManifests.manifest(weights: [stem, head])
        let merged = try MergedSafetensors(groups: manifest.weights, blobs: blobs.reader)
        let path = blobs.path("upload.safetensors")
        try merged.write(to: path, blobs: blobs.reader)
        return (manifest, manifest.canonicalData(), path)
    }

    func split(_ bytes: Data, _ path: String) throws -> [GroupBlob] {
        var stored: [GroupBlob] = []
        try PulledFolderImport(manifestBytes: bytes).splitWeights(at: path) { stored.append($0) }
        return stored
    }

    @Test("every group comes back with the manifest's digest, size and bytes")
    func roundTrip() throws {
        let model = try version()
        let imported = try PulledFolderImport(manifestBytes: model.bytes)
        #expect(imported.digest == Digest.sha256(model.bytes) && imported.manifest == model.manifest)
        let stored = try split(model.bytes, model.weights)
        #expect(stored.map(\.group) == model.manifest.weights)
        for blob in stored {
            #expect(blob.bytes == FileManager.default.contents(atPath: blobs.path(blob.group.digest.hex)))
        }
    }

    @Test("a changed tensor is refused, naming its group")
    func changedTensor() throws {
        let model = try version()
        var file = try #require(FileManager.default.contents(atPath: model.weights))
        file[file.count - 1] ^= 0x01
        try file.write(to: URL(fileURLWithPath: model.weights))
        let error = try #require(throws: HuggingFaceError.self) { try split(model.bytes, model.weights) }
        #expect(error.code == .mismatch && error.message.contains("layer group head"))
    }

    @Test("a tensor missing from the file, or one no group lists, is refused")
    func tensorSets() throws {
        let model = try version()
        var manifest = model.manifest
        manifest.weights[0].parameters.append("_bn0.weight")
        let missing = try #require(throws: HuggingFaceError.self) { try split(manifest.canonicalData(), model.weights) }
        #expect(missing.message.contains("layer group stem") && missing.message.contains("_bn0.weight"))
        manifest = model.manifest
        manifest.weights[1].parameters = ["_fc.weight"]
        let extra = try #require(throws: HuggingFaceError.self) { try split(manifest.canonicalData(), model.weights) }
        #expect(extra.message.contains("_fc.bias"))
    }

    @Test("a manifest.json that is not a valid manifest, or weights that are not safetensors, are refused")
    func invalid() throws {
        #expect(throws: HuggingFaceError.self) { try PulledFolderImport(manifestBytes: Data("{\"a\":1}".utf8)) }
        let model = try version()
        try Data(repeating: 7, count: 100).write(to: URL(fileURLWithPath: model.weights))
        let error = try #require(throws: HuggingFaceError.self) { try split(model.bytes, model.weights) }
        #expect(error.code == .malformed && error.message.contains("model.safetensors"))
    }
}
