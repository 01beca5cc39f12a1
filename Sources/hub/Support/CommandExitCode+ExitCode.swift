import ArgumentParser
import HubClient

extension CommandExitCode {
    /// The same code as ArgumentParser's `ExitCode`, which ends the process with it.
    var exitCode: ExitCode { ExitCode(rawValue) }
}
