import Foundation

/// Training-time augmentation: torchvision's `RandomResizedCrop` followed by `RandomHorizontalFlip`,
/// drawn from a caller-supplied generator so that a seed fixes every crop and flip.
public struct ImageAugmentation: Equatable, Sendable {
    /// Output width and height in pixels.
    public var outputWidth: Int, outputHeight: Int
    /// The crop's area as a fraction of the image's, drawn uniformly from this range.
    public var scale: ClosedRange<Double>
    /// The crop's aspect ratio (width / height), drawn log-uniformly from this range.
    public var ratio: ClosedRange<Double>
    /// Probability of mirroring left to right.
    public var flipProbability: Double
    /// The filter used to resize the crop.
    public var interpolation: ImageInterpolation

    /// torchvision's defaults: scale 0.08...1, ratio 3/4...4/3, flip with probability 0.5, bilinear.
    public init(
        outputWidth: Int, outputHeight: Int, scale: ClosedRange<Double> = 0.08...1,
        ratio: ClosedRange<Double> = (3.0 / 4)...(4.0 / 3), flipProbability: Double = 0.5,
        interpolation: ImageInterpolation = .bilinear
    ) {
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
        self.scale = scale
        self.ratio = ratio
        self.flipProbability = flipProbability
        self.interpolation = interpolation
    }

    /// One random crop of `image`, resized to the output size and possibly flipped.
    public func apply(_ image: RGBImage, using generator: inout some RandomNumberGenerator) -> RGBImage {
        let crop = cropRectangle(width: image.width, height: image.height, using: &generator)
        var result = image.cropped(x: crop.x, y: crop.y, width: crop.width, height: crop.height)
            .resized(width: outputWidth, height: outputHeight, interpolation: interpolation)
        if Double.random(in: 0..<1, using: &generator) < flipProbability {
            result = result.flippedHorizontally()
        }
        return result
    }

    /// `RandomResizedCrop.get_params`: ten tries at a crop of random area and aspect ratio that fits,
    /// then the largest centred crop within the ratio range.
    public func cropRectangle(
        width: Int, height: Int, using generator: inout some RandomNumberGenerator
    ) -> (x: Int, y: Int, width: Int, height: Int) {
        let area = Double(width * height)
        let logRatio = log(ratio.lowerBound)...log(ratio.upperBound)
        for _ in 0..<10 {
            let targetArea = area * Double.random(in: scale, using: &generator)
            let aspect = exp(Double.random(in: logRatio, using: &generator))
            let cropWidth = Int((targetArea * aspect).squareRoot().rounded(.toNearestOrEven))
            let cropHeight = Int((targetArea / aspect).squareRoot().rounded(.toNearestOrEven))
            if cropWidth > 0, cropWidth <= width, cropHeight > 0, cropHeight <= height {
                let y = Int.random(in: 0...(height - cropHeight), using: &generator)
                let x = Int.random(in: 0...(width - cropWidth), using: &generator)
                return (x, y, cropWidth, cropHeight)
            }
        }
        let inputRatio = Double(width) / Double(height)
        var cropWidth = width, cropHeight = height
        if inputRatio < ratio.lowerBound {
            cropHeight = Int((Double(cropWidth) / ratio.lowerBound).rounded(.toNearestOrEven))
        } else if inputRatio > ratio.upperBound {
            cropWidth = Int((Double(cropHeight) * ratio.upperBound).rounded(.toNearestOrEven))
        }
        return ((width - cropWidth) / 2, (height - cropHeight) / 2, cropWidth, cropHeight)
    }
}
