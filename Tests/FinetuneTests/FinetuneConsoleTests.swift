import Foundation
import HubTestSupport
@testable import ModelStore
import Testing

/// What `hub finetune` prints while it trains, run as a process on a cached base and real PNG files.
@Suite("hub finetune console")
final class FinetuneConsoleTests {
    let root = FinetuneFixtures.temporaryDirectory("hub-finetune-console")

    deinit { try? FileManager.default.removeItem(at: root) }

    func hub(_ arguments: [String]) throws -> HubProcess.Result {
        try FinetuneFixtures.runHub(arguments, in: root)
    }

    func prepare() throws -> String {
        try FinetuneFixtures.saveBase(in: try ModelCache(root: root.appendingPathComponent("cache")))
        let data = root.appendingPathComponent("data")
        try FinetuneFixtures.writeImageFolder(data, perClass: 12, seed: 5)
        return data.path
    }

    @Test("the data note, the strategy and one line per epoch are printed as training goes")
    func progressLines() throws {
        let result = try hub(["finetune", "stripes-base", "--data", try prepare(), "--name", "alice/stripes",
                              "--strategy", "feature-extraction", "--epochs", "3", "--seed", "1"])
        try #require(result.status == 0, "\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.contains("data: "))
        for epoch in 1...3 { #expect(output.contains("epoch \(epoch)/3  train loss")) }
        #expect(output.contains("Saved alice/stripes:latest"))
    }

    @Test("--quiet prints only the summary")
    func quiet() throws {
        let result = try hub(["finetune", "stripes-base", "--data", try prepare(), "--name", "alice/stripes",
                              "--strategy", "feature-extraction", "--epochs", "2", "--seed", "1", "--quiet"])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("epoch 1/2"))
        #expect(result.stdout.contains("Saved alice/stripes:latest"))
    }
}
