extension ImagePreprocessor {
    /// The resized and cropped image, before normalisation.
    public func geometry(_ image: RGBImage) -> RGBImage {
        var result = image
        if let side = resizeShortSide {
            let (width, height) = Self.shortSideSize(width: image.width, height: image.height, shortSide: side)
            result = result.resized(width: width, height: height, interpolation: interpolation)
        }
        if let crop = centerCrop {
            let top = Self.cropOrigin(size: result.height, crop: crop.height)
            let left = Self.cropOrigin(size: result.width, crop: crop.width)
            result = result.cropped(x: left, y: top, width: crop.width, height: crop.height)
        }
        return result
    }

    /// A `[N, 3, H, W]` tensor of the prepared images; they must all come out the same size.
    public func tensor(_ images: [RGBImage]) throws(PreprocessingError) -> Tensor {
        try normalized(images.map(geometry))
    }

    /// A `[N, 3, H, W]` tensor from images already resized and cropped (e.g. by augmentation).
    public func normalized(_ images: [RGBImage]) throws(PreprocessingError) -> Tensor {
        guard let first = images.first else { throw PreprocessingError("no images to preprocess") }
        guard let other = images.first(where: { $0.width != first.width || $0.height != first.height }) else {
            let plane = first.width * first.height
            var values = [Float](repeating: 0, count: images.count * 3 * plane)
            let (scale, offset) = channelAffine()
            for (n, image) in images.enumerated() {
                for pixel in 0..<plane {
                    for channel in 0..<3 {
                        let source = channelOrder == .rgb ? channel : 2 - channel
                        let value = Float(image.pixels[pixel * 3 + source])
                        values[(n * 3 + channel) * plane + pixel] = value * scale[source] + offset[source]
                    }
                }
            }
            return try! Tensor(shape: [images.count, 3, first.height, first.width], values: values)
        }
        throw PreprocessingError(
            "images of different sizes (\(first.width)x\(first.height) and \(other.width)x\(other.height)) cannot form one batch; set a centre crop")
    }

    /// Per-channel `value = pixel * scale + offset` (RGB order) equivalent to the normalisation.
    func channelAffine() -> (scale: [Float], offset: [Float]) {
        switch normalization {
        case let .scaleOffset(scale, offset):
            return ([Float](repeating: Float(scale), count: 3), [Float](repeating: Float(offset), count: 3))
        case let .meanStd(mean, std):
            let mean = mean.count == 1 ? [Double](repeating: mean[0], count: 3) : mean
            let std = std.count == 1 ? [Double](repeating: std[0], count: 3) : std
            return ((0..<3).map { Float(1 / (255 * std[$0])) }, (0..<3).map { Float(-mean[$0] / std[$0]) })
        }
    }

    /// torchvision's `Resize(int)`: the short side becomes `shortSide`, the long side `int(shortSide * long / short)`.
    static func shortSideSize(width: Int, height: Int, shortSide: Int) -> (width: Int, height: Int) {
        if width <= height {
            return (shortSide, Int(Double(shortSide) * Double(height) / Double(width)))
        }
        return (Int(Double(shortSide) * Double(width) / Double(height)), shortSide)
    }

    /// torchvision's `CenterCrop` origin: `int(round((size - crop) / 2))` with Python's round-half-to-even,
    /// or the negative padding offset when the crop is larger than the image.
    static func cropOrigin(size: Int, crop: Int) -> Int {
        if crop > size { return -((crop - size) / 2) }
        return Int((Double(size - crop) / 2).rounded(.toNearestOrEven))
    }
}
