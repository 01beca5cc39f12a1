import Foundation
import HubClient
import ModelStore

/// What a client command works with, built once from its options: the configuration (registry, token and
/// cache folder, from flags, environment and login file), and how results and progress are printed.
struct CommandContext {
    /// Registry, token and cache folder.
    let configuration: ClientConfiguration
    /// `--json`: results as JSON on standard output.
    let json: Bool
    /// `--quiet`.
    let quiet: Bool

    /// The context `options` (and `output`, for commands with `--json`) select.
    init(_ options: ClientOptions, output: OutputOptions? = nil,
         environment: [String: String] = ProcessInfo.processInfo.environment) {
        configuration = options.configuration(environment: environment)
        json = output?.json ?? false
        quiet = options.quiet
    }

    /// Whether progress lines and notes go to the terminal: not with `--quiet`, not with `--json`.
    var showsProgress: Bool { !quiet && !json }

    /// Opens the local cache (creating its folder and finishing any interrupted write).
    func openCache() throws(ClientError) -> ModelCache {
        try storing { () throws(StoreError) in try ModelCache(root: configuration.cacheDirectory) }
    }

    /// A client of the configured registry.
    func registry() -> RegistryClient {
        RegistryClient(configuration: configuration)
    }

    /// A puller into `cache` that shows progress unless `--quiet` or `--json`.
    func puller(into cache: ModelCache) -> ModelPuller {
        ModelPuller(configuration: configuration, cache: cache, quiet: !showsProgress)
    }

    /// Prints `value` as JSON with `--json`, else the text.
    func print<Value: Encodable>(_ value: Value, text: () -> String) {
        if json { JSONOutput.print(value) } else { Swift.print(text()) }
    }
}
