import ArgumentParser
import Foundation
import HubClient

/// `hub login`: Save the registry address and your token for later commands.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Save the registry address and your token for later commands.",
        discussion: "Writes them to ~/.config/hub/config.json (or $HUB_CONFIG), readable by you only "
            + "(mode 0600). Flags and HUB_REGISTRY / HUB_TOKEN / HUB_CACHE still override it.")

    /// Registry, token, cache, quiet.
    @OptionGroup var options: ClientOptions

    func validate() throws {
        let registry = options.registryOptions.registry, token = options.registryOptions.token
        guard registry != nil || token != nil || options.cacheOptions.cache != nil else {
            throw ValidationError("nothing to save", hint: "run `hub login --registry URL --token TOKEN`")
        }
    }

    func run() async throws {
        try ClientCommandRunner.run { () throws(ClientError) in
            let environment = ProcessInfo.processInfo.environment
            var file = ConfigFile.load(environment: environment)
            if let registry = options.registryOptions.registry { file.registry = ClientConfiguration.normalizedRegistry(registry) }
            if let token = options.registryOptions.token { file.token = token }
            if let cache = options.cacheOptions.cache { file.cache = cache }
            let path = ConfigFile.path(environment: environment)
            try file.save(to: path)
            let registry = file.registry ?? ClientConfiguration.defaultRegistry
            print("Saved registry \(DebugLog.redacted(url: registry))\(file.token == nil ? "" : " and token") to \(path.path)")
            let client = RegistryClient(configuration: ClientConfiguration(
                registry: registry, token: file.token, cacheDirectory: URL(fileURLWithPath: "/"),
                transfers: TransferSettings(environment: environment)))
            do throws(ClientError) {
                try client.checkHealth(subject: "checking the saved settings")
            } catch {
                printError("warning: \(error.message)")
            }
        }
    }
}
