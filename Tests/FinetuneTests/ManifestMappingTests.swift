import Engine
import Finetune
import Manifest
import Testing

/// Fine-tuning maps a manifest's fields to the engine's plain values: the preprocessing of
/// `input` and the training settings as `lineage.hyperparameters`.
@Suite("manifest fields mapped to the engine's values")
struct ManifestMappingTests {
    @Test("a manifest's input becomes the same pipeline as the engine's plain values")
    func inputBecomesPipeline() throws {
        let input = InputSpec(shape: [3, 16, 14], channelOrder: "BGR", preprocessing: Preprocessing(
            resizeShortSide: 20, interpolation: "bilinear", centerCrop: [16, 14],
            normalization: .meanStd(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])))
        let expected = ImagePreprocessor(
            resizeShortSide: 20, interpolation: .bilinear, centerCrop: (16, 14),
            normalization: .meanStd(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]), channelOrder: .bgr)
        #expect(try ImagePreprocessor(input) == expected)
        let lite = InputSpec(shape: [3, 224, 224], preprocessing: Preprocessing(
            resizeShortSide: 256, interpolation: "bicubic", centerCrop: [224, 224],
            normalization: .scaleOffset(scale: 1.0 / 128, offset: -127.0 / 128)))
        #expect(try ImagePreprocessor(lite) == .efficientNetLite)
    }

    @Test("unknown interpolation, channel order or crop are refused with what was expected", arguments: [
        ("lanczos", "RGB", [224, 224], "expected nearest, bilinear or bicubic"),
        ("bilinear", "RGBA", [224, 224], "expected RGB or BGR"),
        ("bilinear", "RGB", [224], "centerCrop must be [height, width]"),
    ])
    func refusesUnknownNames(interpolation: String, order: String, crop: [Int], expected: String) {
        let input = InputSpec(shape: [3, 224, 224], channelOrder: order, preprocessing: Preprocessing(
            resizeShortSide: 256, interpolation: interpolation, centerCrop: crop,
            normalization: .scaleOffset(scale: 1, offset: 0)))
        let error = #expect(throws: PreprocessingError.self) { try ImagePreprocessor(input) }
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }

    @Test("the training settings become lineage.hyperparameters, batch norm only when pretrained layers train")
    func hyperparameters() {
        var settings = TrainingConfiguration(strategy: .topK(blocks: 1))
        settings.batchNorm = .adapt
        settings.patience = 3
        #expect(settings.hyperparameters["batchNorm"] == .string("adapt"))
        #expect(settings.hyperparameters["unfreeze"] == .number(1))
        #expect(settings.hyperparameters["patience"] == .number(3))
        #expect(settings.hyperparameters["pretrainedLrFactor"] == .number(Double(Float(0.1))))
        let head = TrainingConfiguration(strategy: .featureExtraction)
        #expect(head.hyperparameters["batchNorm"] == nil && head.hyperparameters["pretrainedLrFactor"] == nil)
        #expect(head.hyperparameters["epochs"] == .number(10) && head.hyperparameters["optimizer"] == .string("sgd"))
    }
}
