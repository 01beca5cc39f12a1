/// How pixels are interpolated when an image is resized, with Pillow's filters so that results match
/// `PIL.Image.resize` (and so torchvision's `Resize` on PIL images).
public enum ImageInterpolation: String, Sendable, Equatable, CaseIterable {
    /// The nearest source pixel.
    case nearest
    /// Pillow's triangle filter (support 1), widened when downscaling (antialiased).
    case bilinear
    /// Pillow's cubic filter (a = -0.5, support 2), widened when downscaling (antialiased).
    case bicubic

    /// The filter's support radius at scale 1.
    var support: Double {
        switch self {
        case .nearest: return 0
        case .bilinear: return 1
        case .bicubic: return 2
        }
    }

    /// The filter's weight at distance `x` (Pillow's `bilinear_filter` / `bicubic_filter`).
    func weight(_ x: Double) -> Double {
        let x = abs(x)
        switch self {
        case .nearest:
            return x < 0.5 ? 1 : 0
        case .bilinear:
            return x < 1 ? 1 - x : 0
        case .bicubic:
            let a = -0.5
            if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
            if x < 2 { return (((x - 5) * x + 8) * x - 4) * a }
            return 0
        }
    }
}
