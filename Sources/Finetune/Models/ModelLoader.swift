import Engine
import Foundation
import Manifest
import ModelStore

/// A cached model rebuilt as an engine network with its weights loaded.
public struct LoadedModel {
    /// The model in the cache.
    public let cached: CachedModel
    /// The network, weights loaded, in inference mode.
    public let network: Network
    /// The manifest's preprocessing.
    public let preprocessor: ImagePreprocessor

    /// `input.shape`: `[channels, height, width]`.
    public var inputShape: [Int] { cached.manifest.input.shape }
}

/// Builds networks from manifests (`architecture`) and loads their weight blobs from the cache.
public enum ModelLoader {
    /// The engine's architecture for a manifest's `architecture` field (`config.headHidden` aside).
    public static func specification(_ architecture: Architecture) -> ArchitectureSpec {
        var options: [String: String] = [:]
        for (key, value) in architecture.config where key != "headHidden" {
            if let text = value.stringValue { options[key] = text }
            if let number = value.numberValue { options[key] = number == number.rounded() ? String(Int(number)) : String(number) }
        }
        let variant = architecture.variant.lowercased().replacingOccurrences(of: "-", with: "_")
        if variant.hasPrefix(architecture.family.lowercased()) || variant.hasPrefix("efficientnet") {
            return ArchitectureSpec(name: variant, classCount: architecture.numClasses, options: options)
        }
        return ArchitectureSpec(family: architecture.family, variant: architecture.variant,
                                classCount: architecture.numClasses, options: options)
    }

    /// The architectures the engine builds, by the names manifests use (`resnet50`, `efficientnet_lite0`).
    public static let supportedArchitectures = ["resnet18", "resnet34", "resnet50", "mobilenet_v2", "efficientnet_lite0",
                                                "efficientnet_lite1", "efficientnet_lite2", "vgg16", "small_cnn"]

    /// The network of `architecture` with freshly initialised weights (a `headHidden` head included).
    /// An architecture the engine has no builder for (e.g. one imported from timm, family `timm`) is
    /// refused by name, with the list of those it builds.
    public static func build(_ architecture: Architecture, seed: UInt64 = 0) throws(FinetuneError) -> Network {
        let network: Network
        do throws(ArchitectureError) {
            network = try specification(architecture).build(seed: seed)
        } catch {
            if case .invalidOption = error {
                throw FinetuneError(.failure, "cannot build architecture \(architecture.family)/\(architecture.variant): \(error)")
            }
            throw unsupported(architecture)
        }
        if let hidden = architecture.config["headHidden"]?.numberValue {
            network.replaceHead(classCount: architecture.numClasses, hidden: Int(hidden), seed: seed)
        }
        return network
    }

    /// The refusal of an architecture the engine cannot build: its name (timm's for a timm import) and
    /// the ones the engine supports. Such models can still be stored, pulled and served to timm.
    static func unsupported(_ architecture: Architecture) -> FinetuneError {
        let name = architecture.config["timm"]?.stringValue ?? architecture.variant
        return FinetuneError(.usage, "the engine does not support architecture \(name) (family \(architecture.family)) yet; "
            + "it supports: \(supportedArchitectures.joined(separator: ", "))",
            advice: "the model can still be pulled, and loaded with timm through the registry's Hugging Face API")
    }

    /// Rebuilds the model and loads every weight group from the cache.
    public static func load(_ cached: CachedModel, cache: ModelCache) throws(FinetuneError) -> LoadedModel {
        let network = try build(cached.manifest.architecture)
        var state: [String: Tensor] = [:]
        for (group, path) in try stored({ () throws(StoreError) in try cache.weightPaths(for: cached.manifest) }) {
            do {
                let tensors = try SafetensorsFile(path: path).readAll()
                for name in tensors.names { state[name] = tensors[name] }
            } catch {
                throw FinetuneError(.integrity, "layer group \"\(group)\" of \(cached.reference) is unreadable: \(error)",
                                  advice: "run `hub cache verify`, then pull the model again")
            }
        }
        do {
            try network.load(stateDict: state)
        } catch {
            throw FinetuneError(.integrity, "the weights of \(cached.reference) do not fit its architecture "
                + "\(cached.manifest.architecture.family)/\(cached.manifest.architecture.variant): \(error)")
        }
        network.setMode(.inference)
        let preprocessor: ImagePreprocessor
        do {
            preprocessor = try ImagePreprocessor(cached.manifest.input)
        } catch {
            throw FinetuneError(.failure, "the preprocessing of \(cached.reference) is not usable: \(error)")
        }
        return LoadedModel(cached: cached, network: network, preprocessor: preprocessor)
    }

    /// The safetensors bytes of one layer group: its parameters and buffers, deterministic.
    public static func groupBlob(_ network: Network, group: String) -> (data: Data, names: [String]) {
        var tensors = NamedTensors()
        for (name, parameter) in network.namedParameters(group: group) { tensors.set(parameter.value, for: name) }
        return (Data(SafetensorsWriter.encode(tensors)), tensors.names.sorted())
    }
}
