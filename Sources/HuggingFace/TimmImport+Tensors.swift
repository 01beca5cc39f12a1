import Foundation
import Safetensors

extension TimmImport {
    /// One tensor of the upload under hub's name.
    struct Tensor {
        var fileName: String
        var dtype: SafetensorsDType
        var shape: [Int]
    }

    /// The upload's tensors by hub name, in the file's data order.
    struct Tensors {
        var order: [String] = []
        var byHubName: [String: Tensor] = [:]
    }

    /// The file's tensors under hub's names: for an architecture hub knows, timm's names mapped back
    /// (rules A and B inverted; VGG-16's `pre_logits.fc1/fc2` and `head.fc` back to `classifier.0/3/6`,
    /// convolution-shaped weights flattened) and `num_batches_tracked` dropped (hub's engine keeps none);
    /// for any other architecture every tensor as it is.
    func hubTensors(_ source: SafetensorsSource) throws(HuggingFaceError) -> Tensors {
        var tensors = Tensors()
        let known = knownArchitecture
        for entry in source.header.entries {
            var tensor = Tensor(fileName: entry.name, dtype: entry.dtype, shape: entry.shape)
            var name = entry.name
            if let known {
                if name.hasSuffix("num_batches_tracked") { continue }
                guard let mapped = Self.hubName(name, shape: &tensor.shape, architecture: known) else {
                    throw HuggingFaceError(.mismatch, "model.safetensors: tensor \"\(name.prefix(200))\" is not part of timm's "
                        + "\(known.name) as hub builds it")
                }
                name = mapped
            }
            guard tensors.byHubName.updateValue(tensor, forKey: name) == nil else {
                throw HuggingFaceError(.mismatch, "model.safetensors: two tensors map to \"\(name.prefix(200))\"")
            }
            tensors.order.append(name)
        }
        guard !tensors.order.isEmpty else { throw HuggingFaceError(.mismatch, "model.safetensors holds no tensors") }
        if let known { try checkClassifier(tensors, architecture: known) }
        return tensors
    }

    /// hub's name for timm's tensor `name` (reshaping VGG's convolution-shaped classifier), or nil.
    static func hubName(_ name: String, shape: inout [Int], architecture: TimmArchitecture) -> String? {
        if let renaming = architecture.renaming {
            if let hub = renaming.hubName(for: name) { return hub }
            return renaming.timmName(for: name) != nil ? name : nil   // already hub's name
        }
        var hub = name
        if architecture.variant == "vgg16" {
            for (timm, torchvision) in [("pre_logits.fc1.", "classifier.0."), ("pre_logits.fc2.", "classifier.3."),
                                        ("head.fc.", "classifier.6.")] where name.hasPrefix(timm) {
                hub = torchvision + name.dropFirst(timm.count)
                if shape.count == 4 { shape = [shape[0], shape[1] * shape[2] * shape[3]] }
            }
        }
        return EngineWeightGroups.group(of: hub, variant: architecture.variant) == nil ? nil : hub
    }

    /// The classifier's output count must be config.json's `num_classes`.
    private func checkClassifier(_ tensors: Tensors, architecture: TimmArchitecture) throws(HuggingFaceError) {
        let classifier = ["resnet18": "fc", "resnet34": "fc", "resnet50": "fc", "vgg16": "classifier.6",
                          "mobilenet_v2": "classifier.1"][architecture.variant] ?? "_fc"
        guard let weight = tensors.byHubName[classifier + ".weight"] else {
            throw HuggingFaceError(.mismatch, "model.safetensors has no classifier weight (\(architecture.classifier).weight "
                + "in timm's names)")
        }
        guard weight.shape.first == config.numClasses else {
            throw HuggingFaceError(.mismatch, "config.json: num_classes is \(config.numClasses), but the classifier "
                + "\(architecture.classifier).weight in model.safetensors has shape \(weight.shape)")
        }
    }
}
