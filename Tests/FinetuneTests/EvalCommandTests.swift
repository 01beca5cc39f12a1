@testable import Finetune
import Foundation
import HubTestSupport
@testable import HubClient
@testable import ModelStore
import Testing

/// `hub eval` run as a process on a cached model and a folder of real PNG files.
@Suite("hub eval options")
final class EvalCommandTests {
    let root = FinetuneFixtures.temporaryDirectory("hub-eval-test")

    deinit { try? FileManager.default.removeItem(at: root) }

    func hub(_ arguments: [String]) throws -> HubProcess.Result {
        try FinetuneFixtures.runHub(arguments, in: root)
    }

    func prepare() throws -> String {
        try FinetuneFixtures.saveBase(in: try ModelCache(root: root.appendingPathComponent("cache")))
        let data = root.appendingPathComponent("data")
        try FinetuneFixtures.writeImageFolder(data, perClass: 12, seed: 4)
        // The base's labels are a, b, c: name the class folders after them.
        for (folder, label) in zip(FinetuneFixtures.classes, ["a", "b", "c"]) {
            try FileManager.default.moveItem(at: data.appendingPathComponent(folder), to: data.appendingPathComponent(label))
        }
        return data.path
    }

    @Test("--limit-per-class measures on that many images of each class")
    func limitPerClass() throws {
        let data = try prepare()
        let all = try hub(["eval", "stripes-base", "--data", data, "--json"])
        try #require(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("\"count\" : 36"))
        let limited = try hub(["eval", "stripes-base", "--data", data, "--limit-per-class", "5", "--json"])
        try #require(limited.status == 0, "\(limited.stderr)")
        #expect(limited.stdout.contains("\"count\" : 15"))
    }

    @Test("a non-positive --limit-per-class is a usage error naming the option")
    func badLimit() throws {
        let result = try hub(["eval", "stripes-base", "--data", try prepare(), "--limit-per-class", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--limit-per-class must be a positive number, got 0"))
    }
}
