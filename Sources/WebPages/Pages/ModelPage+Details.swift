import Foundation
import Manifest

extension ModelPage {
    /// A name and a value shown side by side (architecture config, hyperparameters).
    struct Pair: Sendable, Equatable {
        let name: String
        let value: String
    }

    /// The version's short facts.
    struct Facts: Sendable {
        let license: String
        let author: String
        let created: String
        let task: String
        let domainTags: [String]
        /// nil when empty.
        let domainDescription: String?

        init(_ manifest: ModelManifest) {
            license = manifest.license
            author = manifest.author
            created = DisplayNumber.date(manifest.created)
            task = manifest.task
            domainTags = manifest.domain.tags
            domainDescription = manifest.domain.description.isEmpty ? nil : manifest.domain.description
        }
    }

    /// `architecture`: family, variant, classes and the builder's extra settings.
    struct ArchitectureView: Sendable {
        let family: String
        let variant: String
        let classes: String
        let config: [Pair]

        init(_ architecture: Architecture) {
            family = architecture.family
            variant = architecture.variant
            classes = DisplayNumber.count(architecture.numClasses)
            config = Pair.sorted(architecture.config)
        }
    }

    /// `input`: the tensor the network takes and how an image becomes it.
    struct InputView: Sendable {
        let shape: String
        let channelOrder: String
        let resizeShortSide: String
        let interpolation: String
        let centerCrop: String
        let normalization: String

        init(_ input: InputSpec) {
            shape = input.shape.map(String.init).joined(separator: " × ")
            channelOrder = input.channelOrder
            resizeShortSide = "\(input.preprocessing.resizeShortSide) px"
            interpolation = input.preprocessing.interpolation
            centerCrop = input.preprocessing.centerCrop.map(String.init).joined(separator: " × ")
            normalization = Self.text(input.preprocessing.normalization)
        }

        /// `mean [0.485, …], std [0.229, …] (0…1 scale)` or `pixel × 0.0078 + -1`.
        static func text(_ normalization: Normalization) -> String {
            switch normalization {
            case let .meanStd(mean, std):
                let list = { (values: [Double]) in "[" + values.map { "\($0)" }.joined(separator: ", ") + "]" }
                return "mean \(list(mean)), std \(list(std)) (on the 0…1 scale)"
            case let .scaleOffset(scale, offset):
                return "pixel × \(scale) + \(offset) (on the 0…255 scale)"
            }
        }
    }

    /// `labels`, folded away (`<details>`) when there are many.
    struct LabelList: Sendable {
        /// More labels than this are folded.
        static let unfoldedMaximum = 24
        let count: String
        let names: [String]
        let folded: Bool
        let isEmpty: Bool

        init(_ labels: [String]) {
            count = DisplayNumber.count(labels.count)
            names = labels
            folded = labels.count > Self.unfoldedMaximum
            isEmpty = labels.isEmpty
        }
    }

    /// One entry of `datasets`.
    struct DatasetRow: Sendable {
        let name: String
        let split: String
        let size: String
        let fingerprint: String

        init(_ dataset: DatasetInfo) {
            name = dataset.name
            split = dataset.split
            size = DisplayNumber.count(dataset.size)
            fingerprint = dataset.fingerprint?.short ?? ""
        }
    }
}

extension ModelPage.Pair {
    /// The entries of a JSON object sorted by key, values as compact JSON (strings without quotes).
    static func sorted(_ object: [String: JSONValue]) -> [ModelPage.Pair] {
        object.keys.sorted().map { ModelPage.Pair(name: $0, value: text(object[$0]!)) }
    }

    /// A JSON value as text: a string as itself, anything else as JSON.
    static func text(_ value: JSONValue) -> String {
        if case let .string(string) = value { return string }
        guard let data = try? CanonicalJSON.encode(value) else { return value.kindName }
        return String(decoding: data, as: UTF8.self)
    }
}
