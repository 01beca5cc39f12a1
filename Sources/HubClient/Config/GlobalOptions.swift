import ArgumentParser
import Foundation

/// Options every client command accepts; each overrides its environment variable and the
/// config file written by `hub login`.
public struct GlobalOptions: ParsableArguments, Sendable {
    /// `--registry URL`: overrides `HUB_REGISTRY`.
    @Option(name: .long, help: ArgumentHelp("Registry URL (default: $HUB_REGISTRY, the login file, or \(ClientConfiguration.defaultRegistry)).", valueName: "url"))
    public var registry: String?

    /// `--token T`: overrides `HUB_TOKEN`.
    @Option(name: .long, help: ArgumentHelp("Bearer token (default: $HUB_TOKEN or the login file).", valueName: "token"))
    public var token: String?

    /// `--cache DIR`: overrides `HUB_CACHE`.
    @Option(name: .long, help: ArgumentHelp("Cache directory (default: $HUB_CACHE or ~/.cache/hub).", valueName: "dir"))
    public var cache: String?

    /// `--quiet`: no progress lines.
    @Flag(name: [.short, .long], help: "Print no progress lines.")
    public var quiet = false

    /// Options as parsed.
    public init() {}

    /// The configuration these options select.
    public func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) -> ClientConfiguration {
        ClientConfiguration.resolve(registry: registry, token: token, cache: cache, environment: environment)
    }
}
