import Foundation
import Testing

@testable import Engine

@Suite("image decoding, resizing and preprocessing against Pillow")
struct IOImageTests {
    static var decoded: SafetensorsFile { try! SafetensorsFile(path: IOFixtures.path("decoded.expected.safetensors")) }
    static var resized: SafetensorsFile { try! SafetensorsFile(path: IOFixtures.path("resize.expected.safetensors")) }

    /// The reference [H, W, 3] pixels as an RGBImage.
    static func reference(_ file: SafetensorsFile, _ name: String) throws -> RGBImage {
        let tensor = try file.tensor(named: name)
        return RGBImage(width: tensor.shape[1], height: tensor.shape[0], pixels: tensor.values.map { UInt8($0) })
    }

    @Test("PNG and JPEG decode to Pillow's pixels; grayscale and palette expand to RGB, alpha is dropped",
          arguments: ["photo.png", "photo.jpg", "gray.png", "gray.jpg", "rgba.png", "palette.png"])
    func decodesLikePillow(name: String) throws {
        let image = try ImageDecoder.decode(path: IOFixtures.path(name))
        let expected = try Self.reference(Self.decoded, name)
        #expect(image.width == 37 && image.height == 23)
        #expect(image == expected)
    }

    @Test("corrupt, truncated and non-image files give a typed error naming the path",
          arguments: [("truncated.jpg", ImageError.Code.corrupt), ("corrupt.png", .corrupt),
                      ("not_an_image.png", .unsupportedFormat), ("missing.jpg", .unreadable)])
    func reportsBadFiles(name: String, code: ImageError.Code) {
        let path = IOFixtures.path(name)
        let error = #expect(throws: ImageError.self) { try ImageDecoder.decode(path: path) }
        #expect(error?.code == code)
        #expect(error?.path == path)
        #expect(error?.description.hasPrefix(path) == true)
    }

    @Test("resizing matches Pillow's Image.resize exactly, up and down, for every filter",
          arguments: ImageInterpolation.allCases)
    func resizesLikePillow(interpolation: ImageInterpolation) throws {
        let photo = try ImageDecoder.decode(path: IOFixtures.path("photo.png"))
        for (width, height) in [(20, 12), (50, 31), (37, 10), (9, 23), (80, 64)] {
            let expected = try Self.reference(Self.resized, "\(interpolation.rawValue).\(width)x\(height)")
            let actual = photo.resized(width: width, height: height, interpolation: interpolation)
            let differing = zip(actual.pixels, expected.pixels).filter { $0 != $1 }.count
            #expect(differing == 0, "\(interpolation) \(width)x\(height): \(differing) of \(expected.pixels.count) values differ")
        }
    }

    @Test("short-side resize, centre crop and (pixel - 127) / 128 give torchvision's tensor")
    func efficientNetStylePipeline() throws {
        let photo = try ImageDecoder.decode(path: IOFixtures.path("photo.png"))
        let pipeline = ImagePreprocessor(resizeShortSide: 16, interpolation: .bicubic, centerCrop: (12, 12),
                                         normalization: .scaleOffset(scale: 1.0 / 128, offset: -127.0 / 128))
        let expected = try SafetensorsFile(path: IOFixtures.path("pipeline.expected.safetensors")).tensor(named: "lite")
        let actual = try pipeline.tensor([photo])
        #expect(actual.shape == [1, 3, 12, 12])
        #expect(IOFixtures.maxDifference(actual, expected) == 0)
    }

    @Test("mean/std normalisation in BGR order matches torchvision within 1e-6")
    func imageNetStyleBGR() throws {
        let photo = try ImageDecoder.decode(path: IOFixtures.path("photo.png"))
        let pipeline = ImagePreprocessor(
            resizeShortSide: 20, interpolation: .bilinear, centerCrop: (16, 14),
            normalization: .meanStd(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]), channelOrder: .bgr)
        let expected = try SafetensorsFile(path: IOFixtures.path("pipeline.expected.safetensors")).tensor(named: "imagenet_bgr")
        let actual = try pipeline.tensor([photo, photo])
        #expect(actual.shape == [2, 3, 16, 14])
        let first = try Tensor(shape: [1, 3, 16, 14], values: Array(actual.values.prefix(3 * 16 * 14)))
        #expect(IOFixtures.maxDifference(first, expected) < 1e-6)
        #expect(actual.values.prefix(3 * 16 * 14).elementsEqual(actual.values.suffix(3 * 16 * 14)))
    }

    @Test("torchvision's size and crop arithmetic: truncated long side, round-half-even origin, padding")
    func geometryArithmetic() {
        #expect(ImagePreprocessor.shortSideSize(width: 500, height: 375, shortSide: 256) == (341, 256))
        #expect(ImagePreprocessor.shortSideSize(width: 451, height: 300, shortSide: 256) == (384, 256))
        #expect(ImagePreprocessor.cropOrigin(size: 341, crop: 224) == 58)  // round(58.5) = 58
        #expect(ImagePreprocessor.cropOrigin(size: 343, crop: 224) == 60)  // round(59.5) = 60
        #expect(ImagePreprocessor.cropOrigin(size: 10, crop: 13) == -1)
        let tiny = RGBImage(width: 2, height: 2, red: 9, green: 9, blue: 9).cropped(x: -1, y: 0, width: 3, height: 2)
        #expect(tiny.pixels == [0, 0, 0, 9, 9, 9, 9, 9, 9, 0, 0, 0, 9, 9, 9, 9, 9, 9])
    }

    @Test("images of different sizes without a crop are refused as a batch")
    func mixedSizesRefused() {
        let pipeline = ImagePreprocessor(normalization: .scaleOffset(scale: 1, offset: 0))
        let error = #expect(throws: PreprocessingError.self) {
            try pipeline.tensor([RGBImage(width: 2, height: 2, red: 0, green: 0, blue: 0),
                                 RGBImage(width: 3, height: 2, red: 0, green: 0, blue: 0)])
        }
        #expect(error?.message.contains("2x2 and 3x2") == true)
    }
}
