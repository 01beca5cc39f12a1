import ArgumentParser
import Foundation
import HubClient

/// The options every client command accepts: the registry and token, the cache, and `--quiet`.
/// `CommandContext` turns them (with the environment and the login file) into one configuration.
struct ClientOptions: ParsableArguments {
    /// `--registry`, `--token`.
    @OptionGroup var registryOptions: RegistryOptions
    /// `--cache`.
    @OptionGroup var cacheOptions: CacheOptions

    /// `--quiet`: no progress lines.
    @Flag(name: [.short, .long], help: "Print no progress lines.")
    var quiet = false

    /// The configuration these options select: each flag, else its environment variable, else the login file.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) -> ClientConfiguration {
        ClientConfiguration.resolve(registry: registryOptions.registry, token: registryOptions.token,
                                    cache: cacheOptions.cache, environment: environment)
    }
}
