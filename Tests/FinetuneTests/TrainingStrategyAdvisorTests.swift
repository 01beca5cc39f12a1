@testable import Engine
@testable import Finetune
import Testing

/// The `auto` rule, one row per case of the table in docs/finetuning.md.
@Suite("auto strategy")
struct TrainingStrategyAdvisorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var size: Int
        var classes: Int
        var base: [String]
        var target: [String]
        var probe: Double?
        var expected: Strategy
        var testDescription: String { "\(size)/\(classes) \(target) vs \(base) probe \(probe.map { "\($0)" } ?? "-")" }
    }

    static let table: [Case] = [
        // tiny: always the head alone
        Case(size: 50, classes: 5, base: ["imagenet"], target: ["medical"], probe: nil, expected: .featureExtraction),
        Case(size: 90, classes: 10, base: ["imagenet"], target: [], probe: 0.2, expected: .featureExtraction),
        // small and similar (shared tag, unknown tag, no tag, or a good probe)
        Case(size: 300, classes: 3, base: ["imagenet"], target: ["fashion"], probe: nil, expected: .featureExtraction),
        Case(size: 1_000, classes: 10, base: ["imagenet", "photos"], target: ["photos"], probe: nil, expected: .featureExtraction),
        Case(size: 600, classes: 4, base: ["imagenet"], target: [], probe: nil, expected: .featureExtraction),
        Case(size: 600, classes: 4, base: ["imagenet"], target: ["medical"], probe: 0.95, expected: .featureExtraction),
        // small and different (distant tag, or a poor probe)
        Case(size: 400, classes: 2, base: ["imagenet"], target: ["medical"], probe: nil, expected: .topK(blocks: 2)),
        Case(size: 2_000, classes: 10, base: ["imagenet"], target: ["satellite"], probe: nil, expected: .topK(blocks: 2)),
        Case(size: 2_000, classes: 10, base: ["imagenet"], target: ["fashion"], probe: 0.3, expected: .topK(blocks: 2)),
        // a middling probe leaves the decision to the tags
        Case(size: 2_000, classes: 10, base: ["imagenet"], target: ["medical"], probe: 0.55, expected: .topK(blocks: 2)),
        Case(size: 2_000, classes: 10, base: ["imagenet"], target: ["fashion"], probe: 0.55, expected: .featureExtraction),
        // a base trained on the distant domain makes it near
        Case(size: 400, classes: 2, base: ["medical"], target: ["medical"], probe: nil, expected: .featureExtraction),
        // medium and large: full, whatever the domain
        Case(size: 2_500, classes: 10, base: ["imagenet"], target: ["fashion"], probe: nil, expected: .full),
        Case(size: 60_000, classes: 10, base: ["imagenet"], target: ["medical"], probe: 0.9, expected: .full),
    ]

    @Test(arguments: table)
    func choosesTheDocumentedStrategy(_ row: Case) {
        let advice = StrategyAdvisor.advise(datasetSize: row.size, classCount: row.classes,
                                            baseDomain: row.base, targetDomain: row.target, probeAccuracy: row.probe)
        #expect(advice.strategy == row.expected, "\(advice.reason)")
        #expect(advice.reason.hasPrefix("auto chose \(row.expected.name):"))
        #expect(advice.reason.contains("\(row.size) images"))
    }

    @Test func reasonNamesTheEvidence() {
        let advice = StrategyAdvisor.advise(datasetSize: 400, classCount: 2, baseDomain: ["imagenet"],
                                            targetDomain: ["Medical"])
        #expect(advice.reason.contains("medical is far from it"))
        let probed = StrategyAdvisor.advise(datasetSize: 400, classCount: 2, baseDomain: ["imagenet"],
                                            targetDomain: [], probeAccuracy: 0.9)
        #expect(probed.reason.contains("linear probe on frozen features reached 90.0% (chance 50.0%)"))
    }
}
