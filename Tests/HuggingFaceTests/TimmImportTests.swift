import Engine
import Foundation
@testable import HuggingFace
import Manifest
import Safetensors
import Testing

@Suite("A timm-saved model becomes a hub model")
struct TimmImportTests {
    let blobs = TestBlobs()

    /// An engine-built model's manifest and stored blobs (hub's own names and encoding).
    func engineModel(_ variant: String, seed: UInt64 = 7, newHeadSeed: UInt64? = nil) throws -> (manifest: ModelManifest, digest: Digest) {
        let network = try ArchitectureSpec(name: variant, classCount: 3).build(seed: seed)
        if let newHeadSeed { network.replaceHead(classCount: 3, seed: newHeadSeed) }
        var weights: [WeightGroup] = []
        for group in network.groups {
            var tensors = NamedTensors()
            for (name, parameter) in network.namedParameters(group: group.name) { tensors.set(parameter.value, for: name) }
            guard tensors.count > 0 else { continue }
            weights.append(blobs.store(Data(SafetensorsWriter.encode(tensors)), group: group.name, parameters: tensors.names.sorted()))
        }
        let architecture = try #require(TimmArchitecture.all.first { $0.variant == variant })
        let manifest = TestManifests.manifest(name: "alice/\(variant)", family: architecture.family, variant: variant, weights: weights)
        return (manifest, Digest.sha256(manifest.canonicalData()))
    }

    /// What timm would upload for `model`: the config.json and weights hub serves to timm, and a card.
    func timmUpload(_ model: (manifest: ModelManifest, digest: Digest), extra: [(String, SafetensorsDType, [Int], Data)] = [])
        throws -> (config: Data, weights: String) {
        let files = try VersionFiles(manifestBytes: model.manifest.canonicalData(), digest: model.digest, blobs: blobs.reader)
        guard case let .inline(config)? = files["config.json"]?.content,
              case let .merged(merged)? = (files[TimmConfig.renamedWeightsPath] ?? files["model.safetensors"])?.content else {
            throw HuggingFaceError(.unsupported, "no timm view")
        }
        let path = blobs.path("upload-\(UUID().uuidString).safetensors")
        if extra.isEmpty {
            try merged.write(to: path, blobs: blobs.reader)
        } else {
            let whole = try merged.bytes(in: 0..<merged.size, blobs: blobs.reader)
            let header = try whole.withUnsafeBytes { try SafetensorsHeader(bytes: $0) }
            let tensors = header.entries.map { ($0.name, $0.dtype, $0.shape, Data(whole[(header.dataStart + $0.byteRange.lowerBound)..<(header.dataStart + $0.byteRange.upperBound)])) }
            try GroupBlob.encode("all", tensors: (tensors + extra).map { (name: $0.0, dtype: $0.1, shape: $0.2, bytes: $0.3) }).bytes
                .write(to: URL(fileURLWithPath: path))
        }
        return (config, path)
    }

    func run(_ upload: (config: Data, weights: String), readme: String? = nil,
             parent: TimmImport.Parent? = nil) throws -> (manifest: ModelManifest, blobs: [GroupBlob]) {
        let importer = try TimmImport(name: "bob/imported", author: "bob", created: TestManifests.created, configJSON: upload.config,
                                      readme: readme.map { Data($0.utf8) }, parent: parent)
        var stored: [GroupBlob] = []
        let manifest = try importer.run(weightsAt: upload.weights) { stored.append($0) }
        return (manifest, stored)
    }

    @Test("a MobileNetV2 served to timm and saved back unchanged has hub's names, groups and blob digests again",
          arguments: ["mobilenet_v2", "efficientnet_lite0", "resnet18"])
    func roundTrip(variant: String) throws {
        let model = try engineModel(variant)
        let extra = [("bn1.num_batches_tracked", SafetensorsDType.I64, [Int](), Data(count: 8))]
        let imported = try run(try timmUpload(model, extra: variant == "mobilenet_v2" ? extra : []))
        #expect(imported.manifest.weights == model.manifest.weights)
        #expect(imported.manifest.architecture == model.manifest.architecture)
        #expect(imported.manifest.labels == model.manifest.labels && imported.manifest.lineage?.relation == "import")
        #expect(imported.manifest.input.preprocessing.resizeShortSide == 256)
        #expect(imported.blobs.map(\.group) == model.manifest.weights)
    }

