/// An 8-bit RGB image, rows top to bottom, pixels interleaved `R G B R G B ...`.
///
/// The common form every decoder produces (grayscale and palette images are expanded, alpha is dropped)
/// and the input of resizing, cropping, augmentation and normalisation.
public struct RGBImage: Equatable, Sendable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// `height * width * 3` bytes.
    public var pixels: [UInt8]

    /// An image from interleaved RGB bytes; `pixels.count` must be `width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3, "RGB image size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A `width` x `height` image filled with one colour.
    public init(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8) {
        self.init(width: width, height: height, pixels: [UInt8]((0..<(width * height)).flatMap { _ in [red, green, blue] }))
    }

    /// The pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let index = (y * width + x) * 3
        return (pixels[index], pixels[index + 1], pixels[index + 2])
    }
}
