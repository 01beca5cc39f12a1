import Foundation
@testable import HuggingFace
import Manifest
import Testing

@Suite("The files of a version as HF tools see them")
struct VersionFilesTests {
    let blobs = TestBlobs()

    func mobileNet() -> (manifest: ModelManifest, bytes: Data, digest: Digest) {
        let stem = blobs.store(TestBlobs.groupBytes(["features.0.0.weight", "features.0.1.bias"]), group: "stem",
                               parameters: ["features.0.0.weight", "features.0.1.bias"])
        let head = blobs.store(TestBlobs.groupBytes(["classifier.1.weight", "classifier.1.bias"], seed: 5), group: "head",
                               parameters: ["classifier.1.bias", "classifier.1.weight"])
        let manifest = TestManifests.manifest(family: "mobilenet_v2", variant: "mobilenet_v2", weights: [stem, head])
        let bytes = manifest.canonicalData()
        return (manifest, bytes, Digest.sha256(bytes))
    }

    @Test("manifest.json, model.safetensors, README.md, config.json and timm/model.safetensors for a MobileNetV2")
    func mobileNetFiles() throws {
        let model = mobileNet()
        let files = try VersionFiles(manifestBytes: model.bytes, digest: model.digest, blobs: blobs.reader)
        #expect(files.files.map(\.path) == ["README.md", "config.json", "manifest.json", "model.safetensors",
                                            "timm/model.safetensors"])
        let manifestFile = try #require(files["manifest.json"])
        #expect(manifestFile.content == .inline(model.bytes) && !manifestFile.isLFS)
        #expect(manifestFile.oid == GitBlobID(of: model.bytes) && manifestFile.etag == manifestFile.oid.hex)
        #expect(files["README.md"]?.content == .inline(ModelReadme(manifest: model.manifest, digest: model.digest).data))

        let weights = try #require(files["model.safetensors"])
        guard case let .merged(merged) = weights.content else { Issue.record("not merged"); return }
        let bytes = try merged.bytes(in: 0..<merged.size, blobs: blobs.reader)
        #expect(weights.isLFS && weights.size == Int64(bytes.count) && weights.sha256 == VersionFile.sha256Hex(bytes))
        #expect(weights.oid == LFSPointer(sha256: weights.sha256, size: weights.size).gitBlobID)
        #expect(weights.lfsPointerSize == Int64(LFSPointer(sha256: weights.sha256, size: weights.size).data.count))
        #expect(weights.etag == weights.sha256)

        let timm = try #require(files["timm/model.safetensors"])
        guard case let .merged(renamed) = timm.content else { Issue.record("not merged"); return }
        #expect(renamed.entries.map(\.name) == ["conv_stem.weight", "bn1.bias", "classifier.bias", "classifier.weight"])
        #expect(renamed.segments == merged.segments && timm.sha256 != weights.sha256)
        let timmBytes = try renamed.bytes(in: 0..<renamed.size, blobs: blobs.reader)
        #expect(timm.sha256 == VersionFile.sha256Hex(timmBytes) && timm.size == Int64(timmBytes.count))
        #expect(timmBytes.suffix(Int(renamed.size) - renamed.header.count) == bytes.suffix(Int(merged.size) - merged.header.count))
    }

    @Test("a ResNet gets a config.json but no renamed weights; a small_cnn gets neither")
    func otherArchitectures() throws {
        let group = blobs.store(TestBlobs.groupBytes(["fc.weight"]), group: "head", parameters: ["fc.weight"])
        for (family, variant, expected) in [("resnet", "resnet50", ["README.md", "config.json", "manifest.json", "model.safetensors"]),
                                            ("small_cnn", "16", ["README.md", "manifest.json", "model.safetensors"])] {
            let manifest = TestManifests.manifest(family: family, variant: variant, weights: [group])
            let bytes = manifest.canonicalData()
            let files = try VersionFiles(manifestBytes: bytes, digest: Digest.sha256(bytes), blobs: blobs.reader)
            #expect(files.files.map(\.path) == expected)
        }
    }

    @Test("the files survive a JSON round trip (the registry stores them at publish)")
    func codable() throws {
        let model = mobileNet()
        let files = try VersionFiles(manifestBytes: model.bytes, digest: model.digest, blobs: blobs.reader)
        let decoded = try JSONDecoder().decode(VersionFiles.self, from: JSONEncoder().encode(files))
        #expect(decoded == files)
    }

    @Test("manifest bytes that are not a valid manifest are refused")
    func invalidManifest() throws {
        let digest = Digest.sha256(Data("{}".utf8))
        #expect(throws: HuggingFaceError.self) {
            try VersionFiles(manifestBytes: Data("{}".utf8), digest: digest, blobs: blobs.reader)
        }
    }
}
