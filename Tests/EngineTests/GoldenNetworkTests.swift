import Foundation
import Testing

@testable import Engine

/// Whole networks against PyTorch: logits in eval and training mode and training-mode gradients at
/// batch 2, 64x64, 10 classes, with the hashed weights of scripts/golden/hashed_init.py
/// (first-convolution weight gradients in evaluation mode too)
/// (Fixtures/golden/<arch>.safetensors, float64 results of the plain-torch reference networks).
/// Tolerance, relative to the largest expected magnitude: 1e-4, or 5x the error of torch's own float32
/// run where that is larger (ResNet-50's training-mode gradients through batch statistics over 8 values
/// per channel lose about 1e-2 even in torch).
@Suite("golden values: whole networks against PyTorch")
struct GoldenNetworkTests {
    static let tolerance: Float = 1e-4

    /// The network for `architecture` with hashed weights, its fixture, and the hashed input.
    static func prepare(_ architecture: String) throws -> (Network, SafetensorsFile, Tensor) {
        let path = IOFixtures.root.appendingPathComponent("golden/\(architecture).safetensors").path
        let network = try ArchitectureSpec(name: architecture, classCount: 10).build()
        GoldenWeights.fill(network)
        return (network, try SafetensorsFile(path: path), GoldenWeights.tensor("input", shape: [2, 3, 64, 64]))
    }

    @Test("state-dict names and shapes; logits in inference, evaluation and training mode; training gradients",
          arguments: ["resnet18", "resnet50", "mobilenet_v2", "efficientnet_lite0", "vgg16"])
    func network(architecture: String) throws {
        let (network, file, input) = try Self.prepare(architecture)
        let expectedNames = try JSONDecoder().decode([NameAndShape].self, from: Data(file.metadata["parameters"]!.utf8))
        let actualNames = (network.namedParameters() + network.namedBuffers()).map { NameAndShape(name: $0.0, shape: $0.1.shape) }
        #expect(Set(actualNames) == Set(expectedNames), "state dict differs: missing \(Set(expectedNames).subtracting(actualNames).map(\.name).sorted().prefix(5)), unexpected \(Set(actualNames).subtracting(expectedNames).map(\.name).sorted().prefix(5))")
        network.setMode(.inference)
        try expectClose(network.forward(input), file, "logits.eval")
        network.setMode(.evaluation)
        network.zeroGradients()
        try expectClose(network.forward(input), file, "logits.eval")
        _ = network.backward(GoldenWeights.tensor("upstream", shape: [2, 10]))
        try checkParameterGradients(network, file, prefix: "grad.eval.")
        network.setMode(.training)
        Self.disableDropout(network)  // dropout masks are random; the reference ran without them
        network.zeroGradients()
        try expectClose(network.forward(input), file, "logits.train")
        try checkGradients(network, file)
    }

    /// Gradients of the input's first image, the first convolution's weight and the classifier bias.
    private func checkGradients(_ network: Network, _ file: SafetensorsFile) throws {
        let inputGradient = network.backward(GoldenWeights.tensor("upstream", shape: [2, 10]))
        let firstImage = try Tensor(shape: [3, 64, 64], values: Array(inputGradient.values.prefix(3 * 64 * 64)))
        try expectClose(firstImage, file, "grad.input0")
        try checkParameterGradients(network, file, prefix: "grad.")
    }

    /// Compares the gradients the fixture stores under `prefix` + parameter name (not `grad.input0`).
    private func checkParameterGradients(_ network: Network, _ file: SafetensorsFile, prefix: String) throws {
        let parameters = Dictionary(uniqueKeysWithValues: network.namedParameters())
        let names = file.names.filter { $0.hasPrefix(prefix) && $0 != "grad.input0" && !$0.dropFirst(prefix.count).hasPrefix("eval.") }
        #expect(names.count == (prefix == "grad.eval." ? 1 : 2))
        for name in names {
            let parameter = try #require(parameters[String(name.dropFirst(prefix.count))], "no parameter for \(name)")
            try expectClose(parameter.gradient, file, name)
        }
    }

    /// Puts every Dropout in `layer`'s tree in evaluation mode (the identity).
    static func disableDropout(_ layer: any Layer) {
        if let dropout = layer as? Dropout { dropout.mode = .evaluation }
        for child in layer.children { disableDropout(child.layer) }
    }

    private func expectClose(_ actual: Tensor, _ file: SafetensorsFile, _ name: String) throws {
        let expected = try file.tensor(named: name)
        #expect(actual.count == expected.count, "\(name): shape \(actual.shape) vs torch \(expected.shape)")
        let torchErrors = try JSONDecoder().decode([String: Float].self, from: Data(file.metadata["float32_error"]!.utf8))
        let torchError = try #require(torchErrors[name], "no float32_error for \(name)")
        let tolerance = max(Self.tolerance, 5 * torchError)
        let check = GoldenWeights.close(actual, expected, relative: tolerance)
        #expect(check.ok, "\(name): max error \(check.error) > \(check.bound)")
    }
}

/// One entry of a fixture's `parameters` list: `[name, shape]`.
struct NameAndShape: Decodable, Hashable {
    var name: String
    var shape: [Int]

    init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
    }

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        name = try container.decode(String.self)
        shape = try container.decode([Int].self)
    }
}
