import Foundation
@testable import HuggingFace
import Testing

@Suite("The model-card front matter hub reads")
struct ModelCardFrontMatterTests {
    func read(_ text: String) throws -> ModelCardFrontMatter { try ModelCardFrontMatter(readme: Data(text.utf8)) }

    @Test("timm's push_to_hf_hub card: block lists, licence, datasets; the body is not read")
    func timmCard() throws {
        let card = try read("---\ntags:\n- image-classification\n- timm\n- medical\npipeline_tag: image-classification\n"
            + "library_name: timm\nlicense: apache-2.0\nbase_model: alice/fashion-net\ndatasets:\n- imagenet-1k\n---\n"
            + "# Model card for x\n\nlicense: mit\n")
        #expect(card.license == "apache-2.0" && card.baseModel == "alice/fashion-net")
        #expect(card.tags == ["image-classification", "timm", "medical"] && card.datasets == ["imagenet-1k"])
    }

    @Test("flow lists, quotes, comments, indented items, CRLF line ends and a skipped model-index")
    func forms() throws {
        let card = try read("---\r\nlicense: \"cc-by-4.0\" # the weights\r\ntags: [a, 'b c', \"d, e\"]\r\n"
            + "base_model:\r\n  - 'owner/model'\r\n  - other/model\r\nmodel-index:\r\n  - name: x\r\n    results: []\r\n"
            + "datasets: pets\r\n---\r\n")
        #expect(card.license == "cc-by-4.0")
        #expect(card.tags == ["a", "b c", "d, e"])
        #expect(card.baseModel == "owner/model" && card.datasets == ["pets"])
        #expect(card.values["model-index"] == .skipped)
    }

    @Test("no front matter is an empty card; one without its closing line is refused")
    func edges() throws {
        #expect(try read("# Just a title\n").values.isEmpty)
        #expect(try read("").values.isEmpty)
        #expect(throws: HuggingFaceError.self) { try read("---\nlicense: mit\n") }
    }

    @Test("never traps on hostile bytes, and stays bounded")
    func hostile() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("---\n:- []'\"#ab\t{}&*|>\\".utf8)
        for _ in 0..<2_000 {
            let count = Int.random(in: 0..<200, using: &generator)
            let bytes = Data([UInt8]("---\n".utf8) + (0..<count).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            } + [UInt8]("\n---\n".utf8))
            _ = try? ModelCardFrontMatter(readme: bytes)
        }
        let long = try read("---\ntags:\n" + String(repeating: "- x\n", count: 5_000) + "license: " + String(repeating: "m", count: 5_000) + "\n---\n")
        #expect(long.tags.count == ModelCardFrontMatter.maximumListItems)
        #expect(long.license?.count == ModelCardFrontMatter.maximumScalarLength)
        let huge = Data(("---\n" + String(repeating: "a: b\n", count: 60_000) + "---\n").utf8)
        #expect(throws: HuggingFaceError.self) { try ModelCardFrontMatter(readme: huge) }
    }
}
