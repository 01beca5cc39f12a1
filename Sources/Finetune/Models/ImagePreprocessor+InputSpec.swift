import Engine
import Manifest

extension ImagePreprocessor {
    /// The pipeline a model manifest's `input` describes: its names (`bicubic`, `BGR`) and
    /// normalisation mapped to the engine's plain values.
    public init(_ input: InputSpec) throws(PreprocessingError) {
        let steps = input.preprocessing
        guard let interpolation = ImageInterpolation(rawValue: steps.interpolation) else {
            throw PreprocessingError("unknown interpolation '\(steps.interpolation)' (expected nearest, bilinear or bicubic)")
        }
        guard let order = ChannelOrder(rawValue: input.channelOrder) else {
            throw PreprocessingError("unknown channel order '\(input.channelOrder)' (expected RGB or BGR)")
        }
        guard steps.centerCrop.count == 2 else {
            throw PreprocessingError("centerCrop must be [height, width], got \(steps.centerCrop)")
        }
        self.init(resizeShortSide: steps.resizeShortSide, interpolation: interpolation,
                  centerCrop: (steps.centerCrop[0], steps.centerCrop[1]),
                  normalization: Normalization(steps.normalization), channelOrder: order)
    }
}

extension ImagePreprocessor.Normalization {
    /// The engine's form of a manifest's `input.preprocessing.normalization`.
    public init(_ normalization: Manifest.Normalization) {
        switch normalization {
        case let .meanStd(mean, std): self = .meanStd(mean: mean, std: std)
        case let .scaleOffset(scale, offset): self = .scaleOffset(scale: scale, offset: offset)
        }
    }
}
