import Foundation
import Manifest
import Testing

@Suite("docs/manifest.md")
struct ManifestDocumentationTests {
    @Test("the complete example in docs/manifest.md is a valid manifest")
    func documentedExampleIsValid() throws {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/manifest.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let example = Data(text[start.upperBound..<end.lowerBound].utf8)
        #expect(ManifestValidator.issues(in: example).isEmpty)
        let manifest = try ModelManifest.decode(example)
        #expect(manifest.lineage?.parent?.digest != nil)
        #expect(manifest.headlineMetric?.name == "accuracy")
        #expect(manifest.confusionMatrix?.counts.count == 3 && manifest.lineage?.epochs?.count == 2)
    }
}
