import Foundation
import Testing

/// What `hub --help` offers: every user command, and no benchmark (those are in hub-bench).
@Suite("hub help")
struct HelpTests {
    @Test("hub --help lists every user command and the exit codes")
    func topLevel() throws {
        let hub = try HubBinary()
        defer { hub.remove() }
        let result = try hub.run(["--help"])
        #expect(result.status == 0)
        for command in ["serve", "search", "info", "pull", "push", "finetune", "eval", "predict", "import",
                        "lineage", "list", "rm", "cache", "login", "admin"] {
            #expect(result.stdout.contains("\n  \(command) "), "\(command) missing from:\n\(result.stdout)")
        }
        #expect(result.stdout.contains("Exit codes:"))
        #expect(!result.stdout.contains("bench"))
    }

    @Test("hub admin and hub cache have no bench subcommand", arguments: [["admin"], ["cache"]])
    func noBench(_ group: [String]) throws {
        let hub = try HubBinary()
        defer { hub.remove() }
        let help = try hub.run(group + ["--help"])
        #expect(help.status == 0)
        #expect(!help.stdout.contains("bench"), "\(help.stdout)")
        let bench = try hub.run(group + ["bench"])
        #expect(bench.status == 64, "status \(bench.status): \(bench.stderr)")
        #expect(!FileManager.default.fileExists(atPath: hub.cache.path))
    }

    @Test("every client command shows the shared options", arguments: ["pull", "push", "search", "finetune", "list"])
    func sharedOptions(_ command: String) throws {
        let hub = try HubBinary()
        defer { hub.remove() }
        let help = try hub.run([command, "--help"])
        #expect(help.status == 0)
        for option in ["--registry <url>", "--token <token>", "--cache <dir>", "--quiet"] {
            #expect(help.stdout.contains(option), "\(option) missing from hub \(command) --help")
        }
    }
}
