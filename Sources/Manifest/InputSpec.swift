/// `input`: what the network takes and how to turn an image into it, so that a pulled model
/// predicts correctly without outside knowledge.
public struct InputSpec: Codable, Hashable, Sendable {
    /// `shape`: `[channels, height, width]` of one input.
    public var shape: [Int]
    /// `channelOrder`: `RGB` or `BGR`.
    public var channelOrder: String
    /// `preprocessing`: the steps from a decoded image to the input tensor.
    public var preprocessing: Preprocessing

    /// An input description.
    public init(shape: [Int], channelOrder: String = "RGB", preprocessing: Preprocessing) {
        self.shape = shape
        self.channelOrder = channelOrder
        self.preprocessing = preprocessing
    }
}

/// `input.preprocessing`: resize, crop, then normalise.
public struct Preprocessing: Codable, Hashable, Sendable {
    /// `resizeShortSide`: resize so the shorter side has this many pixels, keeping the aspect ratio.
    public var resizeShortSide: Int
    /// `interpolation`: `nearest`, `bilinear` or `bicubic`.
    public var interpolation: String
    /// `centerCrop`: `[height, width]` cut from the centre after resizing.
    public var centerCrop: [Int]
    /// `normalization`: how pixel values (0...255) become input values.
    public var normalization: Normalization

    /// A preprocessing description.
    public init(resizeShortSide: Int, interpolation: String, centerCrop: [Int], normalization: Normalization) {
        self.resizeShortSide = resizeShortSide
        self.interpolation = interpolation
        self.centerCrop = centerCrop
        self.normalization = normalization
    }
}

/// `input.preprocessing.normalization`: one of two forms, told apart by `kind`.
///
/// - `{"kind":"meanStd","mean":[...],"std":[...]}`: `value = (pixel / 255 - mean[c]) / std[c]`
/// - `{"kind":"scaleOffset","scale":s,"offset":o}`: `value = pixel * s + o`
public enum Normalization: Codable, Hashable, Sendable {
    /// Per-channel mean and standard deviation on the 0...1 scale (torchvision style).
    case meanStd(mean: [Double], std: [Double])
    /// One affine map on the 0...255 scale, e.g. `(pixel - 127) / 128`.
    case scaleOffset(scale: Double, offset: Double)

    private enum CodingKeys: String, CodingKey { case kind, mean, std, scale, offset }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "meanStd":
            self = .meanStd(mean: try container.decode([Double].self, forKey: .mean),
                            std: try container.decode([Double].self, forKey: .std))
        case "scaleOffset":
            self = .scaleOffset(scale: try container.decode(Double.self, forKey: .scale),
                                offset: try container.decode(Double.self, forKey: .offset))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "expected \"meanStd\" or \"scaleOffset\", got \"\(other)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .meanStd(mean, std):
            try container.encode("meanStd", forKey: .kind)
            try container.encode(mean, forKey: .mean)
            try container.encode(std, forKey: .std)
        case let .scaleOffset(scale, offset):
            try container.encode("scaleOffset", forKey: .kind)
            try container.encode(scale, forKey: .scale)
            try container.encode(offset, forKey: .offset)
        }
    }
}
