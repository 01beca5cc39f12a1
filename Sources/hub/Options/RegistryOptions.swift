import ArgumentParser
import HubClient

/// `--registry URL` and `--token T`: which registry to talk to, and as whom. Each overrides its
/// environment variable (`HUB_REGISTRY`, `HUB_TOKEN`) and the config file written by `hub login`.
struct RegistryOptions: ParsableArguments {
    /// `--registry URL`.
    @Option(name: .long, help: ArgumentHelp("Registry URL (default: $HUB_REGISTRY, the login file, or \(ClientConfiguration.defaultRegistry)).", valueName: "url"))
    var registry: String?

    /// `--token T`.
    @Option(name: .long, help: ArgumentHelp("Bearer token (default: $HUB_TOKEN or the login file).", valueName: "token"))
    var token: String?
}
