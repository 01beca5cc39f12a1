import Engine
import Foundation
import Testing

/// `hub predict --input-tensor FILE --logits`: the engine's logits on an already preprocessed tensor, the
/// way to compare hub with PyTorch or timm on the very same input.
@Suite("hub predict on a preprocessed input tensor")
final class PredictInputTensorTests {
    let hub: HubBinary
    let network: Network

    /// `bob/tiny`: a small CNN with 32x32 inputs, imported into the run's cache.
    init() throws {
        hub = try HubBinary()
        network = try ArchitectureSpec(name: "small_cnn", classCount: 3).build(seed: 5)
        var tensors = NamedTensors()
        for (name, tensor) in network.stateDict() { tensors.set(tensor, for: name) }
        let checkpoint = hub.directory.appendingPathComponent("tiny.safetensors").path
        try SafetensorsWriter.write(tensors, to: checkpoint)
        let imported = try hub.run(["import", checkpoint, "--arch", "small_cnn", "--name", "bob/tiny", "--input-size", "32"])
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    deinit { hub.remove() }

    /// Writes `tensors` (name -> shape) with deterministic values in -1...1 and returns the path.
    func inputFile(_ tensors: [(String, [Int])]) throws -> (path: String, values: [[Float]]) {
        var named = NamedTensors()
        var all: [[Float]] = []
        for (index, (name, shape)) in tensors.enumerated() {
            let count = shape.reduce(1, *)
            let values = (0..<count).map { Float(($0 * 7919 + index * 104_729) % 2001) / 1000 - 1 }
            named.set(try Tensor(shape: shape, values: values), for: name)
            all.append(values)
        }
        let path = hub.directory.appendingPathComponent("input-\(UUID().uuidString).safetensors").path
        try SafetensorsWriter.write(named, to: path)
        return (path, all)
    }

    struct Prediction: Decodable {
        var image: String
        var classes: [Entry]
        var logits: [Float]?
        struct Entry: Decodable { var label: String; var probability: Double }
    }

    func predict(_ arguments: [String]) throws -> [Prediction] {
        let result = try hub.run(["predict", "bob/tiny"] + arguments + ["--json"])
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([Prediction].self, from: Data(result.stdout.utf8))
    }

    @Test("a batch [N,3,H,W] gives each row the engine's own logits, and top-1 is their arg max")
    func batchLogits() throws {
        let (path, values) = try inputFile([("input", [2, 3, 32, 32])])
        network.setMode(.inference)
        let expected = network.forward(try Tensor(shape: [2, 3, 32, 32], values: values[0])).values
        let predictions = try predict(["--input-tensor", path, "--logits", "--top", "1"])
        try #require(predictions.count == 2)
        for (row, prediction) in predictions.enumerated() {
            let logits = try #require(prediction.logits)
            let reference = Array(expected[(row * 3)..<(row * 3 + 3)])
            #expect(logits == reference, "row \(row): \(logits) vs \(reference)")
            #expect(prediction.image == "\(path)[\(row)]")
            let best = reference.indices.max { reference[$0] < reference[$1] }!
            #expect(prediction.classes.map(\.label) == ["class\(best)"])
        }
    }

    @Test("a single [3,H,W] tensor is a batch of one; without --logits none are printed")
    func singleInput() throws {
        let (path, values) = try inputFile([("x", [3, 32, 32])])
        network.setMode(.inference)
        let expected = network.forward(try Tensor(shape: [1, 3, 32, 32], values: values[0])).values
        let withLogits = try predict(["--input-tensor", path, "--logits"])
        #expect(withLogits.count == 1 && withLogits[0].logits == expected)
        let plain = try predict(["--input-tensor", path])
        #expect(plain.count == 1 && plain[0].logits == nil && plain[0].classes.count == 3)
    }

    @Test("a tensor of the wrong shape, two tensors, or images as well are refused with 64 and the reason",
          arguments: [([("input", [1, 3, 28, 28])], "has shape [1, 3, 28, 28], expected [3, 32, 32]"),
                      ([("a", [3, 32, 32]), ("b", [3, 32, 32])], "holds 2 tensors, expected exactly one")])
    func refused(_ tensors: [(String, [Int])], _ message: String) throws {
        let (path, _) = try inputFile(tensors)
        let result = try hub.run(["predict", "bob/tiny", "--input-tensor", path])
        #expect(result.status == 64, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("image files and --input-tensor together are a usage error")
    func imagesAndTensor() throws {
        let (path, _) = try inputFile([("input", [3, 32, 32])])
        let result = try hub.run(["predict", "bob/tiny", "cat.jpg", "--input-tensor", path])
        #expect(result.status == 64 && result.stderr.contains("give image files or --input-tensor, not both"), "\(result.stderr)")
    }
}
