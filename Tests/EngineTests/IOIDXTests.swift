import Foundation
import Testing

@testable import Engine

@Suite("IDX (MNIST family) reader")
struct IOIDXTests {
    /// Values written by numpy in scripts/golden/make_io_fixtures.py.
    static let expected: IDXExpected = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: IOFixtures.path("idx.expected.json")))
        return try! JSONDecoder().decode(IDXExpected.self, from: data)
    }()

    @Test("gzip-compressed UInt8 images and plain labels")
    func readsImagesAndLabels() throws {
        let images = try IDXArray.read(path: IOFixtures.path("tiny-images-idx3-ubyte.gz"))
        #expect(images.elementType == .uint8)
        #expect(images.dimensions == [3, 4, 5])
        #expect(try images.integerValues() == Self.expected.images)
        let labels = try IDXArray.read(path: IOFixtures.path("tiny-labels-idx1-ubyte"))
        #expect(try labels.integerValues() == Self.expected.labels)
        let second = images.rgbImage(at: 1)
        #expect(second.width == 5 && second.height == 4)
        #expect(second[2, 3] == (UInt8(Self.expected.images[20 + 17]), UInt8(Self.expected.images[37]), UInt8(Self.expected.images[37])))
    }

    @Test("big-endian float32 and int16 elements")
    func readsOtherTypes() throws {
        let floats = try IDXArray.read(path: IOFixtures.path("tiny-floats-idx2-float"))
        #expect(floats.dimensions == [2, 3])
        #expect(floats.floatValues() == Self.expected.floats.map(Float.init))
        let shorts = try IDXArray.read(path: IOFixtures.path("tiny-shorts-idx1-short"))
        #expect(try shorts.integerValues() == Self.expected.shorts)
    }

    @Test("truncated, over-long, non-IDX and missing files are errors naming the file",
          arguments: ["truncated-idx3-ubyte.gz", "trailing-idx1-ubyte", "photo.png", "absent-idx1-ubyte"])
    func rejectsBadFiles(name: String) {
        let path = IOFixtures.path(name)
        let error = #expect(throws: IDXError.self) { try IDXArray.read(path: path) }
        #expect(error?.path == path)
    }

    @Test("Debian's Fashion-MNIST test set (package dataset-fashion-mnist) reads as numpy reads it")
    func fashionMNIST() throws {
        let directory = "/usr/share/datasets/fashion-mnist"
        let images = try IDXArray.read(path: "\(directory)/t10k-images-idx3-ubyte.gz")
        let labels = try IDXArray.read(path: "\(directory)/t10k-labels-idx1-ubyte.gz")
        let reference = Self.expected.fashion_t10k
        #expect(images.dimensions == [10_000, 28, 28])
        #expect(images.payload.reduce(0) { $0 + Int($1) } == reference.pixel_sum)
        #expect(images.payload[(14 * 28)..<(15 * 28)].map(Int.init) == reference.image_0_row_14)
        let values = try labels.integerValues()
        #expect(Array(values.prefix(20)) == reference.first_labels)
        #expect((0..<10).map { label in values.filter { $0 == label }.count } == reference.label_counts)
    }
}

/// idx.expected.json.
struct IDXExpected: Decodable {
    struct Fashion: Decodable {
        var first_labels: [Int]
        var label_counts: [Int]
        var pixel_sum: Int
        var image_0_row_14: [Int]
    }

    var images: [Int]
    var labels: [Int]
    var floats: [Double]
    var shorts: [Int]
    var fashion_t10k: Fashion
}
