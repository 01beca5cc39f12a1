import Engine
import Foundation
import HubTestSupport
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

/// `hub import` run as a process: preprocessing, card body and author options end up in the manifest.
@Suite("hub import options")
final class ImportCommandTests {
    let root = TestModels.temporaryDirectory("hub-import-test")
    let checkpoint: String

    init() throws {
        let source = try ArchitectureSpec(name: "small_cnn", classCount: 3).build(seed: 5)
        var tensors = NamedTensors()
        for (name, tensor) in source.stateDict() { tensors.set(tensor, for: name) }
        checkpoint = root.appendingPathComponent("tiny.safetensors").path
        try SafetensorsWriter.write(tensors, to: checkpoint)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func hub(_ arguments: [String]) throws -> HubProcess.Result {
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "HOME": root.path, "USER": "tester",
                           "HUB_CONFIG": root.appendingPathComponent("config.json").path,
                           "HUB_REGISTRY": "http://127.0.0.1:1",
                           "HUB_CACHE": root.appendingPathComponent("cache").path]
        return try HubProcess.run(arguments, environment: environment, directory: root)
    }

    func imported(_ name: String) throws -> ModelManifest {
        try ModelCache(root: root.appendingPathComponent("cache")).resolve(try Reference(parsing: name)).manifest
    }

    @Test("--resize, --description and --author reach the manifest and the card")
    func resizeDescriptionAuthor() throws {
        let card = root.appendingPathComponent("card.md")
        let body = "# Tiny stripes\n\nA small CNN trained on stripes.\n"
        try body.write(to: card, atomically: true, encoding: .utf8)
        let result = try hub(["import", checkpoint, "--arch", "small_cnn", "--name", "bob/tiny", "--input-size", "32",
                              "--resize", "40", "--description", card.path, "--author", " Bob Builder "])
        try #require(result.status == 0, "\(result.stderr)")
        let manifest = try imported("bob/tiny")
        #expect(manifest.input.shape == [3, 32, 32])
        #expect(manifest.input.preprocessing.resizeShortSide == 40 && manifest.input.preprocessing.centerCrop == [32, 32])
        #expect(manifest.description == body)
        #expect(manifest.author == "Bob Builder")
        let info = try hub(["info", "bob/tiny"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("  Tiny stripes\n"))
        #expect(info.stdout.contains("resize short side 40 (bilinear), center crop 32x32"))
        #expect(info.stdout.contains("Author         Bob Builder"))
    }

    @Test("without the new options the import keeps its defaults")
    func defaults() throws {
        try #require(try hub(["import", checkpoint, "--arch", "small_cnn", "--name", "bob/sized", "--input-size", "32"]).status == 0)
        let sized = try imported("bob/sized")
        #expect(sized.input.preprocessing.resizeShortSide == 32 && sized.input.preprocessing.centerCrop == [32, 32])
        #expect(sized.description.hasPrefix("Imported from tiny.safetensors as small_cnn"))
        #expect(sized.author == "tester")
        try #require(try hub(["import", checkpoint, "--arch", "small_cnn", "--name", "bob/plain", "--resize", "232"]).status == 0)
        let plain = try imported("bob/plain")
        #expect(plain.input.preprocessing.resizeShortSide == 232 && plain.input.preprocessing.centerCrop == [224, 224])
    }

    @Test("a resize smaller than the crop, an unreadable card or an empty author is refused and nothing is saved")
    func refusals() throws {
        let small = try hub(["import", checkpoint, "--arch", "small_cnn", "--name", "bob/tiny", "--input-size", "32",
                             "--resize", "24"])
        #expect(small.status == CommandExitCode.usage.rawValue)
        #expect(small.stderr.contains("--resize 24 is smaller than the input size 32"))
        #expect(small.stderr.contains("hint: use --resize 32 or more"))
        let missing = try hub(["import", checkpoint, "--arch", "small_cnn", "--name", "bob/tiny",
                               "--description", root.appendingPathComponent("nope.md").path])
        #expect(missing.status == CommandExitCode.notFound.rawValue)
        #expect(missing.stderr.contains("cannot read the description file"))
        let anonymous = try hub(["import", checkpoint, "--arch", "small_cnn", "--name", "bob/tiny", "--author", " "])
        #expect(anonymous.status == CommandExitCode.usage.rawValue)
        #expect(anonymous.stderr.contains("--author must not be empty"))
        #expect(try ModelCache(root: root.appendingPathComponent("cache")).listModels().isEmpty)
    }
}
