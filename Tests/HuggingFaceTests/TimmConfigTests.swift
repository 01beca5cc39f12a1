import Foundation
@testable import HuggingFace
import Manifest
import Testing

@Suite("config.json in timm's format")
struct TimmConfigTests {
    static let digest = try! Digest(parsing: "sha256:" + String(repeating: "12", count: 32))
    static let head = WeightGroup(group: "head", digest: digest, size: 100, parameters: ["fc.weight"])

    @Test("EfficientNet-Lite0: tf_efficientnet_lite0, the renamed weights, (x-127)/128 as mean 127/255 and std 128/255")
    func lite0() throws {
        let manifest = TestManifests.manifest(weights: [Self.head])
        let config = try #require(TimmConfig(manifest: manifest, digest: Self.digest))
        let json = try JSONValue(parsing: config.data)
        #expect(json["architecture"] == .string("tf_efficientnet_lite0"))
        #expect(json["num_classes"] == .number(3))
        #expect(json["label_names"] == .array([.string("shirt"), .string("shoe"), .string("bag")]))
        #expect(json["hub"] == .object(["manifest": .string(Self.digest.description)]))
        let cfg = try #require(json["pretrained_cfg"])
        let third = JSONValue.number(127.0 / 255), half = JSONValue.number(128.0 / 255)
        var expected: [String: JSONValue] = [:]
        expected["input_size"] = .array([.number(3), .number(224), .number(224)])
        expected["interpolation"] = .string("bilinear")
        expected["crop_pct"] = .number(0.875)
        expected["crop_mode"] = .string("center")
        expected["mean"] = .array([third, third, third])
        expected["std"] = .array([half, half, half])
        expected["num_classes"] = .number(3)
        expected["first_conv"] = .string("conv_stem")
        expected["classifier"] = .string("classifier")
        expected["license"] = .string("apache-2.0")
        expected["hf_hub_filename"] = .string("timm/model.safetensors")
        #expect(cfg == .object(expected))
    }

    @Test("ResNets and VGG-16 read hub's names as they are; VGG's classifier is head.fc", arguments: [
        ("resnet", "resnet50", "resnet50", "fc"), ("resnet", "50", "resnet50", "fc"), ("resnet", "resnet18", "resnet18", "fc"),
        ("vgg", "vgg16", "vgg16", "head.fc"), ("vgg", "16", "vgg16", "head.fc"),
        ("mobilenet_v2", "mobilenet_v2", "mobilenetv2_100", "classifier"), ("mobilenet_v2", "1.0", "mobilenetv2_100", "classifier"),
        ("efficientnet_lite", "lite2", "tf_efficientnet_lite2", "classifier"),
    ])
    func names(family: String, variant: String, timm: String, classifier: String) throws {
        let manifest = TestManifests.manifest(family: family, variant: variant, weights: [Self.head])
        let config = try #require(TimmConfig(manifest: manifest, digest: Self.digest))
        #expect(config.architecture == timm && config.classifier == classifier)
        #expect((config.weightsFile != nil) == (timm.hasPrefix("mobilenet") || timm.hasPrefix("tf_")))
    }

    @Test("no config for small_cnn, a hidden-layer head, BGR input or symmetric padding")
    func notTimmCompatible() {
        var manifests = [TestManifests.manifest(family: "small_cnn", variant: "16", weights: [Self.head])]
        var hidden = TestManifests.manifest(weights: [Self.head])
        hidden.architecture.config["headHidden"] = .number(256)
        var bgr = TestManifests.manifest(family: "resnet", variant: "resnet50", weights: [Self.head])
        bgr.input.channelOrder = "BGR"
        var symmetric = TestManifests.manifest(weights: [Self.head])
        symmetric.architecture.config["padding"] = .string("symmetric")
        manifests += [hidden, bgr, symmetric]
        for manifest in manifests { #expect(TimmConfig(manifest: manifest, digest: Self.digest) == nil) }
    }

    @Test("crop_pct makes timm resize to exactly resizeShortSide for every 32 <= H <= 1024, H <= resize < 2H")
    func cropPercentage() {
        var wrong: [(Int, Int)] = []
        for height in 32...1024 {
            for resize in height..<(2 * height) {
                guard let crop = TimmConfig.cropPercentage(height: height, resizeShortSide: resize),
                      (Double(height) / crop).rounded(.down) == Double(resize) else {
                    wrong.append((height, resize))
                    continue
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) pairs, first \(wrong.prefix(3))")
    }

    @Test("the same manifest and digest give the same bytes")
    func deterministic() throws {
        let manifest = TestManifests.manifest(weights: [Self.head])
        #expect(TimmConfig(manifest: manifest, digest: Self.digest)?.data == TimmConfig(manifest: manifest, digest: Self.digest)?.data)
    }
}
