import Foundation
@testable import HubClient
import Manifest
import Testing

/// Search and lineage answers from a registry that lies about counts or sends huge graphs:
/// drawn or refused with a clear error, never a crash or a hang.
@Suite("search and lineage answers from a malicious registry")
struct MaliciousAnswerTests {
    /// A lineage chain of `count` generations as the registry's JSON answer.
    static func chain(_ count: Int) -> String {
        let nodes = (0..<count).map {
            #"{"id":"m\#($0)@sha256:\#($0)","name":"m\#($0)","digest":"sha256:\#($0)","tags":[],"architecture":"a","task":"t","#
                + #""headlineMetric":null,"generation":\#($0)}"#
        }
        let edges = (1..<count).map {
            #"{"parent":"m\#($0 - 1)@sha256:\#($0 - 1)","child":"m\#($0)@sha256:\#($0)","relation":"finetune","strategy":null}"#
        }
        return #"{"root":"m0@sha256:0","nodes":["# + nodes.joined(separator: ",") + #"],"edges":["#
            + edges.joined(separator: ",") + #"],"truncated":false}"#
    }

    @Test("a lineage chain thousands of generations deep is drawn without deep recursion, quickly")
    func deepChain() throws {
        let registry = try CraftedRegistry([.init("GET", "/v1/models/_/m0/lineage", text: Self.chain(5_000))])
        let started = Date()
        let result = try registry.hub(["lineage", "m0"], timeout: 60)
        #expect(result.status == 0, "status \(result.status): \(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 5_000)
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test("a lineage answer with more nodes than the client draws is refused, saying how many")
    func hugeGraph() throws {
        let registry = try CraftedRegistry([.init("GET", "/v1/models/_/m0/lineage", text: Self.chain(20_000))])
        let result = try registry.hub(["lineage", "m0"], timeout: 60)
        #expect(result.status == CommandExitCode.failure.rawValue, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("20,000 nodes") && result.stderr.contains("10,000"), "\(result.stderr)")
    }

    @Test("a search answer with more hits than asked for, or a negative total, is refused")
    func searchCounts() throws {
        let hit = #"{"name":"m","tag":"latest","digest":"sha256:0","architecture":"a","family":"f","domain":[],"task":"t","#
            + #""license":"mit","summary":"","headlineMetric":null,"downloads":1,"parent":null,"updated":"2026-01-01T00:00:00Z"}"#
        let many = #"{"results":["# + Array(repeating: hit, count: 30).joined(separator: ",") + #"],"total":30,"nextCursor":null}"#
        let negative = #"{"results":[\#(hit)],"total":-5,"nextCursor":null}"#
        for (body, problem) in [(many, "30 results for a limit of 20"), (negative, "total -5")] {
            let registry = try CraftedRegistry([.init("GET", "/v1/search", text: body)])
            let result = try registry.hub(["search", "m"])
            #expect(result.status == CommandExitCode.failure.rawValue, "\(result.stderr)")
            #expect(result.stderr.contains(problem), "\(result.stderr)")
        }
    }
}
