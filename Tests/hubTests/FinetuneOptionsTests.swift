import Engine
@testable import hub
import HubClient
import Finetune
import Testing

/// `hub finetune`'s options as parsed: bad values are usage errors that name the option.
@Suite("hub finetune options")
struct FinetuneOptionsTests {
    func request(_ extra: [String]) throws -> FinetuneRequest {
        try FinetuneCommand.parse(["base", "--data", "images", "--name", "alice/derived"] + extra).makeRequest()
    }

    @Test("--batch-norm defaults to frozen and takes adapt")
    func batchNorm() throws {
        #expect(try request([]).training.batchNorm == .frozen)
        #expect(try request(["--batch-norm", "adapt"]).training.batchNorm == .adapt)
    }

    @Test("non-positive counts and rates are refused with the option's name",
          arguments: [(["--limit-per-class", "0"], "--limit-per-class must be a positive number, got 0"),
                      (["--head-hidden=-3"], "--head-hidden must be a positive number, got -3"),
                      (["--patience", "0"], "--patience must be a positive number, got 0"),
                      (["--lr", "0"], "--lr must be a positive number, got 0.0"),
                      (["--weight-decay=-1"], "--weight-decay must not be negative, got -1.0")])
    func refusesBadValues(_ arguments: [String], _ message: String) throws {
        #expect {
            try request(arguments)
        } throws: { error in
            (error as? ClientError)?.code == .usage && (error as? ClientError)?.message == message
        }
    }
}
