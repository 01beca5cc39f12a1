import Engine
@testable import hub
import HubClient
import Testing

/// `hub finetune`'s options as parsed: bad values are usage errors that name the option, found by
/// `validate()` while parsing, before the command runs.
@Suite("hub finetune options")
struct FinetuneOptionsTests {
    func parse(_ extra: [String]) throws -> FinetuneCommand {
        try FinetuneCommand.parse(["base", "--data", "images", "--name", "alice/derived"] + extra)
    }

    @Test("--batch-norm defaults to frozen and takes adapt")
    func batchNorm() throws {
        #expect(try parse([]).makeRequest().training.batchNorm == .frozen)
        #expect(try parse(["--batch-norm", "adapt"]).makeRequest().training.batchNorm == .adapt)
    }

    @Test("the learning rate defaults by optimizer and the domain tags are normalised")
    func defaults() throws {
        #expect(try parse([]).makeRequest().training.learningRate == 0.01)
        #expect(try parse(["--optimizer", "adamw"]).makeRequest().training.learningRate == 0.001)
        #expect(try parse(["--domain", " Medical, ,xray"]).makeRequest().domain == ["medical", "xray"])
    }

    @Test("non-positive counts and rates are refused with the option's name",
          arguments: [(["--limit-per-class", "0"], "--limit-per-class must be a positive number, got 0"),
                      (["--head-hidden=-3"], "--head-hidden must be a positive number, got -3"),
                      (["--patience", "0"], "--patience must be a positive number, got 0"),
                      (["--lr", "0"], "--lr must be a positive number, got 0.0"),
                      (["--weight-decay=-1"], "--weight-decay must not be negative, got -1.0"),
                      (["--val-split", "1"], "--val-split must lie between 0 and 1, got 1.0"),
                      (["--epochs", "0"], "--epochs, --batch and --unfreeze must be positive")])
    func refusesBadValues(_ arguments: [String], _ message: String) throws {
        #expect {
            try parse(arguments)
        } throws: { error in
            FinetuneCommand.exitCode(for: error).rawValue == CommandExitCode.usage.rawValue
                && FinetuneCommand.message(for: error) == message
        }
    }

    @Test("--name may not pin a digest")
    func nameWithDigest() throws {
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        #expect {
            try FinetuneCommand.parse(["base", "--data", "images", "--name", "alice/derived@\(digest)"])
        } throws: { error in
            FinetuneCommand.message(for: error).contains("names a digest; give a name, optionally with a :tag")
        }
    }
}
