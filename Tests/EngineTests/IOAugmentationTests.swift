import Testing

@testable import Engine

@Suite("random resized crop and flip")
struct IOAugmentationTests {
    static let photo = try! ImageDecoder.decode(path: IOFixtures.path("photo.png"))

    @Test("the same seed gives the same crops and flips; another seed gives others")
    func seeded() {
        let augmentation = ImageAugmentation(outputWidth: 16, outputHeight: 16)
        func run(_ seed: UInt64) -> [RGBImage] {
            var generator = SeededGenerator(seed: seed)
            return (0..<8).map { _ in augmentation.apply(Self.photo, using: &generator) }
        }
        #expect(run(1) == run(1))
        #expect(run(1) != run(2))
        #expect(run(1).allSatisfy { $0.width == 16 && $0.height == 16 })
    }

    @Test("crops stay inside the image with area and aspect ratio in range (or fall back to the centre)")
    func cropBounds() {
        let augmentation = ImageAugmentation(outputWidth: 8, outputHeight: 8)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let crop = augmentation.cropRectangle(width: 37, height: 23, using: &generator)
            #expect(crop.x >= 0 && crop.y >= 0 && crop.x + crop.width <= 37 && crop.y + crop.height <= 23)
            let area = Double(crop.width * crop.height) / Double(37 * 23)
            #expect(area >= 0.06 && area <= 1.0)
        }
        // A 100x1 strip admits no crop of ratio <= 4/3 and area >= 8 %: the centred fallback is used.
        let strip = augmentation.cropRectangle(width: 100, height: 1, using: &generator)
        #expect(strip.width == 1 && strip.height == 1 && strip.x == 49 && strip.y == 0)
    }

    @Test("flip probability 1 mirrors, 0 never does")
    func flips() {
        var generator = SeededGenerator(seed: 3)
        let whole = ImageAugmentation(outputWidth: 37, outputHeight: 23, scale: 1...1, ratio: (37.0 / 23)...(37.0 / 23),
                                      flipProbability: 1)
        #expect(whole.apply(Self.photo, using: &generator) == Self.photo.flippedHorizontally())
        var never = whole
        never.flipProbability = 0
        #expect(never.apply(Self.photo, using: &generator) == Self.photo)
        #expect(Self.photo.flippedHorizontally().flippedHorizontally() == Self.photo)
        #expect(Self.photo.flippedHorizontally()[0, 0] == Self.photo[36, 0])
    }
}
