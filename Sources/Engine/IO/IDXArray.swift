/// An array in the IDX format of the MNIST family (MNIST, Fashion-MNIST, EMNIST, KMNIST).
///
/// Layout (http://yann.lecun.com/exdb/mnist/): two zero bytes, an element-type byte, the number of
/// dimensions, each dimension as a big-endian UInt32, then the elements big-endian in row-major order.
/// Files may be gzip-compressed (`*.gz`); `read(path:)` handles both.
public struct IDXArray: Equatable, Sendable {
    /// The element type byte of the header.
    public enum ElementType: UInt8, Sendable {
        case uint8 = 0x08, int8 = 0x09, int16 = 0x0B, int32 = 0x0C, float32 = 0x0D, float64 = 0x0E

        /// Bytes per element.
        public var byteSize: Int {
            switch self {
            case .uint8, .int8: return 1
            case .int16: return 2
            case .int32, .float32: return 4
            case .float64: return 8
            }
        }
    }

    /// The element type.
    public var elementType: ElementType
    /// The dimensions, outermost first (`[count, rows, columns]` for images, `[count]` for labels).
    public var dimensions: [Int]
    /// The elements as stored: big-endian, row-major.
    public var payload: [UInt8]

    /// The number of elements.
    public var count: Int { dimensions.reduce(1, *) }

    /// Every element as a Float.
    public func floatValues() -> [Float] {
        if elementType == .uint8 { return payload.map(Float.init) }
        return (0..<count).map { element($0) }
    }

    /// Every element as an integer; an element that is not one (NaN, infinite, fractional, beyond `Int`)
    /// is an error naming its index, not a trap. The error's path is empty: the array does not know it.
    public func integerValues() throws(IDXError) -> [Int] {
        try (0..<count).map { (index) throws(IDXError) -> Int in
            guard let integer = Int(exactly: element(index)) else {
                throw IDXError(path: "", "element \(index) is \(element(index)), not an integer")
            }
            return integer
        }
    }

    /// The most classes a label file may name (label values 0 ..< `maximumClassCount`).
    public static let maximumClassCount = 1 << 16

    /// Every element as a class index in 0 ..< `maximumClassCount`; anything else is an error naming
    /// the label's index (the error's path is empty).
    public func classLabels() throws(IDXError) -> [Int] {
        try (0..<count).map { (index) throws(IDXError) -> Int in
            guard let label = Int(exactly: element(index)), label >= 0, label < Self.maximumClassCount else {
                throw IDXError(path: "", "label \(index) is \(element(index)); class labels are integers in 0 ..< \(Self.maximumClassCount)")
            }
            return label
        }
    }

    /// The element at flat index `index`.
    public func element(_ index: Int) -> Float {
        let size = elementType.byteSize
        var bits: UInt64 = 0
        for byte in payload[(index * size)..<((index + 1) * size)] { bits = bits << 8 | UInt64(byte) }
        switch elementType {
        case .uint8: return Float(UInt8(bits))
        case .int8: return Float(Int8(bitPattern: UInt8(bits)))
        case .int16: return Float(Int16(bitPattern: UInt16(bits)))
        case .int32: return Float(Int32(bitPattern: UInt32(bits)))
        case .float32: return Float(bitPattern: UInt32(bits))
        case .float64: return Float(Double(bitPattern: bits))
        }
    }

    /// Image `index` of a `[count, rows, columns]` UInt8 array, gray expanded to RGB.
    public func rgbImage(at index: Int) -> RGBImage {
        precondition(elementType == .uint8 && dimensions.count == 3, "not an array of 8-bit images")
        let plane = dimensions[1] * dimensions[2]
        var pixels = [UInt8](repeating: 0, count: plane * 3)
        for pixel in 0..<plane {
            let value = payload[index * plane + pixel]
            pixels[3 * pixel] = value
            pixels[3 * pixel + 1] = value
            pixels[3 * pixel + 2] = value
        }
        return RGBImage(width: dimensions[2], height: dimensions[1], pixels: pixels)
    }
}
