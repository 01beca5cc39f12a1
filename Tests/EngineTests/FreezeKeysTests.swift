import Testing
@testable import Engine

/// `freeze(keys:strict:)` and `unfreeze(keys:strict:)`: the same name matching as `freeze(keys:)`,
/// and with `strict` a key that names no parameter is an error that changes nothing.
@Suite("Freezing by key, strict")
struct FreezeKeysTests {
    private func network() throws -> Network {
        try ArchitectureSpec(name: "resnet18", classCount: 4).build(seed: 1)
    }

    @Test("strict freeze of known keys freezes exactly what the lenient one does")
    func strictMatchesLenient() throws {
        let strict = try network(), lenient = try network()
        try strict.freeze(keys: ["conv1", "layer1", "layer2.0.bn1"], strict: true)
        lenient.freeze(keys: ["conv1", "layer1", "layer2.0.bn1"])
        #expect(strict.trainableParameters().map(\.0) == lenient.trainableParameters().map(\.0))
        #expect(!strict.trainableParameters().contains { $0.0.hasPrefix("layer1.") || $0.0 == "conv1.weight" })
        #expect(strict.trainableParameters().contains { $0.0 == "layer2.0.conv1.weight" })
    }

    @Test("an unknown key throws naming it, and nothing is frozen")
    func unknownKeyThrows() throws {
        let model = try network()
        #expect(throws: ParameterKeyError.self) { try model.freeze(keys: ["layer1", "layer9"], strict: true) }
        do {
            try model.freeze(keys: ["layer1", "layer9", "fc.wieght"], strict: true)
        } catch {
            #expect(error.unknownKeys == ["layer9", "fc.wieght"])
            #expect(error.topLevelNames.first == "conv1" && error.topLevelNames.contains("fc"))
            #expect(error.description.contains("\"layer9\"") && error.description.contains("layer4"))
        }
        #expect(model.trainableParameters().count == model.namedParameters().count)
    }

    @Test("a key matches whole name components only: layer1 is not a prefix of layer10")
    func componentMatching() throws {
        let model = try network()
        #expect(throws: ParameterKeyError.self) { try model.freeze(keys: ["layer"], strict: true) }
        #expect(throws: ParameterKeyError.self) { try model.freeze(keys: ["layer1.0.conv"], strict: true) }
        try model.freeze(keys: ["layer1.0.conv1.weight"], strict: true)
        #expect(model.namedParameters().filter { $0.1.isFrozen }.map(\.0) == ["layer1.0.conv1.weight"])
    }

    @Test("strict unfreeze: known keys unfreeze, an unknown one throws and changes nothing")
    func strictUnfreeze() throws {
        let model = try network()
        model.freeze()
        #expect(throws: ParameterKeyError.self) { try model.unfreeze(keys: ["fc", "head"], strict: true) }
        #expect(model.trainableParameters().isEmpty)
        try model.unfreeze(keys: ["fc"], strict: true)
        #expect(model.trainableParameters().map(\.0) == ["fc.weight", "fc.bias"])
    }

    @Test("non-strict freeze ignores unknown keys")
    func lenientIgnoresUnknown() throws {
        let model = try network()
        try model.freeze(keys: ["layer9"], strict: false)
        #expect(model.trainableParameters().count == model.namedParameters().count)
    }
}
