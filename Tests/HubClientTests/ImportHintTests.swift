@testable import HubClient
import Manifest
import Testing

/// The `hub import` command a not-found hint suggests follows the requested name.
@Suite("import hint")
struct ImportHintTests {
    func command(_ text: String) throws -> String {
        ImportHint(reference: try Reference(parsing: text)).command
    }

    @Test("an architecture in the name becomes --arch, with its preprocessing preset")
    func architectureFromName() throws {
        #expect(try command("resnet50-imagenet")
            == "hub import FILE --arch resnet50 --name <you>/resnet50-imagenet --labels imagenet-1k.txt --preprocess imagenet")
        #expect(try command("alice/efficientnet-lite2-birds:v2")
            == "hub import FILE --arch efficientnet_lite2 --name alice/efficientnet-lite2-birds:v2 --labels LABELS.txt "
            + "--preprocess efficientnet-lite")
        #expect(ImportHint(reference: try Reference(parsing: "mobilenetv2-flowers")).architecture == "mobilenet_v2")
        #expect(ImportHint(reference: try Reference(parsing: "bob/vgg16.cifar")).architecture == "vgg16")
    }

    @Test("a name without a known architecture gets the generic form")
    func genericForm() throws {
        #expect(try command("bob/bird-classifier")
            == "hub import FILE --arch ARCH --name bob/bird-classifier --labels LABELS.txt")
        #expect(ImportHint(reference: try Reference(parsing: "resnet-imagenet")).architecture == nil)
    }
}
