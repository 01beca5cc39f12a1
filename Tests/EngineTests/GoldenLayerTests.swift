import Foundation
import Testing

@testable import Engine

/// Per-layer forward outputs and gradients against PyTorch (Fixtures/golden/layers.safetensors,
/// written by scripts/golden/make_fixtures.py). Tolerance: 1e-5 of the largest expected magnitude.
@Suite("golden values: layers against PyTorch")
struct GoldenLayerTests {
    static let tolerance: Float = 1e-5
    static let path = IOFixtures.root.appendingPathComponent("golden/layers.safetensors").path

    /// The cases and their options, from the fixture's metadata.
    static let cases: [String: [String: JSONScalar]] = {
        let file = try! SafetensorsFile(path: path)
        return try! JSONDecoder().decode([String: [String: JSONScalar]].self, from: Data(file.metadata["cases"]!.utf8))
    }()

    @Test("the hashed initialisation matches the script's values bit for bit")
    func hashedInitialisation() throws {
        let file = try SafetensorsFile(path: Self.path)
        for name in file.names where name.contains(".param.") {
            let parameterName = String(name.split(separator: ".", maxSplits: 2)[2])
            let expected = try file.tensor(named: name)
            #expect(GoldenWeights.tensor(parameterName, shape: expected.shape).values == expected.values, "\(name)")
        }
    }

    @Test("forward output, input gradient and parameter gradients", arguments: cases.keys.sorted())
    func layer(name: String) throws {
        let file = try SafetensorsFile(path: Self.path)
        let options = Self.cases[name]!
        let input = try file.tensor(named: "\(name).input")
        if options["kind"]?.string == "cross_entropy" {
            try checkCrossEntropy(name, options, file: file, logits: input)
            return
        }
        let layer = try Self.makeLayer(options)
        GoldenWeights.fill(layer)
        layer.setMode(options["mode"]?.string == "eval" ? .evaluation : .training)
        let output = layer.forward(input)
        try expectClose(output, file, "\(name).output")
        let inputGradient = layer.backward(try file.tensor(named: "\(name).upstream"))
        try expectClose(inputGradient, file, "\(name).grad.input")
        for (parameterName, parameter) in layer.namedParameters() {
            try expectClose(parameter.gradient, file, "\(name).grad.\(parameterName)")
        }
        for (bufferName, buffer) in layer.namedBuffers() {
            try expectClose(buffer.value, file, "\(name).buffer.\(bufferName)")
        }
    }

    private func checkCrossEntropy(_ name: String, _ options: [String: JSONScalar], file: SafetensorsFile, logits: Tensor) throws {
        let labels = try file.tensor(named: "\(name).labels").values.map { Int($0) }
        let loss = SoftmaxCrossEntropy(labelSmoothing: Float(options["label_smoothing"]!.number!))
        let (value, gradient) = loss(logits: logits, labels: labels)
        try expectClose(try Tensor(shape: [1], values: [value]), file, "\(name).output")
        try expectClose(gradient, file, "\(name).grad.input")
    }

    private func expectClose(_ actual: Tensor, _ file: SafetensorsFile, _ name: String) throws {
        let expected = try file.tensor(named: name)
        #expect(actual.count == expected.count, "\(name): shape \(actual.shape) vs torch \(expected.shape)")
        let check = GoldenWeights.close(actual, expected, relative: Self.tolerance)
        #expect(check.ok, "\(name): max error \(check.error) > \(check.bound)")
    }

    /// The engine layer a case describes.
    static func makeLayer(_ options: [String: JSONScalar]) throws -> any Layer {
        func int(_ key: String) -> Int { Int(options[key]!.number!) }
        var generator = SeededGenerator(seed: 0)
        switch options["kind"]!.string! {
        case "conv2d":
            let padding: Padding = options["padding"]?.string == "same" ? .same : .symmetric(int("padding"))
            return Conv2d(int("in"), int("out"), kernelSize: int("kernel"), stride: int("stride"), padding: padding,
                          groups: int("groups"), bias: options["bias"]!.bool!, generator: &generator)
        case "batchnorm2d":
            return BatchNorm2d(int("channels"), epsilon: Float(options["eps"]!.number!), momentum: Float(options["momentum"]!.number!))
        case "relu": return ReLU()
        case "relu6": return ReLU.six()
        case "maxpool2d": return MaxPool2d(kernelSize: int("kernel"), stride: int("stride"), padding: int("padding"))
        case "avgpool2d": return AvgPool2d(kernelSize: int("kernel"), stride: int("stride"), padding: int("padding"))
        case "global_avgpool": return GlobalAvgPool2d()
        case "adaptive_avgpool": return AdaptiveAvgPool2d(outputHeight: int("size"), outputWidth: int("size"))
        case "linear": return Linear(int("in"), int("out"), generator: &generator)
        case let other: throw GoldenFixtureError(message: "unknown layer kind \(other) in layers.safetensors")
        }
    }
}

/// A fixture that does not describe what the test expects.
struct GoldenFixtureError: Error {
    var message: String
}

/// A JSON string, number or bool from a fixture's metadata.
enum JSONScalar: Decodable {
    case string(String), number(Double), bool(Bool)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Double.self) { self = .number(value); return }
        self = .string(try container.decode(String.self))
    }

    var string: String? { if case let .string(value) = self { return value }; return nil }
    var number: Double? { if case let .number(value) = self { return value }; return nil }
    var bool: Bool? { if case let .bool(value) = self { return value }; return nil }
}
