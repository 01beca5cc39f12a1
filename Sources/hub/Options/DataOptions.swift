import ArgumentParser
import Foundation
import HubServer

/// `--data DIR`, shared by `hub serve` and the `hub admin` commands.
struct DataOptions: ParsableArguments {
    /// The data directory.
    @Option(name: .long, help: "The registry's data directory (default: $XDG_DATA_HOME/hub or ~/.local/share/hub).")
    var data: String?

    /// The chosen data directory.
    var directory: URL {
        data.map { URL(fileURLWithPath: $0) } ?? ServerConfiguration.defaultDataDirectory
    }
}
