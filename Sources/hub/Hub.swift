import ArgumentParser
import HubClient

/// The `hub` command: the registry server's and the client's subcommands (Commands/), each in its own
/// file; no benchmarks (those are `hub-bench`).
@main
struct Hub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "A self-hosted model hub for transfer learning: search, pull, fine-tune and share vision models.",
        discussion: CommandExitCode.helpText,
        subcommands: [
            ServeCommand.self,
            SearchCommand.self,
            InfoCommand.self,
            PullCommand.self,
            PushCommand.self,
            FinetuneCommand.self,
            EvalCommand.self,
            PredictCommand.self,
            ImportCommand.self,
            LineageCommand.self,
            ListCommand.self,
            RemoveCommand.self,
            CacheCommand.self,
            LoginCommand.self,
            AdminCommand.self,
        ])

    /// Picks OpenBLAS's kernels before anything runs (see `BLASRestart`), then parses and runs the command.
    static func main() async {
        BLASRestart.restartIfBetterKernelsExist()
        await main(nil)
    }
}
