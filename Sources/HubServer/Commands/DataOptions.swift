import ArgumentParser
import Foundation

/// `--data DIR`, shared by `hub serve` and `hub admin`.
public struct DataOptions: ParsableArguments {
    /// The data directory.
    @Option(name: .long, help: "The registry's data directory (default: $XDG_DATA_HOME/hub or ~/.local/share/hub).")
    public var data: String?

    /// Empty options (the default directory).
    public init() {}

    /// The chosen data directory.
    public var directory: URL {
        data.map { URL(fileURLWithPath: $0) } ?? ServerConfiguration.defaultDataDirectory
    }
}