    @Test("with the card's base_model as parent: unchanged groups keep their digests and are frozen, the head is new")
    func finetuneOfParent() throws {
        let parent = try engineModel("efficientnet_lite0")
        let child = try engineModel("efficientnet_lite0", newHeadSeed: 99)
        let card = "---\nbase_model: alice/efficientnet_lite0\nlicense: mit\ntags:\n- timm\n- domain:medical\n- xray\n"
            + "datasets:\n- chest-xrays\n---\n# My model\n"
        let imported = try run(try timmUpload(child), readme: card,
                               parent: TimmImport.Parent(manifest: parent.manifest, digest: parent.digest))
        let manifest = imported.manifest
        #expect(manifest.frozen == parent.manifest.weights.map(\.group).filter { $0 != "head" })
        #expect(manifest.weights.filter { !manifest.frozen.contains($0.group) }.map(\.group) == ["head"])
        #expect(manifest.lineage?.parent?.description == "alice/efficientnet_lite0@\(parent.digest)")
        #expect(manifest.lineage?.relation == "finetune")
        #expect(manifest.input == parent.manifest.input)
        #expect(manifest.license == "MIT" && manifest.domain.tags == ["medical", "xray"])
        #expect(manifest.datasets.map(\.name) == ["chest-xrays"] && manifest.description == "# My model")
    }

    @Test("an architecture hub cannot build is kept under timm's name, grouped by top-level prefix, and served back")
    func unknownArchitecture() throws {
        let tensors: [(name: String, dtype: SafetensorsDType, shape: [Int], bytes: Data)] = [
            ("stem.0.weight", .F32, [2], Data(count: 8)), ("stages.0.blocks.0.weight", .F16, [4], Data(count: 8)),
            ("stem.1.num_batches_tracked", .I64, [], Data(count: 8)), ("head.fc.weight", .F32, [2, 2], Data(count: 16)),
        ]
        let path = blobs.path("convnext.safetensors")
        try GroupBlob.encode("x", tensors: tensors, sorted: false).bytes.write(to: URL(fileURLWithPath: path))
        let config = Data(#"{"architecture":"convnext_atto.d2_in1k","num_classes":2,"pretrained_cfg":{"input_size":[3,288,288],"crop_pct":0.95,"interpolation":"bicubic","classifier":"head.fc"}}"#.utf8)
        let imported = try run((config, path))
        let architecture = imported.manifest.architecture
        #expect(architecture.family == "timm" && architecture.variant == "convnext_atto_d2_in1k")
        #expect(imported.manifest.weights.map(\.group) == ["stem", "stages", "head"])
        #expect(imported.manifest.weights[0].parameters == ["stem.0.weight", "stem.1.num_batches_tracked"])
        #expect(imported.manifest.labels == ["class0", "class1"] && imported.manifest.input.preprocessing.resizeShortSide == 303)
        let served = try #require(TimmConfig(manifest: imported.manifest, digest: Digest.sha256(imported.manifest.canonicalData())))
        #expect(served.architecture == "convnext_atto.d2_in1k" && served.classifier == "head.fc" && served.weightsFile == nil)
        // crop_pct comes back as the largest value that resizes to the same 303 pixels as 0.95 did.
        #expect((288 / served.cropPercentage).rounded(.down) == 303 && served.inputSize == [3, 288, 288])
    }

    @Test("hostile uploads are refused with the file and field named")
    func hostile() throws {
        let model = try engineModel("resnet18")
        let upload = try timmUpload(model)
        let cases: [(String, String)] = [
            ("not json", "config.json is not strict JSON"),
            (#"{"architecture":"resnet18","num_classes":4}"#, "num_classes is 4"),
            (#"{"architecture":"resnet18","num_classes":3,"label_names":["a"]}"#, "label_names has 1 names"),
            (#"{"architecture":"resnet18","num_classes":1e300}"#, "num_classes is not a whole number"),
            (#"{"architecture":"resnet18","num_classes":3,"pretrained_cfg":{"input_size":[1,224,224]}}"#, "input_size"),
            (#"{"architecture":"resnet18","num_classes":3,"pretrained_cfg":{"crop_pct":0}}"#, "crop_pct"),
            (#"{"architecture":"resnet18","num_classes":3,"pretrained_cfg":{"mean":[1,2]}}"#, "mean"),
            (#"{"architecture":"mobilenetv2_100","num_classes":3}"#, "is not part of timm's mobilenetv2_100"),
        ]
        for (config, expected) in cases {
            let error = try #require(throws: HuggingFaceError.self) { try run((Data(config.utf8), upload.weights)) }
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }
}
